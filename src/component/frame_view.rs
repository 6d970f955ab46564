//! The view: the wrapper, the flow's iframe (its attributes from
//! [`WidgetFrame`](leptos_persona_core::WidgetFrame) only), the loading and
//! error states, and the dialog for a modal.

use leptos::either::Either;
use leptos::html;
use leptos::prelude::*;
use leptos_persona_core::{InquiryPhase, WidgetFrame, DEFAULT_IFRAME_TITLE};

use crate::layout::inline_height::ActiveInline;
use crate::layout::modal::ActiveModal;
use crate::session::flow_session::Inquiry;
use crate::OptionProp;

/// The component's own words for end users; translate them with your page.
///
/// ```
/// use leptos_persona::Labels;
///
/// let labels = Labels {
///     loading: "Chargement de la vérification d'identité".into(),
///     ..Labels::default()
/// };
/// assert!(labels.error.starts_with("Identity verification"));
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Labels {
    /// The spinner's accessible label while the flow loads.
    pub loading: String,
    /// What end users read when the options cannot become a flow. The
    /// developer's explanation goes to the console and to
    /// [`InquiryHandle::config_error`](crate::InquiryHandle::config_error).
    pub error: String,
}

impl Default for Labels {
    fn default() -> Self {
        Self {
            loading: "Loading identity verification".into(),
            error: "Identity verification is not available right now. Please try again later."
                .into(),
        }
    }
}

/// The iframe's title, also the modal's accessible name (the default title
/// while the options cannot be built).
pub(crate) fn frame_title(inquiry: Inquiry) -> TextFn {
    text(move || {
        inquiry
            .with_settings(|s| s.frame.title.clone())
            .unwrap_or_else(|| DEFAULT_IFRAME_TITLE.to_owned())
    })
}

/// A reactive attribute value. Every one of the view's reactive attributes
/// has this one type, so the wasm holds one copy of tachys' code for them.
pub(crate) type TextFn = Box<dyn Fn() -> String + Send + Sync>;

/// `value` as a [`TextFn`].
pub(crate) fn text(value: impl Fn() -> String + Send + Sync + 'static) -> TextFn {
    Box::new(value)
}

/// The props that shape the view.
pub(crate) struct ViewParts {
    pub(crate) class: OptionProp<String>,
    pub(crate) error: Option<ViewFn>,
    pub(crate) error_label: String,
}

/// `value` CSS pixels, written as JavaScript writes numbers.
fn px(value: f64) -> String {
    let mut css = crate::browser::browser_builtins::builtins().number_to_string(value);
    css.push_str("px");
    css
}

/// Appends `property:value;` when there is a value.
pub(crate) fn push_declaration(style: &mut String, property: &str, value: Option<String>) {
    if let Some(value) = value {
        style.push_str(property);
        style.push(':');
        style.push_str(&value);
        style.push(';');
    }
}

/// The iframe's critical layout (cosmetics are in the stylesheet).
fn frame_style(
    inquiry: Inquiry,
    height: Option<ActiveInline>,
    modal: Option<ActiveModal>,
) -> String {
    let (max_h, max_w) = inquiry
        .with_settings(|s| (s.frame.max_height.clone(), s.frame.max_width.clone()))
        .unwrap_or_default();
    let mut style = String::from("display:block;width:100%;");
    match modal {
        Some(modal) => modal.frame_style(inquiry, &mut style, max_h, max_w),
        None => {
            let px_height = height.map(|h| px(h.px(inquiry)));
            push_declaration(&mut style, "height", px_height);
            push_declaration(&mut style, "max-height", max_h);
            push_declaration(&mut style, "max-width", max_w);
        }
    }
    style
}

/// One iframe element for one flow URL: a new URL (or a restart) is a new
/// element, so no document of a previous flow can talk to the new session.
fn flow_iframe(inquiry: Inquiry, id: String, frame: WidgetFrame, style: TextFn) -> impl IntoView {
    html::iframe()
        .node_ref(inquiry.iframe)
        .id(id)
        .src(frame.src)
        .attr("title", frame_title(inquiry))
        .attr("sandbox", frame.sandbox)
        .attr("allow", frame.allow)
        .class(frame.class)
        .attr("data-testid", frame.data_testid)
        .attr("frameborder", frame.frameborder)
        .attr("role", frame.role)
        .attr("aria-modal", frame.aria_modal)
        .attr("tabindex", "0")
        .attr("style", style)
}

/// The modal `<dialog>`'s attributes, from the modal's table: an inline-only
/// app links no dialog strings (the dialog element's rendering code is shared
/// with every app, so that the body is never type-erased).
pub(crate) struct DialogAttributes {
    pub(crate) class: &'static str,
    pub(crate) label: TextFn,
    pub(crate) style: &'static str,
}

