//! "The Rust behind it": each example's component, shown from its own source
//! file, so the code on the page is the code that runs.

use leptos::prelude::*;

/// The inline example (`inline_example.rs`).
pub const INLINE: &str = include_str!("inline_example.rs");

/// The modal example (`modal_example.rs`).
pub const MODAL: &str = include_str!("modal_example.rs");

/// `source` without its leading module documentation (which speaks of the page).
fn shown(source: &'static str) -> &'static str {
    let mut rest = source;
    while let Some(line_end) = rest.find('\n') {
        let line = &rest[..line_end];
        if line.starts_with("//!") || line.trim().is_empty() {
            rest = &rest[line_end + 1..];
        } else {
            break;
        }
    }
    rest.trim_end()
}

/// A titled, static code block: `source`, a file of this demo.
#[component]
pub fn CodeSample(
    /// The block's element id.
    id: &'static str,
    /// The source file's text (`include_str!`).
    code: &'static str,
) -> impl IntoView {
    let label = format!(
        "The Rust behind the {} example",
        id.trim_start_matches("code-")
    );
    view! {
        <details class="code" id=id open>
            <summary>"The Rust behind it"</summary>
            // Focusable, so that a keyboard can scroll it sideways.
            <pre tabindex="0" role="region" aria-label=label>
                <code class="language-rust">{shown(code)}</code>
            </pre>
        </details>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_samples_are_the_example_components_without_their_module_docs() {
        for (code, component) in [
            (INLINE, "pub fn InlineExample("),
            (MODAL, "pub fn ModalExample("),
        ] {
            let shown = shown(code);
            assert!(shown.starts_with("use leptos::prelude::*;"), "{shown}");
            assert!(shown.contains(component));
            assert!(shown.contains("<PersonaInquiry"));
            assert!(!shown.contains("//!"));
        }
        assert!(shown(MODAL).contains("inquiry.resume(id, session_token.get_untracked())"));
    }
}
