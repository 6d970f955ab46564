//! The `Persona-Signature` header's grammar.
//!
//! The header is read as items separated by commas and/or ASCII whitespace
//! (space, tab, CR, LF, FF), empty items skipped; each item is `key=value`
//! (split at its first `=`). A `t` item opens a signature set; the `v1` items
//! after it, up to the next `t`, are that set's signatures. So Persona's form,
//! `t=1,v1=aa t=1,v1=bb` during a rotation, reads as two sets, and so do
//! `t=1, v1=aa  t=1,v1=bb` and `t=1,v1=aa,t=1,v1=bb`; `t=1,v1=aa,v1=bb` is one
//! set with two signatures. Keys are case-sensitive; other keys (`v0=…`, a
//! future scheme) are ignored wherever they appear.
//!
//! Malformed: no item at all, an item without `=`, a `v1` before any `t`, a set
//! without a `v1`, a `t` that is not 1–20 ASCII digits fitting in a `u64`, a
//! `v1` that is not 64 hex digits (either case), more than [`MAX_SETS`] sets or
//! [`MAX_SIGNATURES`] signatures (each costs an HMAC of the body).

use super::WebhookError;

/// The most `t` items a header may hold.
pub(crate) const MAX_SETS: usize = 8;
/// The most `v1` items a header may hold.
pub(crate) const MAX_SIGNATURES: usize = 16;

/// One timestamp and the signatures made with it.
#[derive(Debug, PartialEq, Eq)]
pub(crate) struct SignatureSet<'a> {
    /// The timestamp as the header writes it: what was signed.
    pub(crate) t_text: &'a str,
    /// The timestamp, in Unix seconds.
    pub(crate) t: u64,
    /// The decoded HMAC-SHA256 signatures.
    pub(crate) signatures: Vec<[u8; 32]>,
}

/// The header's signature sets, in order, sets with the same `t` text merged
/// into the first (they sign the same bytes); the total number of signatures.
pub(crate) fn parse(header: &str) -> Result<(Vec<SignatureSet<'_>>, usize), WebhookError> {
    let mut sets: Vec<SignatureSet<'_>> = Vec::new();
    let mut current: Option<usize> = None;
    let mut t_count = 0usize;
    let mut signature_count = 0usize;
    let mut any_item = false;
    // Whether the set opened last (this occurrence of its `t`) has a `v1` yet.
    let mut open_has_signature = false;
    let items = header
        .split(|c: char| c == ',' || c.is_ascii_whitespace())
        .filter(|item| !item.is_empty());
    for (index, item) in items.enumerate() {
        any_item = true;
        let position = index + 1;
        let Some((key, value)) = item.split_once('=') else {
            return Err(malformed(format!("item {position} has no `=`")));
        };
        match key {
            "t" => {
                if current.is_some() && !open_has_signature {
                    return Err(no_signature());
                }
                open_has_signature = false;
                t_count += 1;
                if t_count > MAX_SETS {
                    return Err(malformed(format!("more than {MAX_SETS} signature sets")));
                }
                let t = parse_t(value).ok_or_else(|| {
                    malformed(format!(
                        "the t of item {position} is not a whole number of Unix seconds"
                    ))
                })?;
                current = Some(match sets.iter().position(|s| s.t_text == value) {
                    Some(existing) => existing,
                    None => {
                        sets.push(SignatureSet {
                            t_text: value,
                            t,
                            signatures: Vec::new(),
                        });
                        sets.len() - 1
                    }
                });
            }
            "v1" => {
                let Some(set) = current.and_then(|open| sets.get_mut(open)) else {
                    return Err(malformed(format!("item {position} is a v1 before any t")));
                };
                signature_count += 1;
                if signature_count > MAX_SIGNATURES {
                    return Err(malformed(format!("more than {MAX_SIGNATURES} signatures")));
                }
                let signature = decode_hex(value).ok_or_else(|| {
                    malformed(format!(
                        "the v1 of item {position} is not 64 hex digits (an HMAC-SHA256)"
                    ))
                })?;
                set.signatures.push(signature);
                open_has_signature = true;
            }
            _ => {}
        }
    }
    if !any_item {
        return Err(malformed("the header is empty".to_owned()));
    }
    if current.is_none() {
        return Err(malformed("no t=…,v1=… set".to_owned()));
    }
    if !open_has_signature {
        return Err(no_signature());
    }
    Ok((sets, signature_count))
}

fn malformed(problem: String) -> WebhookError {
    WebhookError::MalformedHeader { problem }
}

fn no_signature() -> WebhookError {
    malformed("a t without a v1 after it".to_owned())
}

fn parse_t(value: &str) -> Option<u64> {
    if value.is_empty() || value.len() > 20 || !value.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    value.parse().ok()
}

fn decode_hex(value: &str) -> Option<[u8; 32]> {
    let bytes = value.as_bytes();
    if bytes.len() != 64 {
        return None;
    }
    let mut out = [0u8; 32];
    for (byte, pair) in out.iter_mut().zip(bytes.chunks_exact(2)) {
        let [high, low] = pair else { return None };
        *byte = (nibble(*high)? << 4) | nibble(*low)?;
    }
    Some(out)
}

