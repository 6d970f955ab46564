//! The cookie session: `kyc_session=<user id>.<issued, Unix seconds>.<HMAC>`,
//! signed with HMAC-SHA256. It stands in for real authentication: it proves
//! only that this server issued the cookie, to whoever typed the name.

use std::time::{SystemTime, UNIX_EPOCH};

use hmac::{Hmac, Mac};
use sha2::Sha256;

type HmacSha256 = Hmac<Sha256>;

/// The cookie's name.
pub const COOKIE: &str = "kyc_session";
/// How long a session lasts: 7 days.
pub const MAX_AGE_S: u64 = 7 * 24 * 3600;

/// The key that signs and checks session cookies.
#[derive(Clone)]
pub struct SessionKey(Vec<u8>);

impl std::fmt::Debug for SessionKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("SessionKey(<redacted>)")
    }
}

fn now_s() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0)
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

impl SessionKey {
    /// The key `KYC_SESSION_KEY` gives (its bytes), or 32 random bytes.
    pub fn new(configured: Option<&str>) -> Result<Self, String> {
        match configured {
            Some(key) if key.len() < 16 => Err(
                "KYC_SESSION_KEY is shorter than 16 characters: use a long random value \
                 (openssl rand -hex 32), or leave it unset for a random key per process"
                    .into(),
            ),
            Some(key) => Ok(Self(key.as_bytes().to_vec())),
            None => {
                let mut key = vec![0u8; 32];
                getrandom::fill(&mut key)
                    .map_err(|e| format!("no randomness for the session key: {e}"))?;
                Ok(Self(key))
            }
        }
    }

    fn mac(&self, payload: &str) -> Option<HmacSha256> {
        let mut mac = HmacSha256::new_from_slice(&self.0).ok()?;
        mac.update(payload.as_bytes());
        Some(mac)
    }

    /// The cookie's value for `user_id`, issued now.
    pub fn issue(&self, user_id: &str) -> String {
        self.issue_at(user_id, now_s())
    }

    fn issue_at(&self, user_id: &str, issued: u64) -> String {
        let payload = format!("{user_id}.{issued}");
        let tag = self
            .mac(&payload)
            .map(|m| hex(&m.finalize().into_bytes()))
            .unwrap_or_default();
        format!("{payload}.{tag}")
    }

    /// The user id of a valid, unexpired cookie value.
    pub fn verify(&self, value: &str) -> Option<String> {
        self.verify_at(value, now_s())
    }

    fn verify_at(&self, value: &str, now: u64) -> Option<String> {
        let (payload, tag) = value.rsplit_once('.')?;
        let (user_id, issued) = payload.rsplit_once('.')?;
        if !is_user_id(user_id) || tag.len() != 64 {
            return None;
        }
        let tag: Vec<u8> = (0..32)
            .map(|i| u8::from_str_radix(tag.get(i * 2..i * 2 + 2)?, 16).ok())
            .collect::<Option<_>>()?;
        self.mac(payload)?.verify_slice(&tag).ok()?;
        let issued: u64 = issued.parse().ok()?;
        let fresh = issued <= now.saturating_add(60) && now.saturating_sub(issued) <= MAX_AGE_S;
        fresh.then(|| user_id.to_owned())
    }
}

/// `usr_` and 32 lowercase hex digits.
pub fn is_user_id(id: &str) -> bool {
    id.strip_prefix("usr_").is_some_and(|rest| {
        rest.len() == 32 && rest.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f'))
    })
}

/// A new user id: `usr_` and 16 random bytes in hex.
pub fn new_user_id() -> Result<String, String> {
    let mut bytes = [0u8; 16];
    getrandom::fill(&mut bytes).map_err(|e| format!("no randomness for a user id: {e}"))?;
    Ok(format!("usr_{}", hex(&bytes)))
}

/// The session cookie's value in a `Cookie` header, if there is one.
pub fn from_cookie_header(header: &str) -> Option<&str> {
    header
        .split(';')
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(name, _)| *name == COOKIE)
        .map(|(_, value)| value.trim())
}

/// The `Set-Cookie` header that stores `value` (HttpOnly, SameSite=Lax; Secure
/// when `secure`, as it must be behind HTTPS).
pub fn set_cookie(value: &str, secure: bool) -> String {
    let secure = if secure { "; Secure" } else { "" };
    format!("{COOKIE}={value}; Path=/; HttpOnly; SameSite=Lax; Max-Age={MAX_AGE_S}{secure}")
}

/// The `Set-Cookie` header that removes the session.
pub fn clear_cookie() -> String {
    format!("{COOKIE}=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0")
}

#[cfg(test)]
mod tests {
    use super::*;

    const USER: &str = "usr_0123456789abcdef0123456789abcdef";

    #[test]
    fn a_cookie_verifies_only_under_its_key_and_unchanged() {
        let key = SessionKey::new(Some("a key of at least sixteen")).unwrap();
        let cookie = key.issue_at(USER, 1_000_000);
        assert_eq!(key.verify_at(&cookie, 1_000_010).as_deref(), Some(USER));
        let other = SessionKey::new(None).unwrap();
        assert_eq!(other.verify_at(&cookie, 1_000_010), None);
        // Another user id with the same tag.
        let forged = cookie.replacen("usr_0", "usr_1", 1);
        assert_eq!(key.verify_at(&forged, 1_000_010), None);
        // Another issue time with the same tag.
        let later = cookie.replacen(".1000000.", ".1000001.", 1);
        assert_eq!(key.verify_at(&later, 1_000_010), None);
    }

    #[test]
    fn old_and_future_cookies_are_refused() {
        let key = SessionKey::new(None).unwrap();
        let cookie = key.issue_at(USER, 1_000_000);
        assert!(key.verify_at(&cookie, 1_000_000 + MAX_AGE_S).is_some());
        assert!(key.verify_at(&cookie, 1_000_001 + MAX_AGE_S).is_none());
        assert!(key.verify_at(&cookie, 1_000_000 - 61).is_none());
    }

    #[test]
    fn garbage_never_verifies_nor_panics() {
        let key = SessionKey::new(None).unwrap();
        for junk in [
            "",
            ".",
            "..",
            "usr_x.1.2",
            &format!("{USER}.1."),
            &format!("{USER}.x.{}", "0".repeat(64)),
            &format!("{USER}.1.{}", "é".repeat(32)),
            &format!("{USER}.1.{}", "g".repeat(64)),
        ] {
            assert_eq!(key.verify(junk), None, "{junk:?}");
        }
        assert!(SessionKey::new(Some("short")).is_err());
    }

    #[test]
    fn cookies_are_read_from_the_header() {
        assert_eq!(
            from_cookie_header("a=1; kyc_session=v.1.t; b=2"),
            Some("v.1.t")
        );
        assert_eq!(from_cookie_header("kyc_sessionx=1"), None);
        assert!(set_cookie("v", true).contains("HttpOnly; SameSite=Lax"));
        assert!(set_cookie("v", true).ends_with("; Secure"));
        assert!(clear_cookie().contains("Max-Age=0"));
        let id = new_user_id().unwrap();
        assert!(is_user_id(&id), "{id}");
        assert!(!is_user_id("usr_0123456789ABCDEF0123456789abcdef"));
    }
}
