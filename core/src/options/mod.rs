//! What a configuration may be: the option table, InquiryOptions and its checks,
//! the option types, the support some options need, and ConfigError.

pub(crate) mod config_error;
pub(crate) mod css_length;
pub(crate) mod host;
pub(crate) mod inquiry_options;
pub(crate) mod load_timeout;
pub(crate) mod option_support;
pub(crate) mod option_table;
pub(crate) mod origin;
pub(crate) mod sandbox;
pub(crate) mod trusted_origins;
