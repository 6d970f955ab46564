//! `<PersonaInquiry>` in headless Chromium, against the flow simulator on a second
//! local origin (`PERSONA_SIMULATOR_URL` at build time; `cargo xtask test` starts
//! the simulator and sets it).
#![cfg(target_arch = "wasm32")]

use std::cell::Cell;
use std::rc::Rc;
use std::sync::{Arc, Mutex};

use leptos::prelude::*;
use leptos_persona::{
    use_persona_inquiry, CompletePayload, ErrorCode, EventsAllowlist, ExitPayload, FlowMessage,
    Host, InquiryError, InquiryHandle, InquiryPhase, PersonaInquiry, ReadyPayload,
};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

const AUTOPLAY: &str = "env_sim_autoplay";

fn simulator() -> Host {
    let Some(url) = option_env!("PERSONA_SIMULATOR_URL") else {
        panic!(
            "PERSONA_SIMULATOR_URL must name the running flow simulator (cargo xtask test sets it)"
        );
    };
    url.parse()
        .expect("PERSONA_SIMULATOR_URL is a valid loopback origin")
}

fn document() -> web_sys::Document {
    web_sys::window().unwrap().document().unwrap()
}

async fn sleep(ms: i32) {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        web_sys::window()
            .unwrap()
            .set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms)
            .unwrap();
    });
    wasm_bindgen_futures::JsFuture::from(promise).await.unwrap();
}

/// Polls `condition` every 10 ms for up to `timeout_ms`.
async fn wait_until(timeout_ms: i32, mut condition: impl FnMut() -> bool) -> bool {
    let mut waited = 0;
    while !condition() {
        if waited >= timeout_ms {
            return false;
        }
        sleep(10).await;
        waited += 10;
    }
    true
}

/// A thread-safe log of callback calls, as `name` or `name:detail`.
#[derive(Clone, Default)]
struct Log(Arc<Mutex<Vec<String>>>);

impl Log {
    fn push(&self, entry: impl Into<String>) {
        self.0.lock().unwrap().push(entry.into());
    }
    fn entries(&self) -> Vec<String> {
        self.0.lock().unwrap().clone()
    }
    fn count(&self, prefix: &str) -> usize {
        self.entries()
            .iter()
            .filter(|e| e.starts_with(prefix))
            .count()
    }
    fn has(&self, entry: &str) -> bool {
        self.entries().iter().any(|e| e == entry)
    }
}

/// Callback props that log into `log`.
struct Recorder {
    log: Log,
}

impl Recorder {
    fn load(&self) -> Callback<()> {
        let log = self.log.clone();
        Callback::new(move |_| log.push("load"))
    }
    fn ready(&self) -> Callback<ReadyPayload> {
        let log = self.log.clone();
        Callback::new(move |r: ReadyPayload| {
            let max_w = r
                .preferred_dimensions
                .and_then(|d| d.maximum_width)
                .unwrap_or_default();
            log.push(format!("ready:{max_w}"))
        })
    }
    fn complete(&self) -> Callback<CompletePayload> {
        let log = self.log.clone();
        Callback::new(move |c: CompletePayload| {
            log.push(format!(
                "complete:{}:{}",
                c.inquiry_id.unwrap_or_default(),
                c.status.unwrap_or_default()
            ))
        })
    }
    fn cancel(&self) -> Callback<ExitPayload> {
        let log = self.log.clone();
        Callback::new(move |e: ExitPayload| {
            log.push(format!(
                "cancel:{}:{}",
                e.inquiry_id.unwrap_or_default(),
                e.session_token.unwrap_or_default()
            ))
        })
    }
    fn error(&self) -> Callback<InquiryError> {
        let log = self.log.clone();
        Callback::new(move |e: InquiryError| log.push(format!("error:{}", e.code.as_str())))
    }
    fn event(&self) -> Callback<FlowMessage> {
        let log = self.log.clone();
        Callback::new(move |m: FlowMessage| log.push(format!("event:{}", m.name)))
    }
}

struct Mounted {
    _unmount: Option<Box<dyn std::any::Any>>,
    handle: InquiryHandle,
    root: web_sys::HtmlElement,
}

impl Mounted {
    fn iframe(&self) -> web_sys::HtmlIFrameElement {
        self.root
            .query_selector("iframe")
            .unwrap()
            .expect("an iframe is rendered")
            .dyn_into()
            .unwrap()
    }
    fn phase(&self) -> InquiryPhase {
        self.handle.phase().get_untracked()
    }
    fn unmount(&mut self) {
        self._unmount = None;
        self.root.remove();
    }
}

impl Drop for Mounted {
    fn drop(&mut self) {
        self.unmount();
    }
}

/// An inline style property of `element`.
fn css(element: &web_sys::HtmlElement, property: &str) -> String {
    web_sys::HtmlElement::style(element)
        .get_property_value(property)
        .unwrap_or_default()
}

/// The value the browser uses for `property` (after the cascade and `var()`).
fn computed(element: &web_sys::Element, property: &str) -> String {
    web_sys::window()
        .unwrap()
        .get_computed_style(element)
        .unwrap()
        .unwrap()
        .get_property_value(property)
        .unwrap_or_default()
}

fn new_root() -> web_sys::HtmlElement {
    let root: web_sys::HtmlElement = document()
        .create_element("div")
        .unwrap()
        .dyn_into()
        .unwrap();
    document().body().unwrap().append_child(&root).unwrap();
    root
}

/// Mounts `<PersonaInquiry>` built by `build` (given a fresh handle) into a new div.
fn mount<V: IntoView + 'static>(build: impl FnOnce(InquiryHandle) -> V + 'static) -> Mounted {
    let root = new_root();
    let slot: Rc<Cell<Option<InquiryHandle>>> = Rc::new(Cell::new(None));
    let inner = slot.clone();
    let unmount = leptos::mount::mount_to(root.clone(), move || {
        let handle = use_persona_inquiry();
        inner.set(Some(handle));
        build(handle)
    });
    Mounted {
        _unmount: Some(Box::new(unmount)),
        handle: slot.get().expect("the component ran"),
        root,
    }
}

/// An inline inquiry for `scenario`, autoplayed, logging every callback.
fn inline(scenario: &str, log: &Log) -> Mounted {
    let template = format!("itmpl_sim_{scenario}");
    let r = Recorder { log: log.clone() };
    mount(move |handle| {
        view! {
            <PersonaInquiry
                host=simulator()
                template_id=template
                environment_id=AUTOPLAY
                handle=handle
                max_height=900.0
                load_timeout=5_000u32
                events_allowlist=EventsAllowlist::All
                on_load=r.load()
                on_ready=r.ready()
                on_complete=r.complete()
                on_cancel=r.cancel()
                on_error=r.error()
                on_event=r.event()
            />
        }
    })
}

