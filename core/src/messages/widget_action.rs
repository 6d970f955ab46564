//! [`WidgetAction`]: the messages the page posts to the flow.

use serde::{Serialize, Serializer};
use serde_json::{json, Value};

/// An action posted to the flow with `postMessage(…, exact_origin)`.
///
/// ```
/// use leptos_persona_core::WidgetAction;
/// use serde_json::json;
///
/// assert_eq!(WidgetAction::Open.to_json(), json!({"action": "open", "metadata": {}}));
/// assert_eq!(serde_json::to_string(&WidgetAction::Destroy).unwrap(), r#"{"action":"destroy","metadata":{}}"#);
/// assert_eq!(
///     WidgetAction::Exit { force: true }.to_json(),
///     json!({"action": "exit", "metadata": {"force": true}})
/// );
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WidgetAction {
    /// The modal was shown.
    Open,
    /// Ask the flow to exit; without `force` the flow asks the user to confirm.
    Exit {
        /// Skip the confirmation.
        force: bool,
    },
    /// The embedding is going away.
    Destroy,
}

impl WidgetAction {
    /// The wire name: `open`, `exit` or `destroy`.
    pub fn name(self) -> &'static str {
        match self {
            Self::Open => "open",
            Self::Exit { .. } => "exit",
            Self::Destroy => "destroy",
        }
    }

    /// The message in the official SDK's shape: `{action, metadata}`.
    pub fn to_json(self) -> Value {
        match self {
            Self::Open => json!({ "action": "open", "metadata": {} }),
            Self::Exit { force } => json!({ "action": "exit", "metadata": { "force": force } }),
            Self::Destroy => json!({ "action": "destroy", "metadata": {} }),
        }
    }
}

impl Serialize for WidgetAction {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.to_json().serialize(serializer)
    }
}