fn nibble(digit: u8) -> Option<u8> {
    match digit {
        b'0'..=b'9' => Some(digit - b'0'),
        b'a'..=b'f' => Some(digit - b'a' + 10),
        b'A'..=b'F' => Some(digit - b'A' + 10),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const A: &str = "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa";
    const B: &str = "BBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBB";

    fn shape(header: &str) -> Result<Vec<(String, usize)>, String> {
        parse(header)
            .map(|(sets, _)| {
                sets.iter()
                    .map(|s| (s.t_text.to_owned(), s.signatures.len()))
                    .collect()
            })
            .map_err(|e| match e {
                WebhookError::MalformedHeader { problem } => problem,
                other => format!("unexpected {other:?}"),
            })
    }

    #[test]
    fn persona_forms() {
        assert_eq!(shape(&format!("t=1,v1={A}")), Ok(vec![("1".into(), 1)]));
        assert_eq!(
            shape(&format!("t=1,v1={A} t=2,v1={B}")),
            Ok(vec![("1".into(), 1), ("2".into(), 1)])
        );
        // The same t twice (Persona's rotation): one set, two signatures.
        assert_eq!(
            shape(&format!("t=1,v1={A} t=1,v1={B}")),
            Ok(vec![("1".into(), 2)])
        );
        let header = format!("t=1,v1={A} t=1,v1={B}");
        let (sets, count) = parse(&header).unwrap();
        assert_eq!(count, 2);
        assert_eq!(sets[0].signatures[0], [0xaa; 32]);
        assert_eq!(sets[0].signatures[1], [0xbb; 32]);
        assert_eq!(sets[0].t, 1);
    }

    #[test]
    fn whitespace_commas_and_unknown_keys() {
        for header in [
            format!("  t=1,v1={A}  "),
            format!("t=1, v1={A}"),
            format!("t=1 ,v1={A}"),
            format!("\tt=1,,v1={A},"),
            format!("t=1,v0=zz,v1={A},x=1"),
            format!("scheme=persona t=1,v1={A}"),
            format!("t=1\r\n,v1={A}"),
        ] {
            assert_eq!(shape(&header), Ok(vec![("1".into(), 1)]), "{header:?}");
        }
        assert_eq!(
            shape(&format!("t=1,v1={A},t=2,v1={B},v1={A}")),
            Ok(vec![("1".into(), 1), ("2".into(), 2)])
        );
        // The timestamp is kept as written: it is what was signed.
        assert_eq!(shape(&format!("t=007,v1={A}")), Ok(vec![("007".into(), 1)]));
    }

    #[test]
    fn malformed_shapes() {
        let cases = [
            (String::new(), "the header is empty"),
            (" , ,\t".to_owned(), "the header is empty"),
            ("v0=1".to_owned(), "no t=…,v1=… set"),
            (format!("v1={A}"), "item 1 is a v1 before any t"),
            (format!("v1={A},t=1"), "item 1 is a v1 before any t"),
            ("t=1".to_owned(), "a t without a v1 after it"),
            (format!("t=1 t=2,v1={A}"), "a t without a v1 after it"),
            (format!("t=1,v1={A} t=1"), "a t without a v1 after it"),
            (format!("t=1,{A}"), "item 2 has no `=`"),
            (
                format!("t=,v1={A}"),
                "the t of item 1 is not a whole number of Unix seconds",
            ),
            (
                format!("t=-1,v1={A}"),
                "the t of item 1 is not a whole number of Unix seconds",
            ),
            (
                format!("t=+1,v1={A}"),
                "the t of item 1 is not a whole number of Unix seconds",
            ),
            (
                format!("t=1.5,v1={A}"),
                "the t of item 1 is not a whole number of Unix seconds",
            ),
            (
                format!("t=18446744073709551616,v1={A}"),
                "the t of item 1 is not a whole number of Unix seconds",
            ),
            (
                format!("t=١,v1={A}"),
                "the t of item 1 is not a whole number of Unix seconds",
            ),
            (
                "t=1,v1=".to_owned(),
                "the v1 of item 2 is not 64 hex digits (an HMAC-SHA256)",
            ),
            (
                format!("t=1,v1={A}a"),
                "the v1 of item 2 is not 64 hex digits (an HMAC-SHA256)",
            ),
            (
                format!("t=1,v1={}", &A[1..]),
                "the v1 of item 2 is not 64 hex digits (an HMAC-SHA256)",
            ),
            (
                format!("t=1,v1={}g", &A[1..]),
                "the v1 of item 2 is not 64 hex digits (an HMAC-SHA256)",
            ),
            (
                format!("t=1,v1={}é", &A[2..]),
                "the v1 of item 2 is not 64 hex digits (an HMAC-SHA256)",
            ),
            (format!("T=1,v1={A}"), "item 2 is a v1 before any t"),
            (format!("t=1,V1={A}"), "a t without a v1 after it"),
        ];
        for (header, problem) in cases {
            assert_eq!(shape(&header), Err(problem.to_owned()), "{header:?}");
        }
    }

    #[test]
    fn limits() {
        let sets = |n: usize| {
            (0..n)
                .map(|i| format!("t={i},v1={A}"))
                .collect::<Vec<_>>()
                .join(" ")
        };
        assert_eq!(shape(&sets(MAX_SETS)).map(|s| s.len()), Ok(MAX_SETS));
        assert_eq!(
            shape(&sets(MAX_SETS + 1)),
            Err("more than 8 signature sets".to_owned())
        );
        let many = |n: usize| format!("t=1{}", format!(",v1={A}").repeat(n));
        assert_eq!(shape(&many(MAX_SIGNATURES)), Ok(vec![("1".into(), 16)]));
        assert_eq!(
            shape(&many(MAX_SIGNATURES + 1)),
            Err("more than 16 signatures".to_owned())
        );
    }
}