/// Records every value the iframe's inline `height` takes.
fn watch_heights(
    iframe: &web_sys::HtmlIFrameElement,
) -> (
    Rc<std::cell::RefCell<Vec<String>>>,
    web_sys::MutationObserver,
) {
    let heights = Rc::new(std::cell::RefCell::new(Vec::new()));
    let seen = heights.clone();
    let target = iframe.clone();
    let callback = Closure::<dyn FnMut()>::new(move || {
        let height = css(&target, "height");
        let mut seen = seen.borrow_mut();
        if seen.last() != Some(&height) {
            seen.push(height);
        }
    });
    let observer = web_sys::MutationObserver::new(callback.as_ref().unchecked_ref()).unwrap();
    callback.forget();
    let init = web_sys::MutationObserverInit::new();
    init.set_attributes(true);
    init.set_attribute_filter(&js_sys::Array::of1(&"style".into()));
    observer.observe_with_options(iframe, &init).unwrap();
    (heights, observer)
}

#[wasm_bindgen_test]
async fn inline_happy_path_calls_back_in_order_and_follows_the_pages() {
    let log = Log::default();
    let mounted = inline("happy", &log);
    let iframe = mounted.iframe();
    assert!(iframe.src().starts_with(&format!(
        "{}/widget?client-version=5.9.0",
        simulator().base_url()
    )));
    assert_eq!(iframe.get_attribute("sandbox").as_deref(), Some("allow-scripts allow-same-origin allow-popups allow-forms allow-modals allow-top-navigation-by-user-activation"));
    let (heights, _observer) = watch_heights(&iframe);

    assert!(
        wait_until(15_000, || mounted.phase() == InquiryPhase::Completed).await,
        "log: {:?}",
        log.entries()
    );
    let entries = log.entries();
    let order: Vec<&str> = entries
        .iter()
        .map(String::as_str)
        .filter(|e| !e.starts_with("event:"))
        .collect();
    let inquiry_id = mounted
        .handle
        .inquiry_id()
        .get_untracked()
        .expect("an inquiry id");
    assert!(inquiry_id.starts_with("inq_sim_"), "{inquiry_id}");
    assert_eq!(
        order,
        [
            "load",
            "ready:560px",
            &format!("complete:{inquiry_id}:completed")
        ]
    );
    // on_event came first for each of them, and saw the pages and the camera steps.
    assert_eq!(entries.first().map(String::as_str), Some("event:load"));
    for name in [
        "event:start",
        "event:page-change",
        "event:document-camera-capture",
        "event:selfie-camera-capture",
        "event:complete",
    ] {
        assert!(log.has(name), "missing {name} in {entries:?}");
    }
    assert!(mounted.handle.session_token().get_untracked().is_some());
    assert_eq!(
        mounted
            .handle
            .current_page()
            .get_untracked()
            .and_then(|p| p.name)
            .as_deref(),
        Some("review")
    );

    // The height followed the pages (480, 640, 1400, 720, 560 in the simulator),
    // always within [min_height 400, max_height 900], ending on the review page.
    let heights = heights.borrow().clone();
    let px: Vec<f64> = heights
        .iter()
        .filter_map(|h| h.trim_end_matches("px").parse().ok())
        .collect();
    assert!(
        px.iter().all(|h| (400.0..=900.0).contains(h)),
        "heights {heights:?}"
    );
    assert!(
        px.len() >= 3,
        "the height changed with the pages: {heights:?}"
    );
    assert_eq!(
        heights.last().map(String::as_str),
        Some("560px"),
        "heights {heights:?}"
    );
}

#[wasm_bindgen_test]
async fn fail_and_cancel_scenarios() {
    let log = Log::default();
    let failed = inline("fail", &log);
    assert!(
        wait_until(15_000, || failed.phase() == InquiryPhase::Failed).await,
        "{:?}",
        log.entries()
    );
    assert_eq!(log.count("complete:"), 1);
    assert!(log
        .entries()
        .iter()
        .any(|e| e.starts_with("complete:inq_sim_") && e.ends_with(":failed")));

    let before = Log::default();
    let cancelled = inline("cancel_before_inquiry", &before);
    assert!(
        wait_until(15_000, || cancelled.phase() == InquiryPhase::Cancelled).await,
        "{:?}",
        before.entries()
    );
    assert!(before.has("cancel::"), "{:?}", before.entries());
    assert_eq!(cancelled.handle.inquiry_id().get_untracked(), None);

    let after = Log::default();
    let cancelled = inline("cancel_after_inquiry", &after);
    assert!(
        wait_until(15_000, || cancelled.phase() == InquiryPhase::Cancelled).await,
        "{:?}",
        after.entries()
    );
    let id = cancelled.handle.inquiry_id().get_untracked().unwrap();
    let token = cancelled.handle.session_token().get_untracked().unwrap();
    assert!(
        after.has(&format!("cancel:{id}:{token}")),
        "{:?}",
        after.entries()
    );
}

#[wasm_bindgen_test]
async fn each_error_code_reaches_on_error() {
    for (scenario, code) in [
        ("error_application_error", ErrorCode::ApplicationError),
        ("error_invalid_config", ErrorCode::InvalidConfig),
        ("error_unauthenticated", ErrorCode::Unauthenticated),
        ("error_inactive_template", ErrorCode::InactiveTemplate),
        ("error_unknown", ErrorCode::Unknown),
    ] {
        let log = Log::default();
        let mounted = inline(scenario, &log);
        assert!(
            wait_until(10_000, || mounted.phase() == InquiryPhase::Errored).await,
            "{scenario}: {:?}",
            log.entries()
        );
        assert!(
            log.has(&format!("error:{}", code.as_str())),
            "{scenario}: {:?}",
            log.entries()
        );
        assert_eq!(
            mounted.handle.last_error().get_untracked().map(|e| e.code),
            Some(code)
        );
    }
}

#[wasm_bindgen_test]
async fn the_watchdog_fires_when_the_flow_never_loads_and_not_for_a_slow_one() {
    let log = Log::default();
    let r = Recorder { log: log.clone() };
    let never = mount(move |handle| {
        view! {
            <PersonaInquiry host=simulator() template_id="itmpl_sim_never_loads" environment_id=AUTOPLAY
                handle=handle load_timeout=600u32 on_error=r.error() on_load=r.load() />
        }
    });
    assert!(
        wait_until(5_000, || never.phase() == InquiryPhase::TimedOut).await,
        "{:?}",
        log.entries()
    );
    assert_eq!(log.entries(), ["error:load_timeout"]);

    let slow_log = Log::default();
    let r = Recorder {
        log: slow_log.clone(),
    };
    let slow = mount(move |handle| {
        view! {
            <PersonaInquiry host=simulator() template_id="itmpl_sim_slow_load" environment_id=AUTOPLAY
                handle=handle load_timeout=10_000u32 on_error=r.error() on_load=r.load() />
        }
    });
    assert!(wait_until(10_000, || slow.phase() != InquiryPhase::Loading).await);
    assert!(slow_log.has("load"), "{:?}", slow_log.entries());
    assert_eq!(slow_log.count("error:"), 0);
}

