//! Messages between the page and the flow: the gate, the event table, the
//! typed payloads, total JSON reads, and what the page posts to the flow.

pub(crate) mod event_table;
pub(crate) mod field;
pub(crate) mod flow_event;
pub(crate) mod inquiry_error;
pub(crate) mod json_access;
pub(crate) mod message_gate;
pub(crate) mod widget_action;
