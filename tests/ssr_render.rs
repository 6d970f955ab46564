//! Server rendering: `<PersonaInquiry>` renders on the server without touching
//! `window`, with the iframe's final `src` in the HTML and unguessable container
//! ids, handed to the hydrating client in the page's hydration data.
#![cfg(feature = "ssr")]

use std::sync::Arc;

use hydration_context::{SharedContext, SsrSharedContext};
use leptos::prelude::*;
use leptos_persona::protocol::{widget_url, FlowType};
use leptos_persona::{InquiryOptions, PersonaInquiry};

fn render<V: IntoView + 'static>(view: impl FnOnce() -> V) -> String {
    render_with_data(view).0
}

/// The HTML, and the hydration data the server streams after it (the scripts
/// that fill `__RESOLVED_RESOURCES` for the client).
fn render_with_data<V: IntoView + 'static>(view: impl FnOnce() -> V) -> (String, String) {
    use futures::StreamExt;
    let context = Arc::new(SsrSharedContext::new());
    let owner = Owner::new_root(Some(context.clone()));
    let html = owner.with(|| view().to_html());
    let data = context
        .pending_data()
        .map(|stream| futures::executor::block_on(stream.collect::<Vec<String>>()).concat())
        .unwrap_or_default();
    (html, data)
}

/// The container ids of the iframes in `html`, in order.
fn container_ids(html: &str) -> Vec<String> {
    html.split("<iframe id=\"")
        .skip(1)
        .filter_map(|rest| rest.split('"').next())
        .map(str::to_owned)
        .collect()
}

#[test]
fn inline_inquiry_renders_its_iframe_on_the_server() {
    let html = render(|| {
        view! {
            <PersonaInquiry page_origin="https://shop.example.com" template_id="itmpl_ABC123"
                reference_id="user 42" />
        }
    });
    let ids = container_ids(&html);
    assert_eq!(ids.len(), 1, "{html}");
    let src = widget_url(
        &InquiryOptions {
            reference_id: Some("user 42".into()),
            ..InquiryOptions::template("itmpl_ABC123")
        },
        &ids[0],
        FlowType::Inline,
        "https://shop.example.com",
    )
    .unwrap();
    // Attribute values are HTML-escaped: `&` becomes `&amp;`.
    assert!(
        html.contains(&format!("src=\"{}\"", src.replace('&', "&amp;"))),
        "{html}"
    );
    assert!(html.contains("sandbox=\"allow-scripts allow-same-origin allow-popups allow-forms allow-modals allow-top-navigation-by-user-activation\""), "{html}");
    assert!(html.contains("data-phase=\"loading\""), "{html}");
}

#[test]
fn every_instance_gets_an_unguessable_container_id_and_a_given_id_is_kept() {
    let page = || {
        view! {
            <PersonaInquiry page_origin="https://shop.example.com" template_id="itmpl_A" />
            <PersonaInquiry page_origin="https://shop.example.com" template_id="itmpl_B" modal=true />
            <PersonaInquiry page_origin="https://shop.example.com" template_id="itmpl_C" id="checkout-kyc" />
        }
    };
    let first = container_ids(&render(page));
    let second = container_ids(&render(page));
    assert_eq!(first.len(), 3, "{first:?}");
    for id in first.iter().chain(&second).take(2) {
        let digits = id.strip_prefix("persona-inquiry-").unwrap_or_default();
        assert!(
            digits.len() == 20 && digits.bytes().all(|b| b.is_ascii_alphanumeric()),
            "{id}"
        );
    }
    assert_ne!(first[0], first[1], "instances differ");
    assert_ne!(first[0], second[0], "renders differ: nothing to guess");
    assert_eq!(first[2], "checkout-kyc");
    assert_eq!(second[2], "checkout-kyc");
}

#[test]
fn the_server_hands_each_drawn_container_id_to_the_hydrating_client() {
    let (html, data) = render_with_data(|| {
        view! {
            <PersonaInquiry page_origin="https://shop.example.com" template_id="itmpl_A" />
            <PersonaInquiry page_origin="https://shop.example.com" template_id="itmpl_B" />
        }
    });
    let ids = container_ids(&html);
    assert_eq!(ids.len(), 2, "{html}");
    for id in &ids {
        assert!(
            data.contains(&format!("] = \"{id}\";")),
            "{id} is not in the hydration data: {data}"
        );
    }
}

