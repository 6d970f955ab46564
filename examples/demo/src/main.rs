//! The demo web app of `leptos-persona`: both variants of `<PersonaInquiry>` side
//! by side, their handles' signals, every callback, and the Rust behind them.
//! Configuration: see [`config`].

mod app;
mod code_sample;
mod config;
mod controls;
mod event_log;
mod frame_height;
mod inline_demo;
mod inline_example;
mod modal_demo;
mod modal_example;
mod settings;
mod signals_panel;
mod theme;

fn main() {
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(app::App);
}
