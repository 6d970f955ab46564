//! The page: signed out, a sign-in form; signed in, the person's verification
//! status (from the database: where it came from and when), "Verify my
//! identity", and the flow once started. The flow's callbacks only ask the
//! server to read the inquiry again (`refresh_verification`).

use leptos::prelude::*;
use leptos_persona::{
    use_persona_inquiry, CompletePayload, ExitPayload, Host, InquiryError, PersonaInquiry,
};
use leptos_router::components::{Route, Router, Routes};
use leptos_router::path;

use crate::api::{get_account, RefreshVerification, SignIn, SignOut, StartVerification};
use crate::model::{Account, KycError, Source, Started, Verification};

/// The brand the example wears.
const BRAND: &str = "Northwind Bank";

/// The document: CSP nonce, stylesheet, hydration scripts.
pub fn shell(options: LeptosOptions) -> impl IntoView {
    #[cfg(feature = "ssr")]
    if let Some(parts) = use_context::<axum::http::request::Parts>() {
        if let Some(nonce) = parts.extensions.get::<leptos::nonce::Nonce>() {
            provide_context(nonce.clone());
        }
    }
    view! {
        <!DOCTYPE html>
        <html lang="en">
            <head>
                <meta charset="utf-8" />
                <meta name="viewport" content="width=device-width, initial-scale=1" />
                <title>{format!("Verify your identity · {BRAND}")}</title>
                <link rel="icon" href="data:," />
                <link rel="stylesheet" href="/style.css" />
                <HydrationScripts options />
            </head>
            <body>
                <App />
            </body>
        </html>
    }
}

/// The app: one page.
#[component]
pub fn App() -> impl IntoView {
    view! {
        <Router>
            <Routes fallback=NotFound>
                <Route path=path!("/") view=HomePage />
            </Routes>
        </Router>
    }
}

#[component]
fn NotFound() -> impl IntoView {
    #[cfg(feature = "ssr")]
    if let Some(response) = use_context::<leptos_axum::ResponseOptions>() {
        response.set_status(axum::http::StatusCode::NOT_FOUND);
    }
    view! {
        <TopBar account=None />
        <main id="main">
            <h1>"Page not found"</h1>
            <p><a href="/">"Back to your verification"</a></p>
        </main>
    }
}

/// A message for the person: an error (`role=alert`) or a note (`role=status`).
#[derive(Clone, Debug, PartialEq)]
enum Notice {
    Error(String),
    Info(String),
}

/// What the flow needs to open.
#[derive(Clone, Debug, PartialEq)]
struct Flow {
    inquiry_id: String,
    session_token: String,
    host: String,
    environment_id: Option<String>,
}

