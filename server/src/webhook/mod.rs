//! Webhooks: to be written.