/// Dispatches a forged `message` event on the window.
fn forge(origin: &str, source: Option<&web_sys::Window>, data: serde_json::Value) {
    let init = web_sys::MessageEventInit::new();
    init.set_origin(origin);
    init.set_data(&js_sys::JSON::parse(&data.to_string()).unwrap());
    if let Some(source) = source {
        init.set_source(Some(source));
    }
    let event = web_sys::MessageEvent::new_with_event_init_dict("message", &init).unwrap();
    web_sys::window().unwrap().dispatch_event(&event).unwrap();
}

#[wasm_bindgen_test]
async fn hostile_messages_are_rejected() {
    let log = Log::default();
    let mounted = inline("hostile", &log);
    assert!(
        wait_until(15_000, || mounted.phase() == InquiryPhase::Completed).await,
        "{:?}",
        log.entries()
    );
    // The simulator forged messages from a second frame, with a wrong container id
    // and with a wrong template id all along: only the real completion got through.
    assert_eq!(log.count("complete:"), 1, "{:?}", log.entries());
    assert!(
        !log.entries().iter().any(|e| e.contains("inq_forged")),
        "{:?}",
        log.entries()
    );
    assert_eq!(log.count("load"), 1);

    // Forged from this page: right data, wrong source / origin / container.
    let container = mounted.iframe().id();
    let real_window = mounted.iframe().content_window().unwrap();
    let data = |container: &str| serde_json::json!({"containerId": container, "templateId": "itmpl_sim_hostile", "name": "error", "error": {"status": 0, "code": "application_error"}});
    let origin = simulator().origin().to_owned();
    let before = log.entries().len();
    forge(&origin, Some(&web_sys::window().unwrap()), data(&container));
    forge(&origin, None, data(&container));
    forge("https://evil.example", Some(&real_window), data(&container));
    forge("", Some(&real_window), data(&container));
    forge(&origin, Some(&real_window), data("persona-inquiry-other"));
    sleep(50).await;
    assert_eq!(log.entries().len(), before, "{:?}", log.entries());
    // The same message from the right window and origin is accepted (the test can fail).
    forge(&origin, Some(&real_window), data(&container));
    assert!(log.has("error:application_error"));
}

#[wasm_bindgen_test]
async fn a_burst_of_page_changes_writes_the_height_once_per_frame() {
    let log = Log::default();
    let mounted = inline("never_loads", &log);
    let iframe = mounted.iframe();
    let window = iframe.content_window().unwrap();
    sleep(50).await; // let the component's effects link the iframe
    let origin = simulator().origin().to_owned();
    let writes = Rc::new(Cell::new(0u32));
    let counter = writes.clone();
    let callback = Closure::<dyn FnMut(js_sys::Array)>::new(move |records: js_sys::Array| {
        counter.set(counter.get() + records.length());
    });
    let observer = web_sys::MutationObserver::new(callback.as_ref().unchecked_ref()).unwrap();
    callback.forget();
    let init = web_sys::MutationObserverInit::new();
    init.set_attributes(true);
    init.set_attribute_filter(&js_sys::Array::of1(&"style".into()));
    observer.observe_with_options(&iframe, &init).unwrap();
    for i in 0..200 {
        forge(
            &origin,
            Some(&window),
            serde_json::json!({"containerId": iframe.id(), "templateId": "itmpl_sim_never_loads", "name": "page-change", "metadata": {"name": "p", "pageHeight": 500 + i}}),
        );
    }
    assert_eq!(log.count("event:page-change"), 200);
    sleep(100).await;
    assert_eq!(
        writes.get(),
        1,
        "style writes for a burst of 200 page changes"
    );
    assert_eq!(css(&iframe, "height"), "699px");
    // Clamped to the bounds (max_height 900, default min_height 400).
    for (reported, shown) in [(5_000, "900px"), (10, "400px")] {
        forge(
            &origin,
            Some(&window),
            serde_json::json!({"containerId": iframe.id(), "templateId": "itmpl_sim_never_loads", "name": "page-change", "metadata": {"pageHeight": reported}}),
        );
        sleep(100).await;
        assert_eq!(css(&iframe, "height"), shown, "pageHeight {reported}");
    }
}

#[wasm_bindgen_test]
async fn three_instances_do_not_cross() {
    let logs = [Log::default(), Log::default(), Log::default()];
    let happy = inline("happy", &logs[0]);
    let fail = inline("fail", &logs[1]);
    let cancel = inline("cancel_after_inquiry", &logs[2]);
    assert!(
        wait_until(20_000, || happy.phase() == InquiryPhase::Completed
            && fail.phase() == InquiryPhase::Failed
            && cancel.phase() == InquiryPhase::Cancelled)
        .await
    );
    assert_eq!(
        (logs[0].count("complete:"), logs[0].count("cancel:")),
        (1, 0)
    );
    assert_eq!(
        (logs[1].count("complete:"), logs[1].count("cancel:")),
        (1, 0)
    );
    assert_eq!(
        (logs[2].count("complete:"), logs[2].count("cancel:")),
        (0, 1)
    );
    for log in &logs {
        assert_eq!(log.count("load"), 1, "{:?}", log.entries());
    }
    let ids: Vec<String> = [&happy, &fail, &cancel]
        .iter()
        .map(|m| m.handle.inquiry_id().get_untracked().unwrap())
        .collect();
    assert!(
        ids[0] != ids[1] && ids[1] != ids[2] && ids[0] != ids[2],
        "{ids:?}"
    );
}

/// The modal's `<dialog>`.
fn dialog(mounted: &Mounted) -> web_sys::HtmlDialogElement {
    mounted
        .root
        .query_selector("dialog")
        .unwrap()
        .expect("a modal renders a dialog")
        .dyn_into()
        .unwrap()
}

/// What Escape does to the topmost modal dialog: a cancelable `cancel` event.
/// (Real key presses are in the end-to-end keyboard test.)
fn press_escape(mounted: &Mounted) {
    let init = web_sys::EventInit::new();
    init.set_cancelable(true);
    let event = web_sys::Event::new_with_event_init_dict("cancel", &init).unwrap();
    dialog(mounted).dispatch_event(&event).unwrap();
}

