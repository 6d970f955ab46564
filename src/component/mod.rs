//! The component and what its props take: `<PersonaInquiry>`, its option
//! and callback props, the options they make, the markup, and the other
//! components (`<PersonaMessageQueue/>`, `<PersonaStyles/>`).

pub(crate) mod container_id;
pub(crate) mod flow_callback;
pub(crate) mod frame_view;
pub(crate) mod message_queue;
pub(crate) mod option_prop;
pub(crate) mod option_value;
pub(crate) mod options_from_props;
pub(crate) mod persona_inquiry;
pub(crate) mod persona_styles;