#[component]
fn HomePage() -> impl IntoView {
    let sign_in = ServerAction::<SignIn>::new();
    let sign_out = ServerAction::<SignOut>::new();
    let start = ServerAction::<StartVerification>::new();
    let refresh = ServerAction::<RefreshVerification>::new();
    let reload = RwSignal::new(0u32);
    let account = Resource::new(
        move || {
            (
                sign_in.version().get(),
                sign_out.version().get(),
                refresh.version().get(),
                reload.get(),
            )
        },
        |_| get_account(),
    );
    let flow = RwSignal::new(None::<Flow>);
    let notice = RwSignal::new(None::<Notice>);
    // After the flow completes or is left, it closes once the server has read
    // the inquiry again.
    let close_after_refresh = RwSignal::new(false);

    Effect::new(move || match start.value().get() {
        Some(Ok(Started::Flow {
            inquiry_id,
            session_token,
            host,
            environment_id,
        })) => {
            notice.set(None);
            flow.set(Some(Flow {
                inquiry_id,
                session_token,
                host,
                environment_id,
            }));
        }
        Some(Ok(Started::Finished { status })) => {
            notice.set(Some(Notice::Info(
                KycError::AlreadyFinished(status).to_string(),
            )));
            reload.update(|n| *n += 1);
        }
        Some(Err(error)) => notice.set(Some(Notice::Error(error.to_string()))),
        None => {}
    });
    Effect::new(move || {
        if let Some(result) = refresh.value().get() {
            if close_after_refresh.get_untracked() {
                close_after_refresh.set(false);
                flow.set(None);
            }
            match result {
                Ok(_) => notice.set(None),
                Err(error) => notice.set(Some(Notice::Error(error.to_string()))),
            }
        }
    });
    Effect::new(move || {
        if sign_out.version().get() > 0 {
            flow.set(None);
            notice.set(None);
        }
    });

    let refresh_now = move || {
        refresh.dispatch(RefreshVerification {});
    };
    view! {
        <Transition fallback=|| view! { <TopBar account=None /> }>
            {move || Suspend::new(async move {
                let account = account.await.ok().flatten();
                view! { <TopBar account sign_out /> }
            })}
        </Transition>
        <main id="main">
            <Transition fallback=|| view! { <h1>"Identity verification"</h1><p>"Loading your account…"</p> }>
                {move || Suspend::new(async move {
                    match account.await {
                        Ok(Some(account)) => view! {
                            <StatusCard
                                account
                                flow_open=Signal::derive(move || flow.with(Option::is_some))
                                busy=Signal::derive(move || start.pending().get() || refresh.pending().get())
                                on_verify=move || { start.dispatch(StartVerification {}); }
                                on_check=refresh_now
                            />
                        }.into_any(),
                        Ok(None) => view! { <SignInCard sign_in /> }.into_any(),
                        Err(error) => view! {
                            <h1>"Identity verification"</h1>
                            <p class="notice notice-error" role="alert">{error.to_string()}</p>
                        }.into_any(),
                    }
                })}
            </Transition>
            {move || notice.get().map(|n| match n {
                Notice::Error(text) => view! { <p id="notice" class="notice notice-error" role="alert">{text}</p> }.into_any(),
                Notice::Info(text) => view! { <p id="notice" class="notice notice-info" role="status">{text}</p> }.into_any(),
            })}
            {move || flow.get().map(|current| view! {
                <FlowCard
                    flow=current
                    on_done=move || {
                        close_after_refresh.set(true);
                        refresh.dispatch(RefreshVerification {});
                    }
                    on_flow_error=move |text: String| {
                        notice.set(Some(Notice::Error(text)));
                        // Out of the flow's own callback: the flow is over.
                        request_animation_frame(move || flow.set(None));
                    }
                />
            })}
        </main>
    }
}

/// The bar across the top: the brand, and who is signed in.
#[component]
fn TopBar(
    account: Option<Account>,
    #[prop(optional)] sign_out: Option<ServerAction<SignOut>>,
) -> impl IntoView {
    view! {
        <header class="topbar">
            <a class="brand" href="/">{BRAND}</a>
            {account.zip(sign_out).map(|(account, sign_out)| view! {
                <div class="who">
                    <span>"Signed in as "<strong id="signed-in-as">{account.name}</strong></span>
                    <ActionForm action=sign_out>
                        <button type="submit" class="button button-quiet" id="sign-out">"Sign out"</button>
                    </ActionForm>
                </div>
            })}
        </header>
    }
}

/// Signed out: who this is for, and the sign-in form.
#[component]
fn SignInCard(sign_in: ServerAction<SignIn>) -> impl IntoView {
    let error = move || match sign_in.value().get() {
        Some(Err(error)) => {
            Some(view! { <p class="notice notice-error" role="alert">{error.to_string()}</p> })
        }
        _ => None,
    };
    view! {
        <h1>"Verify your identity"</h1>
        <p class="lead">
            "Before you can open an account we need to check that you are you. It takes about two \
             minutes: a photo of an identity document, then a selfie."
        </p>
        <section class="card" aria-labelledby="sign-in-heading">
            <h2 id="sign-in-heading">"Sign in"</h2>
            <ActionForm action=sign_in attr:class="sign-in">
                <label for="name">"Your name"</label>
                <div class="row">
                    <input id="name" name="name" type="text" required maxlength="60" autocomplete="name" />
                    <button type="submit" class="button" id="sign-in">"Sign in"</button>
                </div>
            </ActionForm>
            {error}
            <p class="fineprint">
                "This demo signs you in by name alone, with a signed cookie: it stands in for real \
                 authentication."
            </p>
        </section>
    }
}

