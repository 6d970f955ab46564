//! One flow's life: the message listener and the session per iframe
//! document, the handle the app holds, the page origin, and the effects.

pub(crate) mod effect;
pub(crate) mod flow_session;
pub(crate) mod inquiry_handle;
pub(crate) mod page_origin;
