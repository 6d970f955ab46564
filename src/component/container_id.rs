//! Container ids: unguessable, unique per instance, and the same on the server
//! and the hydrating client.
//!
//! The flow echoes its container id in every message, and a message is accepted
//! only with this instance's id. A page that frames the app can navigate the
//! flow's iframe to a genuine Persona widget URL of its own choosing; with an id
//! it cannot guess, that document's messages are refused. (The official SDK
//! draws its ids at random too.)

use leptos::prelude::Owner;

/// What every default container id starts with.
const PREFIX: &str = "persona-inquiry-";

/// A fresh container id such as `persona-inquiry-k3v0…`: 20 random base-32
/// digits, 100 bits.
///
/// When the server renders for hydration it sends the id to the client in
/// Leptos' shared hydration data (the same mechanism as `SharedValue`), and
/// the hydrating client reads it back, so both render the same markup.
pub fn next_container_id() -> String {
    // Client-rendered apps have no server to agree with.
    if !cfg!(any(feature = "hydrate", feature = "ssr")) {
        return random_id();
    }
    let Some(context) = Owner::current_shared_context() else {
        return random_id();
    };
    let slot = context.next_id();
    if context.during_hydration() {
        if let Some(id) = context.read_data(&slot) {
            if id.starts_with(PREFIX) {
                return id;
            }
        }
        return random_id();
    }
    let id = random_id();
    #[cfg(feature = "ssr")]
    if context.get_is_hydrating() {
        let sent = id.clone();
        context.write_async(slot, Box::pin(async move { sent }));
    }
    id
}

/// A random id: the browser's `crypto.getRandomValues`, in JavaScript
/// (in `browser.js`: smaller in wasm than the same through web-sys).
#[cfg(target_arch = "wasm32")]
fn random_id() -> String {
    crate::browser::browser_js::random_container_id()
}

/// The digits of an id: 32 of them, so that a random byte's low five bits pick
/// one (`browser.js` has the same).
#[cfg(any(test, not(target_arch = "wasm32")))]
const DIGITS: &[u8; 32] = b"0123456789abcdefghijklmnopqrstuv";

/// A random id: the operating system's random bytes (`getrandom`), else std's
/// randomly keyed hasher.
#[cfg(not(target_arch = "wasm32"))]
fn random_id() -> String {
    let mut bytes = [0u8; 20];
    if getrandom::fill(&mut bytes).is_err() {
        use std::hash::{BuildHasher, RandomState};
        for byte in &mut bytes {
            *byte = RandomState::new().hash_one(0u8) as u8;
        }
    }
    let mut id = String::with_capacity(PREFIX.len() + bytes.len());
    id.push_str(PREFIX);
    id.extend(
        bytes
            .iter()
            .map(|b| char::from(DIGITS[usize::from(b & 31)])),
    );
    id
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_well_formed_and_differ() {
        let ids: Vec<String> = (0..1_000).map(|_| random_id()).collect();
        for id in &ids {
            let digits = id.strip_prefix(PREFIX).expect("the prefix");
            assert_eq!(digits.len(), 20, "{id}");
            assert!(digits.bytes().all(|b| DIGITS.contains(&b)), "{id}");
        }
        let mut unique = ids.clone();
        unique.sort();
        unique.dedup();
        assert_eq!(unique.len(), ids.len(), "no two ids alike");
    }
}
