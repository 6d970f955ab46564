//! Random identifiers and session tokens (`inq_…`, `evt_…`, `sess_…`), from the
//! operating system's generator; if that fails, from std's randomly keyed hasher.

use std::collections::hash_map::RandomState;
use std::hash::{BuildHasher, Hasher};
use std::sync::atomic::{AtomicU64, Ordering};

const ALPHABET: &[u8] = b"ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";

fn fill(buf: &mut [u8]) {
    if getrandom::fill(buf).is_ok() {
        return;
    }
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let state = RandomState::new();
    for chunk in buf.chunks_mut(8) {
        let mut h = state.build_hasher();
        h.write_u64(COUNTER.fetch_add(1, Ordering::Relaxed));
        let bytes = h.finish().to_le_bytes();
        for (b, r) in chunk.iter_mut().zip(bytes) {
            *b = r;
        }
    }
}

/// `len` random characters from an unambiguous alphanumeric alphabet.
pub fn random_string(len: usize) -> String {
    let mut buf = vec![0u8; len];
    fill(&mut buf);
    buf.iter()
        .map(|b| char::from(ALPHABET[usize::from(*b) % ALPHABET.len()]))
        .collect()
}

/// `prefix` followed by 24 random characters (Persona's ids look like this).
pub fn id(prefix: &str) -> String {
    format!("{prefix}{}", random_string(24))
}

/// A new session token.
pub fn session_token() -> String {
    format!("sess_{}", random_string(40))
}

/// A random number in `[0, 1)`.
pub fn unit_f64() -> f64 {
    let mut buf = [0u8; 8];
    fill(&mut buf);
    // 53 random bits, as a fraction.
    (u64::from_le_bytes(buf) >> 11) as f64 / (1u64 << 53) as f64
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_random_and_well_formed() {
        let a = id("inq_");
        let b = id("inq_");
        assert_ne!(a, b);
        assert_eq!(a.len(), 28);
        assert!(a[4..].bytes().all(|c| c.is_ascii_alphanumeric()));
        assert!(session_token().starts_with("sess_"));
        for _ in 0..1000 {
            let x = unit_f64();
            assert!((0.0..1.0).contains(&x));
        }
    }
}
