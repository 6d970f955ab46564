//! The shell's effects, through one non-generic function. `Effect::new` is
//! generic over its closure, and each instance brings its own copy of the
//! effect's task (a future, its promise glue and its loop) into the wasm; a
//! boxed closure makes that one copy for the whole shell.

use leptos::prelude::*;

/// Runs `body` as an [`Effect`]: after rendering, in a browser only, and again
/// whenever a signal it read changes.
pub(crate) fn effect(body: impl Fn() + 'static) {
    boxed_effect(Box::new(body));
}

fn boxed_effect(body: Box<dyn Fn()>) {
    #[allow(
        clippy::disallowed_methods,
        reason = "the shell's one Effect::new, over a boxed closure"
    )]
    Effect::new(move |_| body());
}
