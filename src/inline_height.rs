//! Inline height: the iframe takes the height the flow reports in
//! `page-change`, kept within `min_height` / `max_height`, written at most once
//! per animation frame however many messages arrive.

use leptos::prelude::*;
use leptos_persona_core::inline_frame_height;

use crate::flow_session::Inquiry;

/// The page height as of the last animation frame, and the frame request pending.
#[derive(Clone, Copy)]
pub(crate) struct InlineHeight {
    /// The height last reported (written once per frame) and the frame
    /// request pending, if any.
    kept: StoredValue<Kept, LocalStorage>,
    /// Flips when `kept`'s height changes, for the style to follow (a `bool`
    /// signal, a type the component has anyway).
    changed: RwSignal<bool>,
}

#[derive(Default)]
struct Kept {
    reported: Option<f64>,
    pending: Option<AnimationFrameRequestHandle>,
}

impl InlineHeight {
    /// Heights follow the flow from now on; a pending write is dropped with
    /// the component.
    pub(crate) fn new() -> Self {
        let height = Self {
            kept: StoredValue::new_local(Kept::default()),
            changed: RwSignal::new(false),
        };
        on_cleanup(move || height.cancel());
        height
    }

    /// Schedules the write of the latest reported height for the next frame,
    /// unless one is already scheduled.
    pub(crate) fn follow(self, inquiry: Inquiry) {
        if self
            .kept
            .try_with_value(|k| k.pending.is_some())
            .unwrap_or(true)
        {
            return;
        }
        let request = request_animation_frame_with_handle(move || {
            let latest = inquiry
                .handle
                .state
                .try_with_untracked(|s| s.page_height)
                .flatten();
            self.write(latest);
        });
        self.kept.update_value(|k| k.pending = request.ok());
    }

    fn write(self, height: Option<f64>) {
        let changed = self.kept.try_update_value(|k| {
            k.pending = None;
            let changed = k.reported != height;
            k.reported = height;
            changed
        });
        if changed == Some(true) {
            self.changed.try_update(|c| *c = !*c);
        }
    }

    /// The iframe's height in CSS pixels (tracked).
    pub(crate) fn px(self, inquiry: Inquiry) -> f64 {
        self.changed.track();
        let (min, max) = inquiry
            .with_settings(|s| (s.min_height, s.max_height))
            .unwrap_or((crate::DEFAULT_MIN_HEIGHT, None));
        let reported = self.kept.try_with_value(|k| k.reported).flatten();
        inline_frame_height(reported, min, max)
    }

    /// Forgets the reported height (a new document starts from the minimum).
    pub(crate) fn reset(self) {
        self.cancel();
        self.write(None);
    }

    fn cancel(self) {
        self.kept.try_update_value(|k| {
            if let Some(p) = k.pending.take() {
                p.cancel();
            }
        });
    }
}
