//! The page's origin, which the flow's URL carries as `iframe-origin`.

use leptos::prelude::*;
use leptos_persona_core::{ConfigError, PageOrigin};

use crate::session::effect::effect;
use crate::OptionProp;

/// The page's origin: the `page_origin` prop when given (or why it cannot be
/// used: never replaced by the window's), else `window.location.origin`. While hydrating it starts from what the server
/// rendered (no origin unless given) and reads the window once mounted, so the
/// first client render matches the server's markup; on the server there is no
/// window and it stays `None` unless given. A plain reader, not a memo: the
/// settings memo that reads it is the one place it is needed.
pub(crate) fn page_origin(
    given: OptionProp<PageOrigin>,
) -> impl Fn() -> Option<Result<String, ConfigError>> + Send + Sync {
    let hydrating = cfg!(feature = "hydrate")
        && Owner::current_shared_context().is_some_and(|context| context.during_hydration());
    // The window's origin is known at once, except while hydrating: the server
    // could not know it, so the first render goes without and an effect (after
    // hydration) brings it. Client-rendered builds have no such signal at all.
    let known = if hydrating { None } else { browser_origin() };
    let later = hydrating.then(|| {
        let origin = RwSignal::new(None);
        effect(move || origin.set(browser_origin()));
        origin
    });
    move || match given.read() {
        Some(given) => Some(given.map(|origin| origin.as_str().to_owned())),
        None => match later {
            Some(origin) => origin.get(),
            None => known.clone(),
        }
        .map(Ok),
    }
}

fn browser_origin() -> Option<String> {
    #[cfg(target_arch = "wasm32")]
    {
        if !cfg!(feature = "ssr") {
            return crate::browser::browser_window::window()?
                .location()
                .origin()
                .ok();
        }
    }
    None
}