#[wasm_bindgen_test]
async fn modal_opens_focuses_locks_scroll_and_escape_cancels() {
    let log = Log::default();
    let r = Recorder { log: log.clone() };
    let trigger: web_sys::HtmlElement = document()
        .create_element("button")
        .unwrap()
        .dyn_into()
        .unwrap();
    trigger.set_text_content(Some("Verify"));
    document().body().unwrap().append_child(&trigger).unwrap();
    trigger.focus().unwrap();
    let mounted = mount(move |handle| {
        view! {
            <PersonaInquiry modal=true host=simulator() template_id="itmpl_sim_happy" environment_id=AUTOPLAY
                handle=handle on_load=r.load() on_cancel=r.cancel() on_event=r.event() />
        }
    });
    let overlay = dialog(&mounted);
    assert!(!overlay.open(), "closed until opened");
    assert_eq!(
        mounted.iframe().get_attribute("role").as_deref(),
        Some("dialog")
    );
    assert_eq!(
        mounted.iframe().get_attribute("aria-modal").as_deref(),
        Some("true")
    );
    // Loads in the background, hidden.
    assert!(wait_until(10_000, || log.has("load")).await);
    assert!(!log.has("event:start"), "an embedded flow waits for `open`");

    mounted.handle.open();
    sleep(30).await;
    assert!(overlay.open(), "shown");
    assert!(
        overlay.matches(":modal").unwrap(),
        "a modal dialog, in the top layer"
    );
    let root_overflow = computed(&document().document_element().unwrap(), "overflow");
    assert_eq!(root_overflow, "hidden", "the page behind does not scroll");
    let active = document().active_element().unwrap();
    assert!(
        js_sys::Object::is(&active, &mounted.iframe()),
        "focus moved into the flow"
    );
    // Focus guards at both ends of the dialog send Tab and Shift+Tab round.
    let guards = overlay.query_selector_all("[data-focus-guard]").unwrap();
    assert_eq!(guards.length(), 2, "a guard at each end");
    for index in [1, 0] {
        let guard: web_sys::HtmlElement = guards.get(index).unwrap().dyn_into().unwrap();
        guard.focus().unwrap();
        let active = document().active_element().unwrap();
        assert!(
            js_sys::Object::is(&active, &mounted.iframe()),
            "guard {index} sent focus round to the flow"
        );
    }
    // The flow received `open` and started.
    assert!(
        wait_until(10_000, || log.has("event:start")).await,
        "{:?}",
        log.entries()
    );

    press_escape(&mounted);
    assert!(
        wait_until(10_000, || mounted.phase() == InquiryPhase::Cancelled).await,
        "{:?}",
        log.entries()
    );
    let id = mounted.handle.inquiry_id().get_untracked().unwrap();
    assert!(
        log.entries()
            .iter()
            .any(|e| e.starts_with(&format!("cancel:{id}:"))),
        "{:?}",
        log.entries()
    );
    sleep(30).await;
    assert!(!overlay.open(), "closed after the flow's exit");
    assert_eq!(css(&document().body().unwrap(), "overflow"), "");
    let active = document().active_element().unwrap();
    assert!(
        js_sys::Object::is(&active, &trigger),
        "focus returned to the trigger"
    );
    trigger.remove();
}

#[wasm_bindgen_test]
async fn stacked_modals_share_the_scroll_lock() {
    let first = mount(
        move |handle| view! { <PersonaInquiry modal=true host=simulator() template_id="itmpl_sim_never_loads" handle=handle /> },
    );
    let second = mount(
        move |handle| view! { <PersonaInquiry modal=true host=simulator() template_id="itmpl_sim_never_loads" handle=handle /> },
    );
    first.handle.open();
    second.handle.open();
    sleep(30).await;
    let window = web_sys::window().unwrap();
    let (x, y) = (
        window.inner_width().unwrap().as_f64().unwrap() / 2.0,
        window.inner_height().unwrap().as_f64().unwrap() / 2.0,
    );
    let on_top = document().element_from_point(x as f32, y as f32).unwrap();
    assert!(
        second.root.contains(Some(&on_top)),
        "the later modal is the topmost"
    );
    let overflow = || computed(&document().document_element().unwrap(), "overflow");
    assert_eq!(overflow(), "hidden");
    second.handle.close();
    sleep(30).await;
    assert_eq!(overflow(), "hidden", "still locked while the first is open");
    first.handle.close();
    sleep(30).await;
    assert_eq!(overflow(), "visible");
}

/// Locking the scroll moves nothing: on a page that scrolls, the body is
/// padded by the scrollbar's width; on one that does not, nothing is added.
/// The dialog still covers the whole window.
#[wasm_bindgen_test]
async fn the_scroll_lock_keeps_the_layout_and_the_scroll_position() {
    let window = web_sys::window().unwrap();
    let body = document().body().unwrap();
    // A block in the body: its width is the body's content width.
    let content: web_sys::HtmlElement = document().create_element("div").unwrap().unchecked_into();
    let tall: web_sys::HtmlElement = document().create_element("div").unwrap().unchecked_into();
    tall.style().set_property("height", "5000px").unwrap();
    body.append_child(&content).unwrap();
    // The page's own padding is kept (and grown by the scrollbar's width).
    body.style().set_property("padding-right", "20px").unwrap();
    for scrolls in [true, false] {
        if scrolls {
            body.append_child(&tall).unwrap();
            window.scroll_to_with_x_and_y(0.0, 700.0);
        }
        let mounted = mount(
            move |handle| view! { <PersonaInquiry modal=true host=simulator() template_id="itmpl_sim_never_loads" handle=handle /> },
        );
        sleep(30).await;
        let (width, scrolled) = (content.offset_width(), window.scroll_y().unwrap());
        mounted.handle.open();
        sleep(30).await;
        let root = document().document_element().unwrap();
        let locked = (
            computed(&root, "overflow"),
            content.offset_width(),
            window.scroll_y().unwrap(),
        );
        let inner_width = window.inner_width().unwrap().as_f64().unwrap();
        let dialog: web_sys::HtmlElement = mounted
            .root
            .query_selector("dialog")
            .unwrap()
            .unwrap()
            .unchecked_into();
        let edge = document().element_from_point(inner_width as f32 - 2.0, 300.0);
        let covered = (
            f64::from(dialog.offset_width()),
            edge.is_some_and(|e| dialog.contains(Some(&e))),
        );
        mounted.handle.close();
        sleep(30).await;
        let released = (content.offset_width(), window.scroll_y().unwrap());
        tall.remove();
        if !scrolls {
            content.remove();
            body.style().remove_property("padding-right").unwrap();
        }
        assert_eq!(
            locked,
            ("hidden".to_owned(), width, scrolled),
            "locked without a shift (the page scrolls: {scrolls})"
        );
        assert_eq!(released, (width, scrolled), "released as it was");
        assert_eq!(covered, (inner_width, true), "the dialog covers the window");
    }
}

