//! Inline height: the iframe takes the height the flow reports in
//! `page-change`, kept within `min_height` / `max_height`, written at most once
//! per animation frame however many messages arrive.

use leptos::prelude::*;
use leptos_persona_core::inline_frame_height;

use crate::session::flow_session::Inquiry;

/// The page height as of the last animation frame, and the frame request pending.
#[derive(Clone, Copy)]
pub(crate) struct InlineHeight {
    /// The height written at the last animation frame, and the frame
    /// request pending, if any.
    last_frame: StoredValue<LastFrame, LocalStorage>,
    /// Flips whenever a frame writes a new height, for the style to follow
    /// (a `bool` signal, a type the component has anyway).
    new_height: RwSignal<bool>,
}

/// What the last animation frame wrote, and the next one if requested.
#[derive(Default)]
struct LastFrame {
    reported: Option<f64>,
    pending: Option<AnimationFrameRequestHandle>,
}

impl InlineHeight {
    /// Heights follow the flow from now on; a pending write is dropped with
    /// the component.
    pub(crate) fn new() -> Self {
        let height = Self {
            last_frame: StoredValue::new_local(LastFrame::default()),
            new_height: RwSignal::new(false),
        };
        on_cleanup(move || height.cancel());
        height
    }

    /// Schedules the write of the latest reported height for the next frame,
    /// unless one is already scheduled.
    pub(crate) fn follow(self, inquiry: Inquiry) {
        if self
            .last_frame
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
        self.last_frame.update_value(|k| k.pending = request.ok());
    }

    fn write(self, height: Option<f64>) {
        let changed = self.last_frame.try_update_value(|k| {
            k.pending = None;
            let changed = k.reported != height;
            k.reported = height;
            changed
        });
        if changed == Some(true) {
            self.new_height.try_update(|c| *c = !*c);
        }
    }

    /// The iframe's height in CSS pixels (tracked).
    pub(crate) fn px(self, inquiry: Inquiry) -> f64 {
        self.new_height.track();
        let (min, max) = inquiry
            .with_settings(|s| (s.min_height, s.max_height))
            .unwrap_or((crate::options::DEFAULT_MIN_HEIGHT, None));
        let reported = self.last_frame.try_with_value(|k| k.reported).flatten();
        inline_frame_height(reported, min, max)
    }

    /// Forgets the reported height (a new document starts from the minimum).
    pub(crate) fn reset(self) {
        self.cancel();
        self.write(None);
    }

    fn cancel(self) {
        self.last_frame.try_update_value(|k| {
            if let Some(p) = k.pending.take() {
                p.cancel();
            }
        });
    }
}

/// An inline flow's height, as plain function pointers: reached only through
/// [`ModalFlag`](crate::options::ModalFlag)'s inline layout, so an app whose flows
/// are all modal links none of it.
pub(crate) struct InlineParts {
    start: fn() -> InlineHeight,
    follow: fn(InlineHeight, Inquiry),
    reset: fn(InlineHeight),
    px: fn(InlineHeight, Inquiry) -> f64,
}

pub(crate) static INLINE_PARTS: InlineParts = InlineParts {
    start: InlineHeight::new,
    follow: InlineHeight::follow,
    reset: InlineHeight::reset,
    px: InlineHeight::px,
};

/// The running inline height of one inline flow.
#[derive(Clone, Copy)]
pub(crate) struct ActiveInline {
    parts: &'static InlineParts,
    height: InlineHeight,
}

impl ActiveInline {
    /// Starts the inline height of one flow.
    pub(crate) fn start(parts: &'static InlineParts) -> Self {
        Self {
            parts,
            height: (parts.start)(),
        }
    }

    /// Follows the flow's reported height (written once per frame).
    pub(crate) fn follow(self, inquiry: Inquiry) {
        (self.parts.follow)(self.height, inquiry);
    }

    /// A new document starts from the minimum height.
    pub(crate) fn reset(self) {
        (self.parts.reset)(self.height);
    }

    /// The iframe's height in CSS pixels (tracked).
    pub(crate) fn px(self, inquiry: Inquiry) -> f64 {
        (self.parts.px)(self.height, inquiry)
    }
}
