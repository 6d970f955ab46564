//! The REST API client: to be written.
