//! What the components expose: the inquiry state and its reducer, the
//! callbacks due, and the frame's layout rules.

pub(crate) mod callback_table;
pub(crate) mod frame_layout;
pub(crate) mod inquiry_state;