/// Counts `addEventListener` / `removeEventListener` calls on `window` per event type.
fn count_window_listeners() -> js_sys::Object {
    js_sys::eval(
        r#"(() => {
            // Removals count only for listeners added while counting, so that
            // other components going away meanwhile do not disturb the tally.
            const counts = { add: {}, remove: {} }, ours = new Set();
            const add = window.addEventListener, remove = window.removeEventListener;
            window.addEventListener = function (type, listener, ...rest) { counts.add[type] = (counts.add[type] || 0) + 1; ours.add(listener); return add.call(this, type, listener, ...rest); };
            window.removeEventListener = function (type, listener, ...rest) { if (ours.delete(listener)) { counts.remove[type] = (counts.remove[type] || 0) + 1; } return remove.call(this, type, listener, ...rest); };
            counts.restore = () => { window.addEventListener = add; window.removeEventListener = remove; };
            return counts;
        })()"#,
    )
    .unwrap()
    .unchecked_into()
}

fn get_count(counts: &js_sys::Object, kind: &str, event: &str) -> f64 {
    let table = js_sys::Reflect::get(counts, &kind.into()).unwrap();
    js_sys::Reflect::get(&table, &event.into())
        .unwrap()
        .as_f64()
        .unwrap_or(0.0)
}

#[wasm_bindgen_test]
async fn a_thousand_mounts_leave_no_listener_and_no_callback() {
    let counts = count_window_listeners();
    let errors = js_sys::eval("(() => { const e = { n: 0 }; const orig = console.error; console.error = (...a) => { e.n++; orig(...a); }; e.restore = () => { console.error = orig; }; return e; })()").unwrap();
    let log = Log::default();
    let mut containers = Vec::new();
    for cycle in 0..1_000 {
        if cycle % 25 == 0 {
            sleep(0).await; // let the browser breathe between batches
        }
        let r = Recorder { log: log.clone() };
        let mut mounted = mount(move |handle| {
            view! {
                <PersonaInquiry host=simulator() template_id="itmpl_sim_never_loads" handle=handle
                    events_allowlist=EventsAllowlist::All on_event=r.event() on_error=r.error() load_timeout=50u32 />
            }
        });
        containers.push((mounted.iframe().id(), mounted.iframe().content_window()));
        mounted.unmount();
    }
    // An owner whose effects are still scheduled is disposed once they have
    // run: give the last batch one turn of the event loop.
    sleep(50).await;
    let restore = js_sys::Reflect::get(&counts, &"restore".into()).unwrap();
    restore
        .unchecked_ref::<js_sys::Function>()
        .call0(&JsValue::NULL)
        .unwrap();
    // An inline inquiry listens to `message` only (Escape and resize belong to the modal).
    for event in ["keydown", "resize"] {
        assert_eq!(get_count(&counts, "add", event), 0.0, "{event}");
    }
    let added = get_count(&counts, "add", "message");
    let removed = get_count(&counts, "remove", "message");
    web_sys::console::log_1(
        &format!("1000 mount/unmount cycles: message listeners added {added}, removed {removed}")
            .into(),
    );
    assert_eq!(added, 1_000.0);
    assert_eq!(added, removed);
    // No callback after unmount: forged messages for every old container, and the
    // watchdogs' time, pass without a call.
    let origin = simulator().origin().to_owned();
    for (id, window) in containers.iter().take(50) {
        forge(
            &origin,
            window.as_ref(),
            serde_json::json!({"containerId": id, "templateId": "itmpl_sim_never_loads", "name": "load"}),
        );
    }
    sleep(200).await;
    assert!(log.entries().is_empty(), "{:?}", log.entries());
    let restore = js_sys::Reflect::get(&errors, &"restore".into()).unwrap();
    restore
        .unchecked_ref::<js_sys::Function>()
        .call0(&JsValue::NULL)
        .unwrap();
    let console_errors = js_sys::Reflect::get(&errors, &"n".into())
        .unwrap()
        .as_f64()
        .unwrap_or(-1.0);
    assert_eq!(
        console_errors, 0.0,
        "console errors during 1000 mount/unmount cycles"
    );
}

#[wasm_bindgen_test]
async fn changing_an_option_restarts_the_flow_with_a_fresh_state() {
    let log = Log::default();
    let r = Recorder { log: log.clone() };
    let scenario = RwSignal::new("itmpl_sim_fail".to_owned());
    let mounted = mount(move |handle| {
        view! {
            <PersonaInquiry host=simulator() template_id=scenario environment_id=AUTOPLAY handle=handle
                on_complete=r.complete() on_load=r.load() />
        }
    });
    assert!(
        wait_until(15_000, || mounted.phase() == InquiryPhase::Failed).await,
        "{:?}",
        log.entries()
    );
    let first_src = mounted.iframe().src();
    scenario.set("itmpl_sim_happy".to_owned());
    sleep(30).await;
    assert_ne!(mounted.iframe().src(), first_src);
    assert!(mounted.iframe().src().contains("itmpl_sim_happy"));
    assert!(
        wait_until(15_000, || mounted.phase() == InquiryPhase::Completed).await,
        "{:?}",
        log.entries()
    );
    // One completion per flow: the restarted flow completed again.
    assert_eq!(log.count("complete:"), 2, "{:?}", log.entries());
    assert_eq!(log.count("load"), 2);
}

#[wasm_bindgen_test]
async fn the_modal_shows_a_spinner_until_load_and_applies_the_flows_preferred_size() {
    let mounted = mount(move |handle| {
        view! { <PersonaInquiry modal=true host=simulator() template_id="itmpl_sim_slow_load" environment_id=AUTOPLAY handle=handle /> }
    });
    mounted.handle.open();
    sleep(30).await;
    let spinner = mounted
        .root
        .query_selector(".persona-inquiry__spinner")
        .unwrap()
        .expect("spinner while loading");
    // It turns (its keyframes exist) and has its default colours, with no
    // stylesheet of the page's.
    let animations = js_sys::Reflect::get(&spinner, &"getAnimations".into())
        .unwrap()
        .unchecked_into::<js_sys::Function>()
        .call0(&spinner)
        .unwrap();
    assert_eq!(
        js_sys::Array::from(&animations).length(),
        1,
        "the spinner turns"
    );
    assert_eq!(computed(&spinner, "border-top-color"), "rgb(255, 255, 255)");
    let readied = || {
        mounted
            .handle
            .state()
            .with_untracked(|s| s.preferred_dimensions.is_some())
    };
    assert!(
        wait_until(10_000, readied).await,
        "no ready: phase {:?}",
        mounted.phase()
    );
    sleep(30).await;
    let spinner_shown = mounted
        .root
        .query_selector(".persona-inquiry__spinner")
        .unwrap()
        .is_some_and(|spinner| computed(&spinner, "display") != "none");
    assert!(!spinner_shown, "spinner gone after load");
    // The test browser's 1280 × 900 viewport is "desktop": the flow's ready
    // metadata applies (written for desktop only, see the phone e2e test).
    let iframe = mounted.iframe();
    assert_eq!(computed(&iframe, "max-width"), "560px");
    assert_eq!(computed(&iframe, "min-height"), "520px");
    assert_eq!(computed(&iframe, "border-radius"), "12px");
    assert_eq!(
        css(&iframe, "max-width"),
        "var(--persona-desktop) 560px",
        "desktop-only"
    );
    // The flow got `open` although it was sent before the flow had loaded.
    assert!(
        wait_until(10_000, || mounted
            .handle
            .inquiry_id()
            .get_untracked()
            .is_some())
        .await,
        "the flow never started: phase {:?}",
        mounted.phase()
    );
    mounted.handle.close();
}