#[test]
fn the_modal_renders_as_a_dialog_on_the_server() {
    let html = render(|| {
        view! {
            <PersonaInquiry page_origin="https://shop.example.com" template_id="itmpl_B" modal=true />
        }
    });
    assert!(
        html.contains("role=\"dialog\"") && html.contains("aria-modal=\"true\""),
        "{html}"
    );
}

#[test]
fn without_a_page_origin_the_server_renders_no_src() {
    let html = render(|| view! { <PersonaInquiry template_id="itmpl_ABC123" /> });
    assert!(
        !html.contains("<iframe"),
        "no iframe without a page origin: {html}"
    );
    assert!(html.contains("persona-inquiry--inline"), "{html}");
}

#[test]
fn a_bad_configuration_renders_its_error() {
    // Neither a template nor an inquiry: no iframe; the client shows the error once hydrated.
    let html = render(
        || view! { <PersonaInquiry page_origin="https://shop.example.com" options=InquiryOptions::default() /> },
    );
    assert!(!html.contains("<iframe"), "{html}");
    // End users read a neutral message; the developer's text goes to the
    // console and to the handle, not into the page.
    assert!(
        html.contains("role=\"alert\"") && html.contains(&leptos_persona::Labels::default().error),
        "{html}"
    );
    assert!(!html.contains("no flow to start"), "{html}");
}

#[test]
fn conflicting_options_render_natively_under_a_bare_owner_without_panicking() {
    // A template and an inquiry id at once is a configuration error; nothing on
    // the way may call into the browser off wasm.
    let owner = leptos::prelude::Owner::new();
    let html = owner.with(|| {
        view! { <PersonaInquiry template_id="itmpl_A" inquiry_id="inq_B" page_origin="https://shop.example.com" /> }
            .to_html()
    });
    assert!(html.contains("role=\"alert\""), "{html}");
    assert!(!html.contains("<iframe"), "{html}");
}

#[test]
fn the_message_queue_renders_its_script_unescaped() {
    let html = render(|| view! { <leptos_persona::PersonaMessageQueue /> });
    assert!(
        html.contains(leptos_persona::MESSAGE_QUEUE_SCRIPT),
        "{html}"
    );
    assert!(html.starts_with("<script"), "{html}");
}

/// The props written the way the README tells users to: strings, `json!`,
/// integers, a `Duration`, pairs. It compiles, and the server renders the flow
/// with the prefill in the iframe's `src`.
#[test]
fn props_take_what_users_write() {
    use leptos_persona::serde_json::json;
    let html = render(|| {
        view! {
            <PersonaInquiry
                page_origin="https://shop.example.com"
                template_id="itmpl_ABC123"
                host="staging"
                environment="sandbox"
                fields=json!({ "nameFirst": "Jane", "birthdate": "1990-01-31" })
                frame_height=650
                frame_width="80vw"
                min_height=300
                max_height=900
                load_timeout=std::time::Duration::from_secs(8)
                frame_ancestors=["https://shop.example.com"]
                events_allowlist="all"
                on_complete=move |done: leptos_persona::CompletePayload| drop(done)
            />
            <PersonaInquiry
                page_origin="https://shop.example.com"
                template_id="itmpl_ABC123"
                fields=[("nameLast", "Doe")]
                load_timeout=8_000
            />
        }
    });
    assert!(
        html.contains("https://inquiry.withpersona-staging.com/widget?"),
        "{html}"
    );
    assert!(
        html.contains("fields%5Bname-first%5D=Jane")
            && html.contains("fields%5Bbirthdate%5D=1990-01-31")
            && html.contains("fields%5Bname-last%5D=Doe"),
        "{html}"
    );
    assert!(html.contains("environment=sandbox"), "{html}");
    assert!(html.contains("max-height:650px"), "{html}");
    assert!(html.contains("max-width:80vw"), "{html}");
    assert!(!html.contains("role=\"alert\""), "{html}");
}

