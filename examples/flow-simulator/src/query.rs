//! The `/widget` query string: percent-decoding and `qs`-style bracket nesting.
//!
//! Never panics, whatever the input: bad `%` escapes are kept literally, invalid
//! UTF-8 becomes U+FFFD, malformed bracket keys are taken as plain keys.

use serde_json::{Map, Value};

/// The deepest bracket nesting honoured (`a[b][c]…`); deeper segments stay in one key.
const MAX_DEPTH: usize = 8;
/// At most this many parameters are read; the rest are ignored.
const MAX_PARAMS: usize = 1000;

/// Decodes one component: `%XX` → byte, `+` → space (as Rack does); bad escapes stay.
pub fn percent_decode(input: &str) -> String {
    let bytes = input.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'%' => {
                let hi = bytes.get(i + 1).and_then(|b| hex(*b));
                let lo = bytes.get(i + 2).and_then(|b| hex(*b));
                if let (Some(hi), Some(lo)) = (hi, lo) {
                    out.push(hi << 4 | lo);
                    i += 3;
                } else {
                    out.push(b'%');
                    i += 1;
                }
            }
            b'+' => {
                out.push(b' ');
                i += 1;
            }
            other => {
                out.push(other);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

fn hex(b: u8) -> Option<u8> {
    match b {
        b'0'..=b'9' => Some(b - b'0'),
        b'a'..=b'f' => Some(b - b'a' + 10),
        b'A'..=b'F' => Some(b - b'A' + 10),
        _ => None,
    }
}

/// The decoded `(key, value)` pairs, in order. A pair without `=` has an empty value.
pub fn pairs(raw: &str) -> Vec<(String, String)> {
    raw.split('&')
        .filter(|part| !part.is_empty())
        .take(MAX_PARAMS)
        .map(|part| match part.split_once('=') {
            Some((k, v)) => (percent_decode(k), percent_decode(v)),
            None => (percent_decode(part), String::new()),
        })
        .collect()
}

/// `fields[address][street-1]` → `["fields", "address", "street-1"]`; a key that is not
/// well formed (`a[b`, `[x]`, `a[b]c`) is one segment, itself.
fn split_key(key: &str) -> Vec<String> {
    let Some(open) = key.find('[') else {
        return vec![key.to_owned()];
    };
    if open == 0 {
        return vec![key.to_owned()];
    }
    let mut segments = vec![key[..open].to_owned()];
    let mut rest = &key[open..];
    while !rest.is_empty() {
        if segments.len() > MAX_DEPTH {
            // Too deep: keep the remainder as one literal segment, like `qs` does.
            segments.push(rest.to_owned());
            return segments;
        }
        let Some(inner) = rest.strip_prefix('[') else {
            return vec![key.to_owned()];
        };
        let Some(close) = inner.find(']') else {
            return vec![key.to_owned()];
        };
        segments.push(inner[..close].to_owned());
        rest = &inner[close + 1..];
    }
    segments
}

/// Builds the nested object: later scalars win; a scalar never overwrites an object
/// (or the reverse); `[]` appends; objects keyed exactly `0..n` become arrays
/// (except the `fields` map itself, whose keys are field names).
pub fn nest(pairs: &[(String, String)]) -> Map<String, Value> {
    let mut root = Map::new();
    for (key, value) in pairs {
        insert(&mut root, &split_key(key), value);
    }
    for (key, value) in root.iter_mut() {
        match (key.as_str(), value) {
            ("fields", Value::Object(map)) => {
                for inner in map.values_mut() {
                    arrayify(inner);
                }
            }
            (_, value) => arrayify(value),
        }
    }
    root
}

fn insert(map: &mut Map<String, Value>, path: &[String], value: &str) {
    let Some((first, rest)) = path.split_first() else {
        return;
    };
    let key = if first.is_empty() {
        // `a[]=x`: append under the next free index.
        map.len().to_string()
    } else {
        first.clone()
    };
    if rest.is_empty() {
        match map.get(&key) {
            Some(Value::Object(_)) => {}
            _ => {
                map.insert(key, Value::String(value.to_owned()));
            }
        }
        return;
    }
    let child = map.entry(key).or_insert_with(|| Value::Object(Map::new()));
    if let Value::Object(child) = child {
        insert(child, rest, value);
    }
}

fn arrayify(value: &mut Value) {
    let Value::Object(map) = value else {
        return;
    };
    for inner in map.values_mut() {
        arrayify(inner);
    }
    let is_list = !map.is_empty()
        && map
            .keys()
            .enumerate()
            .all(|(i, k)| k.parse::<usize>().ok() == Some(i) && k == &i.to_string());
    if is_list {
        let items = std::mem::take(map).into_iter().map(|(_, v)| v).collect();
        *value = Value::Array(items);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn decodes_and_nests() {
        let raw = "client-version=5.9.0&container-id=c%201&fields%5Bname-first%5D=J%C3%A9r%C3%B4me\
                   &fields%5Baddress%5D%5Bstreet-1%5D=1%20Main&frame-ancestors%5B0%5D=http%3A%2F%2Fa\
                   &frame-ancestors%5B1%5D=http%3A%2F%2Fb&bad=%zz%4&plus=a+b&novalue";
        let nested = nest(&pairs(raw));
        assert_eq!(
            Value::Object(nested),
            json!({
                "client-version": "5.9.0",
                "container-id": "c 1",
                "fields": {"name-first": "Jérôme", "address": {"street-1": "1 Main"}},
                "frame-ancestors": ["http://a", "http://b"],
                "bad": "%zz%4",
                "plus": "a b",
                "novalue": ""
            })
        );
    }

    #[test]
    fn malformed_keys_do_not_panic() {
        for raw in [
            "a[b=1",
            "[x]=1",
            "a[b]c=1",
            "a]=1",
            "a[]=1&a[]=2",
            "a=1&a[b]=2",
            "a[b]=2&a=1",
            "%=%&%%%=&&&==",
            "a[[[[]]]]=1",
            "a[0]=x&a[2]=y",
            "\u{0}=\u{ffff}",
            "a[b][c][d][e][f][g][h][i][j][k]=deep",
        ] {
            let _ = nest(&pairs(raw));
        }
        assert_eq!(
            Value::Object(nest(&pairs("a[]=1&a[]=2"))),
            json!({"a": ["1", "2"]})
        );
        assert_eq!(
            Value::Object(nest(&pairs("a[0]=x&a[2]=y"))),
            json!({"a": {"0": "x", "2": "y"}})
        );
    }

    #[test]
    fn random_queries_do_not_panic() {
        // A small deterministic generator over the characters that matter.
        let alphabet: Vec<char> = "[]%&=+aZ09-_.~é€😀\u{0}/?#".chars().collect();
        let mut state: u64 = 0x9E37_79B9_7F4A_7C15;
        let mut next = move || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state
        };
        for _ in 0..20_000 {
            let len = (next() % 40) as usize;
            let raw: String = (0..len)
                .map(|_| alphabet[(next() % alphabet.len() as u64) as usize])
                .collect();
            let request = crate::flow::WidgetRequest::parse(&raw);
            let _ = request.html();
            let _ = request.delay_ms();
        }
    }

    #[test]
    fn invalid_utf8_is_replaced() {
        assert_eq!(percent_decode("%FF%C3"), "\u{fffd}\u{fffd}");
    }
}
