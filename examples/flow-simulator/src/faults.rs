//! The fault switch: the next N API requests answer a given status (429 with
//! `Retry-After` and the `RateLimit-*` headers). Rules queue up: each request takes
//! from the first one left.

use std::collections::VecDeque;

use serde_json::{json, Value};

/// The rate limit the 429 answers announce (Persona's default: 300 a minute).
pub const RATE_LIMIT: u32 = 300;
const MAX_COUNT: u64 = 1_000_000;
const MAX_RETRY_AFTER: u64 = 86_400;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fault {
    pub status: u16,
    pub left: u64,
    pub retry_after_s: u64,
}

impl Fault {
    /// `{"status": 429, "count": 3, "retry_after": 2}` (count defaults to 1,
    /// retry_after to 1 s). Any status from 400 to 599.
    pub fn from_json(v: &Value) -> Result<Fault, String> {
        let status = v
            .get("status")
            .and_then(Value::as_u64)
            .filter(|s| (400..=599).contains(s))
            .ok_or("\"status\" must be a number from 400 to 599")?;
        let count = match v.get("count") {
            None | Some(Value::Null) => 1,
            Some(c) => c.as_u64().ok_or("\"count\" must be a whole number")?,
        };
        let retry_after_s = match v.get("retry_after") {
            None | Some(Value::Null) => 1,
            Some(r) => r.as_u64().ok_or("\"retry_after\" must be whole seconds")?,
        };
        Ok(Fault {
            status: u16::try_from(status).unwrap_or(500),
            left: count.min(MAX_COUNT),
            retry_after_s: retry_after_s.min(MAX_RETRY_AFTER),
        })
    }

    /// `STATUS[:COUNT[:RETRY_AFTER]]`, the `--fault` flag's value.
    pub fn from_flag(spec: &str) -> Result<Fault, String> {
        let mut parts = spec.split(':');
        let num = |p: Option<&str>, what: &str| -> Result<Option<u64>, String> {
            p.map(|p| {
                p.trim()
                    .parse::<u64>()
                    .map_err(|_| format!("--fault {spec:?}: bad {what}"))
            })
            .transpose()
        };
        let status = num(parts.next(), "status")?;
        let count = num(parts.next(), "count")?;
        let retry = num(parts.next(), "retry-after")?;
        if parts.next().is_some() {
            return Err(format!(
                "--fault {spec:?}: use STATUS[:COUNT[:RETRY_AFTER]]"
            ));
        }
        Fault::from_json(&json!({"status": status, "count": count, "retry_after": retry}))
            .map_err(|e| format!("--fault {spec:?}: {e}"))
    }

    pub fn to_json(&self) -> Value {
        json!({"status": self.status, "count": self.left, "retry_after": self.retry_after_s})
    }
}

#[derive(Default)]
pub struct Faults {
    queue: VecDeque<Fault>,
}

impl Faults {
    pub fn push(&mut self, fault: Fault) {
        if fault.left > 0 && self.queue.len() < 1000 {
            self.queue.push_back(fault);
        }
    }

    pub fn clear(&mut self) {
        self.queue.clear();
    }

    /// The fault this request gets, if any.
    pub fn take(&mut self) -> Option<Fault> {
        let front = self.queue.front_mut()?;
        front.left = front.left.saturating_sub(1);
        let fault = front.clone();
        if front.left == 0 {
            self.queue.pop_front();
        }
        Some(fault)
    }

    pub fn to_json(&self) -> Value {
        Value::Array(self.queue.iter().map(Fault::to_json).collect())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rules_are_taken_in_order() {
        let mut f = Faults::default();
        f.push(Fault::from_json(&json!({"status": 429, "count": 2, "retry_after": 7})).unwrap());
        f.push(Fault::from_flag("500").unwrap());
        f.push(Fault::from_flag("503:0").unwrap());
        assert_eq!(
            f.take().map(|x| (x.status, x.retry_after_s)),
            Some((429, 7))
        );
        assert_eq!(f.take().map(|x| x.status), Some(429));
        assert_eq!(f.take().map(|x| x.status), Some(500));
        assert_eq!(f.take(), None);
    }

    #[test]
    fn bad_rules_are_refused() {
        for bad in [
            json!({}),
            json!({"status": 200}),
            json!({"status": "429"}),
            json!({"status": 429, "count": -1}),
        ] {
            assert!(Fault::from_json(&bad).is_err(), "{bad}");
        }
        for bad in ["", "x", "429:a", "429:1:2:3", "700"] {
            assert!(Fault::from_flag(bad).is_err(), "{bad}");
        }
        assert_eq!(
            Fault::from_flag("429:3:2").unwrap(),
            Fault {
                status: 429,
                left: 3,
                retry_after_s: 2
            }
        );
    }
}