/// A bad host is a configuration error shown in the page, never a flow.
#[test]
fn a_bad_host_renders_the_error_not_a_flow() {
    let html = render(|| {
        view! { <PersonaInquiry page_origin="https://shop.example.com" template_id="itmpl_ABC123" host="sandbox" /> }
    });
    assert!(html.contains("role=\"alert\""), "{html}");
    assert!(!html.contains("<iframe"), "{html}");
}

/// Every option whose checks or encoder only some apps need, given through its
/// own prop (constant or reactive) or through `options`: each brings what it
/// needs to the URL, so none is refused as unsupported.
#[test]
fn options_that_need_support_bring_it_with_their_props() {
    use leptos_persona::options::{CssSize, FieldMapping, Padding};
    use leptos_persona::serde_json::json;
    use leptos_persona::InquiryOptions;
    let html = render(|| {
        let fields = RwSignal::new(json!({ "addressCity": "Oslo" }));
        let width = Signal::derive(|| CssSize::Css("70vw".into()));
        view! {
            <PersonaInquiry
                page_origin="https://shop.example.com"
                template_id="itmpl_ABC123"
                custom_host="https://verify.example.com"
                fields=fields
                frame_width=width
                widget_padding=Padding::new().top(8.0)
                navigation_padding=Padding::new().left(4.5)
                field_mappings=vec![FieldMapping::new("nameFirst", "firstName")]
                sandbox_attributes=["allow-downloads"]
                message_target_origin="https://parent.example.com"
            />
            <PersonaInquiry
                page_origin="https://shop.example.com"
                options=InquiryOptions {
                    frame_ancestors: Some(vec!["https://shop.example.com".into()]),
                    ..InquiryOptions::template("itmpl_DEF456").with_field("nameLast", "Doe")
                }
            />
        }
    });
    assert!(!html.contains("role=\"alert\""), "{html}");
    for expected in [
        "https://verify.example.com/widget?",
        "fields%5Baddress-city%5D=Oslo",
        "max-width:70vw",
        "widget-padding%5Btop%5D=8",
        "navigation-padding%5Bleft%5D=4.5",
        "field-mappings%5B0%5D%5Bsource-field-name%5D=nameFirst",
        "allow-downloads",
        "message-target-origin=https%3A%2F%2Fparent.example.com",
        "frame-ancestors%5B0%5D=https%3A%2F%2Fshop.example.com",
        "fields%5Bname-last%5D=Doe",
    ] {
        assert!(html.contains(expected), "{expected} in {html}");
    }
}

/// A message target that is not an origin is refused where the URL is built.
#[test]
fn a_bad_message_target_origin_renders_the_error_not_a_flow() {
    let html = render(|| {
        view! {
            <PersonaInquiry page_origin="https://shop.example.com" template_id="itmpl_ABC123"
                message_target_origin="https://parent.example.com/path" />
        }
    });
    assert!(html.contains("role=\"alert\""), "{html}");
    assert!(!html.contains("<iframe"), "{html}");
}

/// A height that is not a non-negative number of pixels is refused, given as
/// a constant or through a signal, and names the props.
#[test]
fn a_negative_or_non_finite_height_renders_the_error_not_a_flow() {
    let negative = render(|| {
        view! { <PersonaInquiry page_origin="https://shop.example.com" template_id="itmpl_ABC123" min_height=-5 /> }
    });
    let non_finite = render(|| {
        let height = Signal::derive(|| f64::NAN);
        view! { <PersonaInquiry page_origin="https://shop.example.com" template_id="itmpl_ABC123" max_height=height /> }
    });
    for html in [negative, non_finite] {
        assert!(html.contains("role=\"alert\""), "{html}");
        assert!(!html.contains("<iframe"), "{html}");
    }
    let fine = render(|| {
        view! { <PersonaInquiry page_origin="https://shop.example.com" template_id="itmpl_ABC123" min_height=0 max_height=900.5 /> }
    });
    assert!(
        fine.contains("<iframe") && !fine.contains("role=\"alert\""),
        "{fine}"
    );
}

