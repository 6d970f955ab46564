//! Options → the widget URL, byte for byte as the official SDK builds it: the
//! query, its hand-written arms, and the JavaScript behaviours that decide bytes.

pub(crate) mod js_builtins;
pub(crate) mod js_number;
pub(crate) mod kebab_case;
pub(crate) mod query_arms;
pub(crate) mod query_string;
pub(crate) mod widget_url;