#[wasm_bindgen_test]
async fn cancel_force_exits_at_once_and_destroy_removes_the_flow() {
    let log = Log::default();
    let r = Recorder { log: log.clone() };
    let mounted = mount(move |handle| {
        view! { <PersonaInquiry host=simulator() template_id="itmpl_sim_happy" handle=handle on_cancel=r.cancel() on_load=r.load() /> }
    });
    // Without autoplay the flow waits for a person; ask it to exit, forcefully.
    assert!(wait_until(10_000, || log.has("load")).await);
    mounted.handle.cancel(true);
    assert!(
        wait_until(5_000, || mounted.phase() == InquiryPhase::Cancelled).await,
        "{:?}",
        log.entries()
    );
    assert!(
        log.has("cancel::"),
        "no inquiry existed yet: {:?}",
        log.entries()
    );
    mounted.handle.destroy();
    sleep(30).await;
    assert!(mounted.root.query_selector("iframe").unwrap().is_none());
}

#[wasm_bindgen_test]
async fn preload_warms_the_cache_in_a_hidden_frame_that_goes_away() {
    leptos_persona::preload(&simulator());
    let preload_frame = || {
        document()
            .query_selector("iframe[data-persona-preload]")
            .unwrap()
    };
    let frame = preload_frame().expect("a hidden preload frame");
    assert_eq!(
        frame.get_attribute("src"),
        Some(format!("{}/preload", simulator().base_url()))
    );
    assert!(
        wait_until(5_000, || preload_frame().is_none()).await,
        "removed once loaded"
    );
}

/// The early-message queue as `<PersonaMessageQueue/>` puts it in server-rendered
/// pages. Draining it is the hydrating client's job (a client-rendered app has
/// no server-rendered flow to hear early): `ssr_e2e`'s
/// `no_flow_message_is_lost_while_the_wasm_is_still_downloading` proves that.
#[wasm_bindgen_test]
async fn the_early_message_queue_keeps_only_the_flow_frames_messages() {
    js_sys::eval(leptos_persona::MESSAGE_QUEUE_SCRIPT).unwrap();
    let queued = || {
        js_sys::eval("window.__personaQueue.length")
            .unwrap()
            .as_f64()
    };
    let mounted = mount(move |handle| {
        view! { <PersonaInquiry host=simulator() template_id="itmpl_sim_never_loads" handle=handle
        load_timeout=10_000u32 /> }
    });
    let iframe = mounted.iframe();
    let window = iframe.content_window().unwrap();
    let origin = simulator().origin().to_owned();
    // A flood from a window that is not a flow's (here the page itself) is never
    // kept, so it cannot push the flow's own messages out.
    let page = web_sys::window().unwrap();
    for _ in 0..5_000 {
        forge(
            &origin,
            Some(&page),
            serde_json::json!({"containerId": iframe.id(), "templateId": "itmpl_sim_never_loads", "name": "error"}),
        );
    }
    assert_eq!(queued(), Some(0.0), "the flood was not kept");
    // The flow's own window: kept, but at most 200 of them.
    for name in ["load", "ready"] {
        forge(
            &origin,
            Some(&window),
            serde_json::json!({"containerId": iframe.id(), "templateId": "itmpl_sim_never_loads", "name": name}),
        );
    }
    assert_eq!(queued(), Some(2.0), "the flow's messages are kept");
    for _ in 0..500 {
        forge(
            &origin,
            Some(&window),
            serde_json::json!({"containerId": iframe.id(), "name": "page-change"}),
        );
    }
    assert_eq!(queued(), Some(200.0), "at most 200 per flow window");
    js_sys::eval("window.__personaQueue.stop()").unwrap();
    let stopped = js_sys::eval("window.__personaQueue.stopped === true").unwrap();
    assert_eq!(stopped.as_bool(), Some(true));
    assert_eq!(queued(), Some(0.0), "stopping empties the queue");
    js_sys::eval("delete window.__personaQueue").unwrap();
}

#[wasm_bindgen_test]
async fn escape_closes_a_modal_whose_flow_never_loaded_and_restart_brings_a_fresh_flow() {
    let log = Log::default();
    let r = Recorder { log: log.clone() };
    let mounted = mount(move |handle| {
        view! { <PersonaInquiry modal=true host=simulator() template_id="itmpl_sim_never_loads" handle=handle
        load_timeout=300u32 on_error=r.error() /> }
    });
    mounted.handle.open();
    assert!(wait_until(5_000, || mounted.phase() == InquiryPhase::TimedOut).await);
    press_escape(&mounted);
    sleep(30).await;
    assert!(
        !mounted.handle.is_open().get_untracked(),
        "nothing to ask: Escape just closes"
    );
    assert_eq!(css(&document().body().unwrap(), "overflow"), "");

    // restart(): a new iframe element and a fresh state (the watchdog fires again).
    let first = mounted.iframe();
    mounted.handle.restart();
    sleep(30).await;
    assert!(
        !js_sys::Object::is(&first, &mounted.iframe()),
        "a new iframe"
    );
    assert!(
        wait_until(5_000, || log.count("error:load_timeout") == 2).await,
        "{:?}",
        log.entries()
    );
}

#[wasm_bindgen_test]
async fn a_modal_that_cannot_be_built_shows_its_error_in_the_page() {
    let mounted = mount(move |handle| {
        view! { <PersonaInquiry modal=true host=simulator() options=leptos_persona::InquiryOptions::default() handle=handle /> }
    });
    sleep(30).await;
    let alert: web_sys::HtmlElement = mounted
        .root
        .query_selector("[role=alert]")
        .unwrap()
        .expect("the configuration error is rendered")
        .dyn_into()
        .unwrap();
    // End users read the neutral label; the developer's text is on the handle.
    assert_eq!(
        alert.text_content().unwrap_or_default(),
        leptos_persona::Labels::default().error
    );
    assert!(mounted
        .handle
        .config_error()
        .get_untracked()
        .is_some_and(|e| e.to_string().contains("no flow to start")));
    assert!(
        alert.offset_parent().is_some(),
        "visible without opening the modal"
    );
    assert!(mounted.handle.config_error().get_untracked().is_some());
    assert!(mounted.root.query_selector("iframe").unwrap().is_none());
}