/// `preload` in a component body that renders on the server does nothing: no
/// call into the browser's bindings (which panic off wasm), and the render goes on.
#[test]
fn preload_does_nothing_in_a_server_render() {
    let host: leptos_persona::Host = "verify.example.com"
        .parse()
        .unwrap_or_else(|e| panic!("a host: {e}"));
    let html = render(move || {
        leptos_persona::preload(&host);
        view! { <p>"rendered"</p> }
    });
    assert!(html.contains("rendered"), "{html}");
}

/// The `src` that `options` give in container `id`, as the HTML writes it.
fn escaped_src(options: &InquiryOptions, id: &str) -> String {
    widget_url(options, id, FlowType::Inline, "https://shop.example.com")
        .unwrap_or_else(|e| panic!("{e}"))
        .replace('&', "&amp;")
}

/// Each string prop reaches the server-rendered `src`, at its own key and
/// position: the whole `src` equals the one the same options build, and each
/// prop's own `key=value` is in it (so a dropped or swapped prop fails).
#[test]
fn every_string_prop_reaches_the_rendered_src() {
    let html = render(|| {
        view! {
            <PersonaInquiry page_origin="https://shop.example.com"
                template_version_id="itmplv_V1" account_type_id="acttp_T1" language="fr"
                theme_set_id="theme_S1" share_token="cnst_C1" routing_country="FR" />
        }
    });
    let ids = container_ids(&html);
    assert_eq!(ids.len(), 1, "{html}");
    let options = InquiryOptions {
        template_version_id: Some("itmplv_V1".into()),
        account_type_id: Some("acttp_T1".into()),
        language: Some("fr".into()),
        theme_set_id: Some("theme_S1".into()),
        share_token: Some("cnst_C1".into()),
        routing_country: Some("FR".into()),
        ..InquiryOptions::default()
    };
    assert!(html.contains(&escaped_src(&options, &ids[0])), "{html}");
    for pair in [
        "inquiry-template-version-id=itmplv_V1",
        "account-type-id=acttp_T1",
        "language=fr",
        "theme-set-id=theme_S1",
        "share-token=cnst_C1",
        "routing-country=FR",
    ] {
        assert!(html.contains(&format!("&amp;{pair}")), "{pair}: {html}");
    }

    let html = render(|| {
        view! {
            <PersonaInquiry page_origin="https://shop.example.com" template_id="itmpl_ABC123"
                account_id="act_A1" />
        }
    });
    let ids = container_ids(&html);
    let options = InquiryOptions {
        account_id: Some("act_A1".into()),
        ..InquiryOptions::template("itmpl_ABC123")
    };
    assert!(html.contains(&escaped_src(&options, &ids[0])), "{html}");
    assert!(html.contains("&amp;account-id=act_A1"), "{html}");

    let html = render(|| {
        view! {
            <PersonaInquiry page_origin="https://shop.example.com" inquiry_id="inq_I1"
                session_token="sess_S1" />
        }
    });
    let ids = container_ids(&html);
    let options = InquiryOptions::resume("inq_I1", Some("sess_S1".into()));
    assert!(html.contains(&escaped_src(&options, &ids[0])), "{html}");
    assert!(
        html.contains("&amp;inquiry-id=inq_I1&amp;") && html.contains("&amp;session-token=sess_S1"),
        "{html}"
    );
}

/// A `page_origin` that is not an origin is a configuration error (before,
/// it went into `iframe-origin` and the flow posted to nowhere); a real one
/// is the `src`'s `iframe-origin`.
#[test]
fn a_page_origin_that_is_not_an_origin_renders_the_error() {
    for bad in [
        "not an origin",
        "https://shop.example.com/",
        "*",
        "Https://Shop.example.com",
    ] {
        let html = render(move || {
            view! { <PersonaInquiry page_origin=bad template_id="itmpl_ABC123" /> }
        });
        assert!(html.contains("role=\"alert\""), "{bad}: {html}");
        assert!(!html.contains("<iframe"), "{bad}: {html}");
    }
    let html = render(|| {
        view! { <PersonaInquiry page_origin="http://127.0.0.1:3000" template_id="itmpl_ABC123" /> }
    });
    assert!(
        html.contains("iframe-origin=http%3A%2F%2F127.0.0.1%3A3000"),
        "{html}"
    );
}