/// What goes inside the wrapper (and, for a modal, inside its dialog).
pub(crate) struct Body {
    pub(crate) container_id: String,
    pub(crate) height: Option<ActiveInline>,
    pub(crate) loading: Option<ViewFn>,
    pub(crate) children: Option<Children>,
}

/// One iframe document: its `src` and the handle's generation (a restart or
/// a resume with the same `src` is another document).
#[derive(PartialEq)]
struct DocumentKey {
    src: String,
    generation: u64,
}

/// The two branches the flow's iframe alternates between: a new document
/// takes the other branch, so the old element (and the old document in it)
/// is unmounted and never meets the new session.
#[derive(Default)]
struct AlternatingFrame {
    last: Option<DocumentKey>,
    branch: bool,
}

impl AlternatingFrame {
    /// The branch that shows `key`: the same one for the same document, the
    /// other one for a new document.
    fn branch_for(&mut self, key: DocumentKey) -> bool {
        if self.last.as_ref() != Some(&key) {
            self.branch = !self.branch;
            self.last = Some(key);
        }
        self.branch
    }
}

/// The loading part, the flow's iframe and the children: directly in the
/// wrapper for an inline flow, in the `<dialog>` for a modal (the same type
/// either way, so nothing is type-erased).
pub(crate) fn body(inquiry: Inquiry, modal: Option<ActiveModal>, body: Body) -> impl IntoView {
    let handle = inquiry.handle;
    let Body {
        container_id,
        height,
        loading,
        children,
    } = body;
    let live = move || !handle.lifecycle.with(|l| l.destroyed);
    let is_loading = move || live() && handle.state.with(|s| s.phase == InquiryPhase::Loading);
    // A modal without a loading view of the app's has `modal.js`'s spinner.
    let loading_view = move || loading.as_ref().filter(|_| is_loading()).map(ViewFn::run);
    let style = move || text(move || frame_style(inquiry, height, modal));
    // A new URL, a restart or a resume is a new iframe element, never the old
    // one with a new `src`: the view alternates between two branches of an
    // `Either` on every change of document, so the old element is unmounted.
    let document_key = move || {
        live()
            .then(|| {
                let generation = handle.lifecycle.with(|l| l.generation);
                inquiry.src().map(|src| DocumentKey { src, generation })
            })
            .flatten()
    };
    let alternating = StoredValue::new(AlternatingFrame::default());
    let frame = move || {
        let key = document_key()?;
        let branch = alternating.try_update_value(|frame| frame.branch_for(key))?;
        let frame = inquiry.with_settings_untracked(|s| s.frame.clone())?;
        let iframe = flow_iframe(inquiry, container_id.clone(), frame, style());
        Some(if branch {
            Either::Left(iframe)
        } else {
            Either::Right(iframe)
        })
    };
    view! {
        {loading_view}
        {frame}
        {children.map(|c| c())}
    }
}

/// The wrapper with everything in it.
pub(crate) fn inquiry_view(
    inquiry: Inquiry,
    modal: Option<ActiveModal>,
    parts: ViewParts,
    inside: Body,
) -> impl IntoView {
    let handle = inquiry.handle;
    let ViewParts {
        class,
        error,
        error_label,
    } = parts;
    let variant = if modal.is_some() {
        "persona-inquiry persona-inquiry--modal"
    } else {
        "persona-inquiry persona-inquiry--inline"
    };
    let wrapper_class = move || match class.read() {
        Some(Ok(extra)) => {
            let mut class = String::from(variant);
            class.push(' ');
            class.push_str(&extra);
            class
        }
        _ => variant.to_owned(),
    };
    let broken = move || {
        inquiry
            .settings
            .with(|s| s.as_ref().is_some_and(|s| s.is_err()))
    };
    let error_view = move || {
        broken().then(|| match &error {
            Some(error) => Either::Left(error.run()),
            None => Either::Right(view! {
                <div class="persona-inquiry__config-error" role="alert">{error_label.clone()}</div>
            }),
        })
    };
    let phase = move || handle.state.with(|s| s.phase.as_str().to_owned());
    let container_id = inside.container_id.clone();
    let content = match modal {
        None => Either::Left(body(inquiry, None, inside)),
        Some(modal) => {
            let dialog = modal.dialog(inquiry);
            Either::Right(
                html::dialog()
                    .attr("class", dialog.class)
                    .attr("aria-label", dialog.label)
                    .attr("style", dialog.style)
                    .child(body(inquiry, Some(modal), inside)),
            )
        }
    };
    html::div()
        .attr("class", text(wrapper_class))
        .attr("style", "position:relative;")
        .attr("data-phase", text(phase))
        .attr("data-container-id", container_id)
        .child((error_view, content))
}
