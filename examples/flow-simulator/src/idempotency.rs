//! `Idempotency-Key` on POSTs: the first answer to a key is replayed (5xx too); the
//! same key with other parameters (another route or another body) is refused; 429
//! and 401 answers are never stored. Keys are kept 24 hours, at most 10,000 of them.

use std::collections::{HashMap, VecDeque};

use serde_json::Value;

use crate::api::Answer;

const MAX_KEYS: usize = 10_000;
const KEEP_MS: u64 = 24 * 3_600_000;

struct Entry {
    fingerprint: String,
    answer: Answer,
    stored_at: u64,
}

#[derive(Default)]
pub struct Idempotency {
    entries: HashMap<String, Entry>,
    order: VecDeque<String>,
}

pub enum Lookup {
    /// Not seen: handle the request, then [`Idempotency::store`] its answer.
    New,
    Replay(Answer),
    /// Seen with other parameters.
    Mismatch,
}

/// What makes two requests "the same": the route and the body, as JSON with its keys
/// sorted (whitespace and key order do not count); a body that is not JSON counts
/// byte for byte.
pub fn fingerprint(method: &str, path: &str, body: &[u8]) -> String {
    let canonical = match serde_json::from_slice::<Value>(body) {
        Ok(v) => canonical(&v),
        Err(_) => format!("raw:{}", String::from_utf8_lossy(body)),
    };
    format!("{method} {path}\n{canonical}")
}

fn canonical(v: &Value) -> String {
    match v {
        Value::Object(map) => {
            let mut entries: Vec<(&String, &Value)> = map.iter().collect();
            entries.sort_by(|a, b| a.0.cmp(b.0));
            let inner: Vec<String> = entries
                .into_iter()
                .map(|(k, v)| format!("{}:{}", Value::String(k.clone()), canonical(v)))
                .collect();
            format!("{{{}}}", inner.join(","))
        }
        Value::Array(items) => {
            format!(
                "[{}]",
                items.iter().map(canonical).collect::<Vec<_>>().join(",")
            )
        }
        other => other.to_string(),
    }
}

impl Idempotency {
    pub fn lookup(&mut self, key: &str, fingerprint: &str, now: u64) -> Lookup {
        self.prune(now);
        match self.entries.get(key) {
            None => Lookup::New,
            Some(e) if e.fingerprint == fingerprint => Lookup::Replay(e.answer.clone()),
            Some(_) => Lookup::Mismatch,
        }
    }

    /// Keeps `answer` for `key`, unless it is a 429 or a 401 (or the key is taken).
    pub fn store(&mut self, key: &str, fingerprint: String, answer: &Answer, now: u64) {
        if matches!(answer.status, 401 | 429) || self.entries.contains_key(key) {
            return;
        }
        while self.entries.len() >= MAX_KEYS {
            match self.order.pop_front() {
                Some(old) => {
                    self.entries.remove(&old);
                }
                None => break,
            }
        }
        self.entries.insert(
            key.to_owned(),
            Entry {
                fingerprint,
                answer: answer.clone(),
                stored_at: now,
            },
        );
        self.order.push_back(key.to_owned());
    }

    fn prune(&mut self, now: u64) {
        while let Some(front) = self.order.front() {
            let old = self
                .entries
                .get(front)
                .is_none_or(|e| now.saturating_sub(e.stored_at) > KEEP_MS);
            if !old {
                break;
            }
            if let Some(k) = self.order.pop_front() {
                self.entries.remove(&k);
            }
        }
    }

    pub fn len(&self) -> usize {
        self.entries.len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn answer(status: u16) -> Answer {
        Answer::json(status, json!({"data": status}))
    }

    #[test]
    fn the_same_request_replays_the_first_answer() {
        let mut i = Idempotency::default();
        let fp = fingerprint(
            "POST",
            "/api/v1/inquiries",
            br#"{"a":1,"b":[1,{"c":2,"d":3}]}"#,
        );
        assert!(matches!(i.lookup("k", &fp, 0), Lookup::New));
        i.store("k", fp.clone(), &answer(201), 0);
        // Key order and whitespace do not count.
        let same = fingerprint(
            "POST",
            "/api/v1/inquiries",
            br#"{ "b":[1,{"d":3,"c":2}], "a":1 }"#,
        );
        match i.lookup("k", &same, 1) {
            Lookup::Replay(a) => assert_eq!(a.status, 201),
            _ => panic!("expected a replay"),
        }
        let other = fingerprint("POST", "/api/v1/inquiries", br#"{"a":2}"#);
        assert!(matches!(i.lookup("k", &other, 1), Lookup::Mismatch));
        let other_route = fingerprint(
            "POST",
            "/api/v1/inquiries/inq_1/resume",
            br#"{"a":1,"b":[1,{"c":2,"d":3}]}"#,
        );
        assert!(matches!(i.lookup("k", &other_route, 1), Lookup::Mismatch));
        // Another key is another request.
        assert!(matches!(i.lookup("k2", &fp, 1), Lookup::New));
    }

    #[test]
    fn server_errors_are_stored_but_429_and_401_are_not() {
        let mut i = Idempotency::default();
        let fp = fingerprint("POST", "/p", b"{}");
        i.store("a", fp.clone(), &answer(429), 0);
        i.store("b", fp.clone(), &answer(401), 0);
        i.store("c", fp.clone(), &answer(500), 0);
        i.store("d", fp.clone(), &answer(503), 0);
        assert!(matches!(i.lookup("a", &fp, 0), Lookup::New));
        assert!(matches!(i.lookup("b", &fp, 0), Lookup::New));
        assert!(matches!(i.lookup("c", &fp, 0), Lookup::Replay(a) if a.status == 500));
        assert!(matches!(i.lookup("d", &fp, 0), Lookup::Replay(a) if a.status == 503));
        // The first answer stays.
        i.store("c", fp.clone(), &answer(201), 0);
        assert!(matches!(i.lookup("c", &fp, 0), Lookup::Replay(a) if a.status == 500));
    }

    #[test]
    fn keys_expire_and_are_bounded() {
        let mut i = Idempotency::default();
        let fp = fingerprint("POST", "/p", b"not json");
        i.store("k", fp.clone(), &answer(201), 0);
        assert!(matches!(i.lookup("k", &fp, KEEP_MS), Lookup::Replay(_)));
        assert!(matches!(i.lookup("k", &fp, KEEP_MS + 1), Lookup::New));
        for n in 0..(MAX_KEYS + 5) {
            i.store(&n.to_string(), fp.clone(), &answer(201), KEEP_MS + 2);
        }
        assert_eq!(i.len(), MAX_KEYS);
        assert!(matches!(i.lookup("0", &fp, KEEP_MS + 2), Lookup::New));
        // A body that is not JSON counts byte for byte.
        assert_ne!(fp, fingerprint("POST", "/p", b"not  json"));
    }
}
