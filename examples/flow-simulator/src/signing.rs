//! Persona's webhook signature: `Persona-Signature: t=<unix s>,v1=<hex HMAC-SHA256>`
//! over the bytes `"{t}.{body}"`, keyed with the webhook secret exactly as given.
//! During a rotation the header carries one `t=…,v1=…` set per secret, separated by
//! a space (old secret first).

use hmac::{Hmac, Mac};
use sha2::Sha256;

/// Hex HMAC-SHA256 of `"{t}.{body}"` keyed with `secret`.
pub fn sign(secret: &[u8], t: i64, body: &[u8]) -> String {
    // HMAC takes a key of any length: `new_from_slice` cannot fail for it.
    let Ok(mut mac) = Hmac::<Sha256>::new_from_slice(secret) else {
        return String::new();
    };
    mac.update(t.to_string().as_bytes());
    mac.update(b".");
    mac.update(body);
    hex(&mac.finalize().into_bytes())
}

fn hex(bytes: &[u8]) -> String {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut out = String::with_capacity(bytes.len() * 2);
    for b in bytes {
        out.push(char::from(DIGITS[usize::from(b >> 4)]));
        out.push(char::from(DIGITS[usize::from(b & 15)]));
    }
    out
}

/// The header's value: one `t=…,v1=…` set per secret, space-separated.
pub fn header(t: i64, body: &[u8], secrets: &[&str]) -> String {
    secrets
        .iter()
        .map(|s| format!("t={t},v1={}", sign(s.as_bytes(), t, body)))
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    // node -e "require('crypto').createHmac('sha256', 'sec').update('1.{}').digest('hex')"
    const KNOWN: &str = "45b9b9e5840b4a66f66b78ac27813370005ed5ee3efba192888959bc1378867a";

    #[test]
    fn matches_a_known_vector() {
        assert_eq!(sign(b"sec", 1, b"{}"), KNOWN);
        assert_eq!(header(1, b"{}", &["sec"]), format!("t=1,v1={KNOWN}"));
    }

    #[test]
    fn rotation_gives_two_sets_old_first() {
        let h = header(1_700_000_000, b"{\"a\":1}", &["old", "new"]);
        let sets: Vec<&str> = h.split(' ').collect();
        assert_eq!(sets.len(), 2);
        assert_eq!(
            sets[0],
            format!(
                "t=1700000000,v1={}",
                sign(b"old", 1_700_000_000, b"{\"a\":1}")
            )
        );
        assert_eq!(
            sets[1],
            format!(
                "t=1700000000,v1={}",
                sign(b"new", 1_700_000_000, b"{\"a\":1}")
            )
        );
        assert_ne!(sets[0], sets[1]);
    }

    #[test]
    fn the_key_is_used_as_given() {
        // A `wbhsec_` prefix is part of the key: no stripping, no decoding.
        assert_ne!(sign(b"wbhsec_abc", 1, b"{}"), sign(b"abc", 1, b"{}"));
        assert_eq!(sign(b"", 1, b"").len(), 64);
        assert_eq!(sign(b"k", -5, b"x"), sign(b"k", -5, b"x"));
    }
}