#[wasm_bindgen_test]
async fn the_same_inquiry_resumes_three_times_without_a_remount() {
    let log = Log::default();
    let r = Recorder { log: log.clone() };
    // The flow creates an inquiry, then the person leaves (autoplayed).
    let mounted = mount(move |handle| {
        view! {
            <PersonaInquiry modal=true host=simulator() template_id="itmpl_sim_cancel_after_inquiry"
                environment_id=AUTOPLAY handle=handle on_cancel=r.cancel() on_complete=r.complete() />
        }
    });
    mounted.handle.open();
    assert!(
        wait_until(15_000, || log.count("cancel:") == 1).await,
        "{:?}",
        log.entries()
    );
    let inquiry = mounted.handle.inquiry_id().get_untracked().unwrap();
    let token = mounted.handle.session_token().get_untracked().unwrap();
    let mut previous = mounted.iframe();
    for round in 1..=3 {
        mounted.handle.resume(inquiry.clone(), Some(token.clone()));
        assert!(
            mounted.handle.is_open().get_untracked(),
            "resume opens the modal"
        );
        assert!(
            wait_until(15_000, || log.count("complete:") == round).await,
            "round {round}: {:?} phase {:?} src {} open {}",
            log.entries(),
            mounted.phase(),
            mounted.iframe().src(),
            dialog(&mounted).open()
        );
        let iframe = mounted.iframe();
        assert!(
            !js_sys::Object::is(&iframe, &previous),
            "round {round}: a new iframe"
        );
        let src = iframe.src();
        assert!(
            src.contains(&format!("inquiry-id={inquiry}")) && !src.contains("template-id"),
            "round {round}: {src}"
        );
        assert_eq!(
            mounted.handle.inquiry_id().get_untracked().as_deref(),
            Some(inquiry.as_str()),
            "round {round}: the same inquiry"
        );
        previous = iframe;
    }
    assert!(log
        .entries()
        .iter()
        .filter(|e| e.starts_with("complete:"))
        .all(|e| e.starts_with(&format!("complete:{inquiry}:"))));
}

#[wasm_bindgen_test]
async fn the_loading_and_error_slots_replace_the_built_in_views() {
    let loading = mount(move |handle| {
        view! {
            <PersonaInquiry modal=true host=simulator() template_id="itmpl_sim_never_loads" handle=handle
                loading=|| view! { <p id="my-loading">"Un instant…"</p> } />
        }
    });
    loading.handle.open();
    sleep(30).await;
    assert!(loading
        .root
        .query_selector("#my-loading")
        .unwrap()
        .is_some());
    assert!(loading
        .root
        .query_selector(".persona-inquiry__spinner")
        .unwrap()
        .is_none());
    loading.handle.close();

    let broken = mount(move |handle| {
        view! {
            <PersonaInquiry host=simulator() options=leptos_persona::InquiryOptions::default() handle=handle
                error=|| view! { <p id="my-error">"Vérification indisponible"</p> } />
        }
    });
    sleep(30).await;
    assert!(broken.root.query_selector("#my-error").unwrap().is_some());
    assert!(broken
        .root
        .query_selector("[role=alert]")
        .unwrap()
        .is_none());
    assert!(broken.handle.config_error().get_untracked().is_some());
}

#[wasm_bindgen_test]
async fn the_spinner_turns_without_any_stylesheet() {
    // This test page loads no stylesheet of the crate.
    let mounted = mount(move |handle| {
        view! { <PersonaInquiry modal=true host=simulator() template_id="itmpl_sim_never_loads" handle=handle /> }
    });
    mounted.handle.open();
    sleep(30).await;
    let spinner = mounted
        .root
        .query_selector(".persona-inquiry__spinner")
        .unwrap()
        .expect("a spinner while loading");
    let transform = || {
        web_sys::window()
            .unwrap()
            .get_computed_style(&spinner)
            .unwrap()
            .unwrap()
            .get_property_value("transform")
            .unwrap()
    };
    let first = transform();
    sleep(120).await;
    let second = transform();
    assert_ne!(first, second, "the spinner's rotation changes");
    let border = web_sys::window()
        .unwrap()
        .get_computed_style(&spinner)
        .unwrap()
        .unwrap()
        .get_property_value("border-top-width")
        .unwrap();
    assert_eq!(border, "4px", "and it is drawn");
    mounted.handle.close();
}

#[wasm_bindgen_test]
async fn the_previous_document_cannot_talk_to_the_new_session() {
    let log = Log::default();
    let r = Recorder { log: log.clone() };
    let reference = RwSignal::new("user_1".to_owned());
    let mounted = mount(move |handle| {
        view! {
            <PersonaInquiry host=simulator() template_id="itmpl_sim_never_loads" reference_id=reference
                handle=handle on_complete=r.complete() on_load=r.load() on_cancel=r.cancel() />
        }
    });
    sleep(50).await;
    let old_iframe = mounted.iframe();
    let old_window = old_iframe.content_window().unwrap();
    let container = old_iframe.id();
    reference.set("user_2".to_owned());
    sleep(50).await;
    let new_iframe = mounted.iframe();
    assert!(
        !js_sys::Object::is(&old_iframe, &new_iframe),
        "a new URL is a new iframe element"
    );
    assert!(new_iframe.src().contains("user_2"));
    // The previous document (same origin, same container id) reports the
    // previous user's inquiry: nothing reaches the new session.
    let origin = simulator().origin().to_owned();
    for (name, metadata) in [
        ("load", serde_json::json!({})),
        (
            "complete",
            serde_json::json!({"inquiryId": "inq_previous_user", "status": "completed", "fields": {}}),
        ),
        (
            "exit",
            serde_json::json!({"inquiryId": "inq_previous_user", "sessionToken": "tok"}),
        ),
    ] {
        forge(
            &origin,
            Some(&old_window),
            serde_json::json!({"containerId": container, "templateId": "itmpl_sim_never_loads", "name": name, "metadata": metadata}),
        );
    }
    sleep(50).await;
    assert!(log.entries().is_empty(), "{:?}", log.entries());
    assert_eq!(mounted.phase(), InquiryPhase::Loading);
    // The same message from the new document is accepted (the test can fail).
    forge(
        &origin,
        new_iframe.content_window().as_ref(),
        serde_json::json!({"containerId": container, "templateId": "itmpl_sim_never_loads", "name": "load"}),
    );
    assert!(
        wait_until(1_000, || log.has("load")).await,
        "{:?}",
        log.entries()
    );
}

