//! Inline height: the iframe takes the height the flow reports in
//! `page-change`, kept within `min_height` / `max_height`, written at most once
//! per animation frame however many messages arrive.

use leptos::prelude::*;
use leptos_persona_core::inline_frame_height;

use crate::flow_session::Inquiry;

/// The page height as of the last animation frame, and the frame request pending.
#[derive(Clone, Copy)]
pub(crate) struct InlineHeight {
    reported: RwSignal<Option<f64>>,
    pending: StoredValue<Option<AnimationFrameRequestHandle>, LocalStorage>,
}

impl InlineHeight {
    pub(crate) fn new() -> Self {
        let height = Self {
            reported: RwSignal::new(None),
            pending: StoredValue::new_local(None),
        };
        on_cleanup(move || height.cancel());
        height
    }

    /// After an accepted message: take the flow's latest page height at the
    /// next animation frame (one write per frame).
    pub(crate) fn follow(self, inquiry: Inquiry) {
        if self.pending.try_with_value(Option::is_some).unwrap_or(true) {
            return;
        }
        let request = request_animation_frame_with_handle(move || {
            self.pending.try_set_value(None);
            let latest = inquiry
                .handle
                .state
                .try_with_untracked(|s| s.page_height)
                .flatten();
            if self.reported.try_get_untracked() != Some(latest) {
                self.reported.try_set(latest);
            }
        });
        self.pending.set_value(request.ok());
    }

    /// The iframe's height in CSS px, within the current bounds (tracked).
    pub(crate) fn px(self, inquiry: Inquiry) -> f64 {
        let (min, max) = inquiry
            .with_settings(|s| (s.min_height, s.max_height))
            .unwrap_or((crate::DEFAULT_MIN_HEIGHT, None));
        inline_frame_height(self.reported.get(), min, max)
    }

    /// A new flow document starts from the minimum height.
    pub(crate) fn reset(self) {
        self.cancel();
        self.reported.try_set(None);
    }

    fn cancel(self) {
        self.pending.try_update_value(|p| {
            if let Some(p) = p.take() {
                p.cancel();
            }
        });
    }
}