/// Where a stored status came from, in words.
fn provenance(v: &Verification) -> Option<String> {
    let when = v.updated_at.clone()?;
    let from = match (v.source, v.event.as_deref()) {
        (Some(Source::Webhook), Some(event)) => format!("from Persona's webhook ({event})"),
        (Some(Source::Webhook), None) => "from Persona's webhook".to_owned(),
        (Some(Source::Api), _) => "read from Persona's API".to_owned(),
        (None, _) => "from an unknown source".to_owned(),
    };
    Some(format!("Updated {when}, {from}."))
}

/// Signed in: the status as the database holds it, and what to do next.
#[component]
fn StatusCard(
    account: Account,
    flow_open: Signal<bool>,
    busy: Signal<bool>,
    on_verify: impl Fn() + Send + Sync + Copy + 'static,
    on_check: impl Fn() + Send + Sync + Copy + 'static,
) -> impl IntoView {
    let v = account.verification;
    let look = v.look();
    let status = v.status.clone().unwrap_or_else(|| "none".into());
    let can_continue = v.can_continue();
    let verify_label = if v.is_started() {
        "Continue verification"
    } else {
        "Verify my identity"
    };
    let has_inquiry = v.inquiry_id.is_some();
    let source = v.source.map(Source::as_str).unwrap_or("");
    view! {
        <h1>"Identity verification"</h1>
        <section class="card status" aria-labelledby="status-heading">
            <h2 id="status-heading">"Your status"</h2>
            <p class="status-line">
                <span id="status-badge" class=format!("badge badge-{}", look.tone) data-status=status data-source=source>
                    {look.label}
                </span>
            </p>
            <p class="meaning">{look.meaning}</p>
            {provenance(&v).map(|text| view! { <p class="meta" id="status-meta">{text}</p> })}
            {v.inquiry_id.clone().map(|id| view! {
                <p class="meta">"Inquiry "<code id="inquiry-id">{id}</code></p>
            })}
            <div class="actions" hidden=move || flow_open.get()>
                {can_continue.then(|| view! {
                    <button type="button" class="button" id="verify" disabled=move || busy.get() on:click=move |_| on_verify()>
                        {verify_label}
                    </button>
                })}
                {has_inquiry.then(|| view! {
                    <button type="button" class="button button-quiet" id="check-status" disabled=move || busy.get() on:click=move |_| on_check()>
                        "Check my status"
                    </button>
                })}
            </div>
        </section>
    }
}

/// The flow, inline, with a way to leave it. Its callbacks do no business
/// logic: they ask the server to read the inquiry again.
#[component]
fn FlowCard(
    flow: Flow,
    on_done: impl Fn() + Send + Sync + Copy + 'static,
    on_flow_error: impl Fn(String) + Send + Sync + Copy + 'static,
) -> impl IntoView {
    let handle = use_persona_inquiry();
    let host = flow.host.parse::<Host>();
    view! {
        <section class="card flow" aria-labelledby="flow-heading">
            <div class="flow-head">
                <h2 id="flow-heading">"Verify your identity"</h2>
                <button type="button" class="button button-quiet" id="leave" on:click=move |_| handle.cancel(true)>
                    "Leave for now"
                </button>
            </div>
            <p class="meta">"You can leave at any time and continue later where you left off."</p>
            <PersonaInquiry
                inquiry_id=flow.inquiry_id
                session_token=flow.session_token
                host=host
                environment_id=flow.environment_id
                handle=handle
                iframe_title="Identity verification"
                on_complete=move |_: CompletePayload| on_done()
                on_cancel=move |_: ExitPayload| on_done()
                on_error=move |error: InquiryError| {
                    let detail = error.message.clone().unwrap_or_else(|| error.to_string());
                    on_flow_error(format!(
                        "The verification flow stopped ({detail}). Choose \u{201c}Continue verification\u{201d} to try again."
                    ))
                }
            />
        </section>
    }
}