#[wasm_bindgen_test]
async fn destroying_a_flow_that_never_loaded_disarms_the_watchdog() {
    let log = Log::default();
    let r = Recorder { log: log.clone() };
    let mounted = mount(move |handle| {
        view! {
            <PersonaInquiry host=simulator() template_id="itmpl_sim_never_loads" handle=handle
                load_timeout=200 on_error=r.error() />
        }
    });
    sleep(30).await;
    mounted.handle.destroy();
    sleep(500).await;
    assert!(
        log.entries().is_empty(),
        "no load_timeout after destroy: {:?}",
        log.entries()
    );
    // Brought back, the flow has its watchdog again (the test can fail).
    mounted.handle.restart();
    assert!(
        wait_until(2_000, || log.has("error:load_timeout")).await,
        "{:?}",
        log.entries()
    );
}

#[wasm_bindgen_test]
async fn changing_the_title_or_frame_size_mid_flow_keeps_the_flow() {
    let log = Log::default();
    let r = Recorder { log: log.clone() };
    let title = RwSignal::new("Verify your identity".to_owned());
    let height = RwSignal::new(700u32);
    let mounted = mount(move |handle| {
        view! {
            <PersonaInquiry host=simulator() template_id="itmpl_sim_happy" handle=handle
                iframe_title=title frame_height=Signal::derive(move || leptos_persona::options::CssSize::Px(f64::from(height.get())))
                load_timeout=400 on_error=r.error() on_load=r.load() />
        }
    });
    assert!(
        wait_until(5_000, || log.has("load")).await,
        "{:?}",
        log.entries()
    );
    let iframe = mounted.iframe();
    let phase = mounted.phase();
    title.set("Vérifiez votre identité".to_owned());
    height.set(650);
    sleep(50).await;
    assert_eq!(iframe.title(), "Vérifiez votre identité");
    assert_eq!(css(&iframe, "max-height"), "650px");
    assert!(
        js_sys::Object::is(&iframe, &mounted.iframe()),
        "the same iframe"
    );
    // Longer than the watchdog: no restart, so no false load_timeout.
    sleep(700).await;
    assert_eq!(mounted.phase(), phase, "the phase is kept");
    assert!(!log.has("error:load_timeout"), "{:?}", log.entries());
    assert_eq!(log.count("load"), 1);
}

/// The flow simulator's request counters (`GET /__stats`, served with CORS).
async fn simulator_stats() -> serde_json::Value {
    let url = format!("{}/__stats", simulator().origin());
    let response: web_sys::Response =
        wasm_bindgen_futures::JsFuture::from(web_sys::window().unwrap().fetch_with_str(&url))
            .await
            .unwrap()
            .dyn_into()
            .unwrap();
    let text = wasm_bindgen_futures::JsFuture::from(response.text().unwrap())
        .await
        .unwrap();
    serde_json::from_str(&text.as_string().unwrap()).unwrap()
}

#[wasm_bindgen_test]
async fn opening_and_closing_the_modal_never_reloads_the_flow() {
    let log = Log::default();
    let r = Recorder { log: log.clone() };
    let mounted = mount(move |handle| {
        view! {
            <PersonaInquiry modal=true host=simulator() template_id="itmpl_sim_happy"
                handle=handle on_load=r.load() on_event=r.event() />
        }
    });
    assert!(wait_until(10_000, || log.has("load")).await);
    let iframe = mounted.iframe();
    let src = iframe.src();
    let container = url_param(&src, "container-id").expect("the URL names its container");
    for round in 1..=3 {
        mounted.handle.open();
        sleep(50).await;
        assert!(dialog(&mounted).open(), "round {round}: open");
        mounted.handle.close();
        sleep(50).await;
        assert!(!dialog(&mounted).open(), "round {round}: closed");
        assert!(
            js_sys::Object::is(&mounted.iframe(), &iframe) && mounted.iframe().src() == src,
            "round {round}: the same iframe and document"
        );
    }
    // A close the browser makes itself (a close request, a form's
    // `method=dialog`) is followed: the modal is closed, its lock released.
    mounted.handle.open();
    sleep(50).await;
    assert!(mounted.handle.is_open().get_untracked());
    dialog(&mounted).close();
    assert!(
        wait_until(2_000, || !mounted.handle.is_open().get_untracked()).await,
        "a close the browser made closes the modal"
    );
    assert_eq!(css(&document().body().unwrap(), "overflow"), "");
    let stats = simulator_stats().await;
    assert_eq!(
        stats["by_container"][container.as_str()],
        serde_json::json!(1),
        "one /widget request for {container}: {stats}"
    );
    assert_eq!(log.count("load"), 1, "{:?}", log.entries());
}

/// The value of `name` in `url`'s query, decoded.
fn url_param(url: &str, name: &str) -> Option<String> {
    url::Url::parse(url)
        .ok()?
        .query_pairs()
        .find(|(key, _)| key == name)
        .map(|(_, value)| value.into_owned())
}

/// `event.data` is read totally: whatever a page or a flow posts, reading it
/// gives JSON or an error naming what JSON cannot hold, never an exception.
#[wasm_bindgen_test]
fn message_data_is_read_totally() {
    use leptos_persona::browser::read_message_data as read;
    let js = |source: &str| js_sys::eval(&format!("({source})")).unwrap();
    let cases: [(&str, Result<serde_json::Value, &str>); 14] = [
        (
            "{a: 1, b: undefined, c: [undefined, , 2.5, -0], d: null, e: '\\ud83d\\ude00', f: true}",
            Ok(serde_json::json!({"a": 1, "c": [null, null, 2.5, 0], "d": null, "e": "\u{1f600}", "f": true})),
        ),
        ("Object.create(null)", Ok(serde_json::json!({}))),
        ("[9007199254740993, 1e300, -5]", Ok(serde_json::json!([9007199254740992.0, 1e300, -5]))),
        ("undefined", Err("undefined")),
        ("{n: NaN}", Err("NaN or infinite")),
        ("[Infinity]", Err("NaN or infinite")),
        ("{big: 1n}", Err("bigint")),
        ("{s: 'a\\ud800b'}", Err("lone surrogate")),
        ("(() => { const o = {}; o.self = o; return o; })()", Err("nested more than 64")),
        ("{when: new Date(0)}", Err("non-plain object")),
        ("[new Map()]", Err("non-plain object")),
        ("{f() {}}", Err("function")),
        ("{get boom() { throw new Error('no'); }}", Err("unreadable")),
        (
            "new Proxy({}, {getPrototypeOf() { throw new Error('no'); }})",
            Err("non-plain object"),
        ),
    ];
    for (source, expected) in cases {
        let read = read(&js(source));
        match (&read, &expected) {
            (Ok(got), Ok(want)) => assert_eq!(got, want, "{source}"),
            (Err(why), Err(part)) => {
                assert!(why.contains(part), "{source}: {why:?} names {part:?}")
            }
            _ => panic!("{source}: read {read:?}, expected {expected:?}"),
        }
    }
}
