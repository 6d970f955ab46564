//! The browser side of the protocol, for code below the component (another
//! wrapper, tests): exactly what `<PersonaInquiry>` itself uses. Inside, the
//! crate's JavaScript (`js/`) beside its bindings, and every call into the
//! browser, none of which runs off wasm32.

pub(crate) mod browser_builtins;
#[cfg(target_arch = "wasm32")]
pub(crate) mod browser_js;
pub(crate) mod browser_listener;
pub(crate) mod browser_window;
pub(crate) mod frame_link;
pub(crate) mod preload;

pub use browser_builtins::builtins as js_builtins;
pub use browser_builtins::{kebab_case, option_support};
pub use frame_link::read_data as read_message_data;
