//! A port of lodash's `kebabCase`: the standalone `lodash.kebabcase` 4.1.1 copy
//! that the official Persona JS SDK (npm `persona@5.9.0`) bundles, as function
//! `po()` in `dist/persona.mjs`. The SDK applies it to every object key inside the
//! `fields` and `fieldMappings` options, so to build the same query string we must
//! produce the same bytes for every input.
//!
//! lodash computes `kebabCase(s)` as
//!
//! 1. `deburr`: each char in `[\xc0-\xd6\xd8-\xf6\xf8-\xff\u0100-\u017f]` is
//!    replaced from a fixed table (`Æ` -> `Ae`, `ß` -> `ss`, `ŉ` -> `'n`, ...),
//!    then every combining mark in `[\u0300-\u036f\ufe20-\ufe23\u20d0-\u20f0]` is
//!    removed;
//! 2. every apostrophe (`'` and `’`) is removed;
//! 3. `words`: if `hasUnicodeWord` matches, the big "unicode word" regex is used,
//!    otherwise the ASCII word regex;
//! 4. the words are lower-cased with `String.prototype.toLowerCase` and joined
//!    with `-`.
//!
//! The JS regexes have no `u` flag, so they work on UTF-16 code units. On a valid
//! `&str` that only matters for supplementary-plane chars (one surrogate pair
//! each): the negated classes exclude `\ud800-\udfff`, so such a char can only be
//! matched by the emoji alternative, which always consumes whole pairs. Working
//! on `char`s is therefore exact, treating a char above U+FFFF as "a pair".
//!
//! Subtle points that this port keeps on purpose:
//! * apostrophes are removed before `words`, so the regex's contraction suffixes
//!   (`'d`, `'ll`, `'re`, ...) can never match and are not ported;
//!   `"don't"` -> `"dont"`, and `ŉ` deburrs to `'n` and so becomes `n`;
//! * deburring runs before word splitting, so replacements change the word
//!   boundaries: `Æ` -> `Ae` gives `"ÆSIR"` -> `"ae-sir"`, `Ĳ` -> `IJ` gives
//!   `"Ĳssel"` -> `"i-jssel"`; the table also maps `ſ` (long s) to `ss`, and
//!   `İ` to `I`, so JS's `İ` -> `i̇` lowercasing is never reached;
//! * combining marks are removed, so the regex's combining-mark modifiers never
//!   see one; ZWJ (U+200D) and most of U+2000-U+206F are word breaks, except
//!   right after an emoji, where ZWJ joins *any* following BMP char
//!   (`"😀\u{200d}abc"` -> `"😀\u{200d}a-bc"`);
//! * non-Latin letters (Greek, Cyrillic, CJK, ...) are neither "upper" nor
//!   "lower" for the regex but "misc", so `"жЖ"` is one word, while any char
//!   above U+FFFF is a word of its own (`"a😀b"` -> `"a-😀-b"`);
//! * `toLowerCase` is the full Unicode default mapping with the context-dependent
//!   final sigma, applied per word: Rust's `str::to_lowercase` does the same
//!   (`"ΑΣ"` -> `"ας"`). Both follow their Unicode tables; the port was checked
//!   with Rust 1.95 against node 20.20 (ICU 78.2), both Unicode 17.
//!
//! Every table here (the one after each `// kebab-table: NAME` comment: the
//! character classes, the `deburr` letters and the test tables) is generated
//! from lodash by `core/tests/conformance/oracle/kebab-tables.mjs`, and
//! `cargo xtask oracle` (part of `cargo xtask test`) regenerates them and fails
//! on any difference: edit the generator, never a table.

/// Converts `input` to kebab case exactly as the lodash `kebabCase` bundled in
/// `persona@5.9.0` does (see the module docs). Never panics.
pub(crate) fn kebab_case(input: &str) -> String {
    let chars = deburr_and_strip(input);
    let words = if has_unicode_word(&chars) {
        unicode_words(&chars)
    } else {
        ascii_words(&chars)
    };
    let mut out = String::with_capacity(input.len());
    for (index, (start, end)) in words.into_iter().enumerate() {
        if index > 0 {
            out.push('-');
        }
        if let Some(word) = chars.get(start..end) {
            out.push_str(&word.iter().collect::<String>().to_lowercase());
        }
    }
    out
}

/// Steps 1 and 2: `deburr` (table, then combining marks) and apostrophe removal.
/// The replacements never contain combining marks, and the two removed sets are
/// disjoint, so a single pass is equivalent to lodash's three `replace` calls.
fn deburr_and_strip(input: &str) -> Vec<char> {
    let mut chars = Vec::with_capacity(input.len());
    let mut push = |c: char| {
        if !is_combo_mark(c) && c != '\'' && c != '\u{2019}' {
            chars.push(c);
        }
    };
    for c in input.chars() {
        match deburr_letter(c) {
            Some(replacement) => replacement.chars().for_each(&mut push),
            None => push(c),
        }
    }
    chars
}

/// lodash's `deburredLetters` table. It covers every char of its regex
/// `[\xc0-\xd6\xd8-\xf6\xf8-\xff\u0100-\u017f]`, so no `"undefined"` can appear.
fn deburr_letter(c: char) -> Option<&'static str> {
    // kebab-table: deburr
    Some(match c {
        'À' | 'Á' | 'Â' | 'Ã' | 'Ä' | 'Å' | 'Ā' | 'Ă' | 'Ą' => "A",
        'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'ā' | 'ă' | 'ą' => "a",
        'Ç' | 'Ć' | 'Ĉ' | 'Ċ' | 'Č' => "C",
        'ç' | 'ć' | 'ĉ' | 'ċ' | 'č' => "c",
        'Ð' | 'Ď' | 'Đ' => "D",
        'ð' | 'ď' | 'đ' => "d",
        'È' | 'É' | 'Ê' | 'Ë' | 'Ē' | 'Ĕ' | 'Ė' | 'Ę' | 'Ě' => "E",
        'è' | 'é' | 'ê' | 'ë' | 'ē' | 'ĕ' | 'ė' | 'ę' | 'ě' => "e",
        'Ĝ' | 'Ğ' | 'Ġ' | 'Ģ' => "G",
        'ĝ' | 'ğ' | 'ġ' | 'ģ' => "g",
        'Ĥ' | 'Ħ' => "H",
        'ĥ' | 'ħ' => "h",
        'Ì' | 'Í' | 'Î' | 'Ï' | 'Ĩ' | 'Ī' | 'Ĭ' | 'Į' | 'İ' => "I",
        'ì' | 'í' | 'î' | 'ï' | 'ĩ' | 'ī' | 'ĭ' | 'į' | 'ı' => "i",
        'Ĵ' => "J",
        'ĵ' => "j",
        'Ķ' => "K",
        'ķ' | 'ĸ' => "k",
        'Ĺ' | 'Ļ' | 'Ľ' | 'Ŀ' | 'Ł' => "L",
        'ĺ' | 'ļ' | 'ľ' | 'ŀ' | 'ł' => "l",
        'Ñ' | 'Ń' | 'Ņ' | 'Ň' | 'Ŋ' => "N",
        'ñ' | 'ń' | 'ņ' | 'ň' | 'ŋ' => "n",
        'Ò' | 'Ó' | 'Ô' | 'Õ' | 'Ö' | 'Ø' | 'Ō' | 'Ŏ' | 'Ő' => "O",
        'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' | 'ō' | 'ŏ' | 'ő' => "o",
        'Ŕ' | 'Ŗ' | 'Ř' => "R",
        'ŕ' | 'ŗ' | 'ř' => "r",
        'Ś' | 'Ŝ' | 'Ş' | 'Š' => "S",
        'ś' | 'ŝ' | 'ş' | 'š' => "s",
        'Ţ' | 'Ť' | 'Ŧ' => "T",
        'ţ' | 'ť' | 'ŧ' => "t",
        'Ù' | 'Ú' | 'Û' | 'Ü' | 'Ũ' | 'Ū' | 'Ŭ' | 'Ů' | 'Ű' | 'Ų' => "U",
        'ù' | 'ú' | 'û' | 'ü' | 'ũ' | 'ū' | 'ŭ' | 'ů' | 'ű' | 'ų' => "u",
        'Ŵ' => "W",
        'ŵ' => "w",
        'Ý' | 'Ŷ' | 'Ÿ' => "Y",
        'ý' | 'ÿ' | 'ŷ' => "y",
        'Ź' | 'Ż' | 'Ž' => "Z",
        'ź' | 'ż' | 'ž' => "z",
        'Æ' => "Ae",
        'æ' => "ae",
        'Þ' => "Th",
        'þ' => "th",
        'ß' | 'ſ' => "ss",
        'Ĳ' => "IJ",
        'ĳ' => "ij",
        'Œ' => "Oe",
        'œ' => "oe",
        'ŉ' => "'n",
        _ => return None,
    })
}

/// lodash's `reHasUnicodeWord`:
/// `/[a-z][A-Z]|[A-Z]{2,}[a-z]|[0-9][a-zA-Z]|[a-zA-Z][0-9]|[^a-zA-Z0-9 ]/`.
fn has_unicode_word(chars: &[char]) -> bool {
    chars
        .iter()
        .any(|&c| !(c.is_ascii_alphanumeric() || c == ' '))
        || chars.windows(2).any(|pair| {
            matches!(pair, [a, b] if (a.is_ascii_lowercase() && b.is_ascii_uppercase())
                || (a.is_ascii_digit() && b.is_ascii_alphabetic())
                || (a.is_ascii_alphabetic() && b.is_ascii_digit()))
        })
        || chars.windows(3).any(|triple| {
            matches!(triple, [a, b, c] if a.is_ascii_uppercase()
                && b.is_ascii_uppercase()
                && c.is_ascii_lowercase())
        })
}

/// lodash's `reAsciiWord`: runs of `[^\x00-\x2f\x3a-\x40\x5b-\x60\x7b-\x7f]`.
/// Returns `(start, end)` char ranges.
fn ascii_words(chars: &[char]) -> Vec<(usize, usize)> {
    // kebab-table: ascii-non-word
    let is_word_char = |c: char| !matches!(c, '\0'..='/' | ':'..='@' | '['..='`' | '{'..='\x7f');
    let mut words = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let end = run(chars, i, is_word_char);
        if end > i {
            words.push((i, end));
            i = end;
        } else {
            i += 1;
        }
    }
    words
}

/// All matches of lodash's `reUnicodeWord` (a global `match`): at each position
/// try the alternatives in order; if none matches, move on one char. No
/// alternative can match the empty string. Returns `(start, end)` char ranges.
fn unicode_words(chars: &[char]) -> Vec<(usize, usize)> {
    let mut words = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        match match_unicode_word(chars, i) {
            Some(end) => {
                words.push((i, end));
                i = end;
            }
            None => i += 1,
        }
    }
    words
}

/// The six alternatives of `reUnicodeWord` at `i` (the contraction suffixes are
/// left out: apostrophes are already removed). `Upper`, `Lower` and `Misc` are
/// `rsUpper`, `rsLower` and `rsMisc`; the end of the match is returned.
fn match_unicode_word(chars: &[char], i: usize) -> Option<usize> {
    // 1. `Upper? Lower+ (?=Break|Upper|$)`. Backtracking cannot help: a shorter
    //    `Lower+` is followed by a lower char, and without the `Upper?` the run
    //    would have to start on an upper char.
    let start = if is(chars, i, is_upper) { i + 1 } else { i };
    let end = run(chars, start, is_lower);
    if end > start && (end == chars.len() || is(chars, end, is_break) || is(chars, end, is_upper)) {
        return Some(end);
    }
    // 2. `(Upper|Misc)+ (?=Break|Upper(Lower|Misc)|$)`, greedy with backtracking:
    //    `XMLHttp` matches `XML`.
    let end = run(chars, i, |c| is_upper(c) || is_misc(c));
    for end in (i + 1..=end).rev() {
        if end == chars.len()
            || is(chars, end, is_break)
            || (is(chars, end, is_upper) && is(chars, end + 1, is_lower_or_misc))
        {
            return Some(end);
        }
    }
    // 3. `Upper? (Lower|Misc)+`.
    if is(chars, i, is_upper) && is(chars, i + 1, is_lower_or_misc) {
        return Some(run(chars, i + 1, is_lower_or_misc));
    }
    let end = run(chars, i, is_lower_or_misc);
    if end > i {
        return Some(end);
    }
    // 4. `Upper+`.
    let end = run(chars, i, is_upper);
    if end > i {
        return Some(end);
    }
    // 5. `\d+` (ASCII digits only: the regex has no `u` flag).
    let end = run(chars, i, |c| c.is_ascii_digit());
    if end > i {
        return Some(end);
    }
    // 6. `rsEmoji`.
    match_emoji(chars, i)
}

/// `rsEmoji = (?:Dingbat|Regional{2}|Astral) rsSeq`, where
/// `rsSeq = Var? Modifier? (?:ZWJ (?:NonAstral|Regional{2}|Astral) Var? Modifier?)*`.
/// Everything after the first unit is optional and nothing follows in the
/// regex, so the greedy first choice at each step is the match.
fn match_emoji(chars: &[char], i: usize) -> Option<usize> {
    // kebab-table: dingbat
    let end = if is(chars, i, |c| matches!(c, '\u{2700}'..='\u{27bf}')) {
        i + 1
    } else {
        match_astral_unit(chars, i)?
    };
    let mut end = skip_var_and_modifier(chars, end);
    while is(chars, end, |c| c == '\u{200d}') {
        let next = if is(chars, end + 1, |c| !is_astral(c)) {
            end + 2
        } else if let Some(next) = match_astral_unit(chars, end + 1) {
            next
        } else {
            break;
        };
        end = skip_var_and_modifier(chars, next);
    }
    Some(end)
}

/// `Regional{2}|Astral`: a pair of regional indicators (a flag) or one char
/// above U+FFFF (one surrogate pair in UTF-16).
fn match_astral_unit(chars: &[char], i: usize) -> Option<usize> {
    // kebab-table: regional
    let is_regional = |c: char| matches!(c, '\u{1f1e6}'..='\u{1f1ff}');
    if is(chars, i, is_regional) && is(chars, i + 1, is_regional) {
        Some(i + 2)
    } else if is(chars, i, is_astral) {
        Some(i + 1)
    } else {
        None
    }
}

/// `[\ufe0e\ufe0f]?(?:Combo|Fitz)?`, Fitz being the skin tones U+1F3FB-U+1F3FF.
fn skip_var_and_modifier(chars: &[char], mut i: usize) -> usize {
    // kebab-table: variation
    if is(chars, i, |c| matches!(c, '\u{fe0e}' | '\u{fe0f}')) {
        i += 1;
    }
    if is(chars, i, |c| {
        // kebab-table: fitz
        is_combo_mark(c) || matches!(c, '\u{1f3fb}'..='\u{1f3ff}')
    }) {
        i += 1;
    }
    i
}

/// Whether `chars[i]` exists and satisfies `pred`.
fn is(chars: &[char], i: usize, pred: impl Fn(char) -> bool) -> bool {
    chars.get(i).is_some_and(|&c| pred(c))
}

/// End of the maximal run of chars satisfying `pred` starting at `i`.
fn run(chars: &[char], i: usize, pred: impl Fn(char) -> bool) -> usize {
    let len = chars
        .get(i..)
        .map_or(0, |rest| rest.iter().take_while(|&&c| pred(c)).count());
    i + len
}

/// A char that is a surrogate pair in UTF-16.
fn is_astral(c: char) -> bool {
    u32::from(c) > 0xffff
}

/// `rsComboRange`: `\u0300-\u036f\ufe20-\ufe23\u20d0-\u20f0`.
fn is_combo_mark(c: char) -> bool {
    // kebab-table: combo-mark
    matches!(c, '\u{300}'..='\u{36f}' | '\u{fe20}'..='\u{fe23}' | '\u{20d0}'..='\u{20f0}')
}

/// `rsBreakRange`: math operators, ASCII/Latin-1 punctuation and symbols,
/// U+2000-U+206F (general punctuation, incl. ZWJ and `’`) and the whitespace
/// lodash lists.
fn is_break(c: char) -> bool {
    // kebab-table: break
    matches!(c,
        '\0'..='/'
        | ':'..='@'
        | '['..='`'
        | '{'..='\u{bf}'
        | '\u{d7}'
        | '\u{f7}'
        | '\u{1680}'
        | '\u{180e}'
        | '\u{2000}'..='\u{206f}'
        | '\u{3000}'
        | '\u{feff}')
}

/// `rsUpperRange`: `A-Z\xc0-\xd6\xd8-\xde`.
fn is_upper(c: char) -> bool {
    // kebab-table: upper
    matches!(c, 'A'..='Z' | '\u{c0}'..='\u{d6}' | '\u{d8}'..='\u{de}')
}

/// `rsLowerRange`: `a-z\xdf-\xf6\xf8-\xff`.
fn is_lower(c: char) -> bool {
    // kebab-table: lower
    matches!(c, 'a'..='z' | '\u{df}'..='\u{f6}' | '\u{f8}'..='\u{ff}')
}

/// `rsMisc`: any BMP char that is not a break, ASCII digit, dingbat
/// (U+2700-U+27BF), upper or lower (e.g. Greek, Cyrillic, CJK letters).
fn is_misc(c: char) -> bool {
    !(is_astral(c)
        || is_break(c)
        || c.is_ascii_digit()
        // kebab-table: dingbat
        || matches!(c, '\u{2700}'..='\u{27bf}')
        || is_upper(c)
        || is_lower(c))
}

/// `rsMiscLower = (?:Lower|Misc)`.
fn is_lower_or_misc(c: char) -> bool {
    is_lower(c) || is_misc(c)
}

#[cfg(test)]
mod tests {
    use super::kebab_case;

    /// Checks a whole table, reporting every mismatch at once.
    fn check(cases: &[(&str, &str)]) {
        let failures: Vec<String> = cases
            .iter()
            .filter_map(|&(input, expected)| {
                let got = kebab_case(input);
                (got != expected).then(|| format!("{input:?}: expected {expected:?}, got {got:?}"))
            })
            .collect();
        assert!(
            failures.is_empty(),
            "{} mismatches:\n{}",
            failures.len(),
            failures.join("\n")
        );
    }

    #[test]
    fn matches_lodash_on_curated_inputs() {
        check(CASES);
    }

    #[test]
    fn matches_lodash_on_fuzz_inputs() {
        check(FUZZ_CASES);
    }

    #[test]
    fn matches_lodash_on_table_probes() {
        check(PROBE_CASES);
    }

    // The tables below are generated, not written by hand: every expected value
    // is the output of the lodash kebabCase the crate ships
    // (`src/browser/js/kebab_case.js`, which gives the same as `po()` in persona@5.9.0's
    // `dist/persona.mjs`), computed by `core/tests/conformance/oracle/kebab-tables.mjs`
    // under node 20.20 (ICU 78.2, Unicode 17). Do not edit an expected value by hand.

    /// Hand-picked inputs; expected values from the bundled lodash under node.
    // kebab-table: cases
    const CASES: &[(&str, &str)] = &[
        ("", ""),
        ("a", "a"),
        ("A", "a"),
        ("foo", "foo"),
        ("Foo", "foo"),
        ("FOO", "foo"),
        ("fooBar", "foo-bar"),
        ("FooBar", "foo-bar"),
        ("foo bar", "foo-bar"),
        ("Foo Bar", "foo-bar"),
        ("FOO BAR", "foo-bar"),
        ("foo  bar", "foo-bar"),
        (" foo ", "foo"),
        ("  ", ""),
        ("foo_bar", "foo-bar"),
        ("__FOO_BAR__", "foo-bar"),
        ("foo-bar", "foo-bar"),
        ("--foo-bar--", "foo-bar"),
        ("foo.bar", "foo-bar"),
        ("foo/bar", "foo-bar"),
        ("foo\\bar", "foo-bar"),
        ("foo+bar", "foo-bar"),
        ("foo=bar", "foo-bar"),
        ("nameFirst", "name-first"),
        ("nameLast", "name-last"),
        ("birthdate", "birthdate"),
        ("emailAddress", "email-address"),
        ("phoneNumber", "phone-number"),
        ("addressPostalCode", "address-postal-code"),
        ("addressCountryCode", "address-country-code"),
        ("addressSubdivision", "address-subdivision"),
        ("identificationNumber", "identification-number"),
        ("selectedCountryCode", "selected-country-code"),
        ("fooBarBaz", "foo-bar-baz"),
        ("fooBARBaz", "foo-bar-baz"),
        ("aBC", "a-bc"),
        ("aB", "a-b"),
        ("Ab", "ab"),
        ("abC", "ab-c"),
        ("aBcD", "a-bc-d"),
        ("camelCaseString", "camel-case-string"),
        ("PascalCaseString", "pascal-case-string"),
        ("snake_case_string", "snake-case-string"),
        ("SCREAMING_SNAKE_CASE", "screaming-snake-case"),
        ("kebab-case-string", "kebab-case-string"),
        ("Train-Case-String", "train-case-string"),
        ("dot.case.string", "dot-case-string"),
        ("path/case/string", "path-case-string"),
        ("mixed_Case-string with.all", "mixed-case-string-with-all"),
        ("a b c", "a-b-c"),
        ("A B C", "a-b-c"),
        ("AbC dEf", "ab-c-d-ef"),
        ("x", "x"),
        ("X", "x"),
        ("xY", "x-y"),
        ("Xy", "xy"),
        ("XY", "xy"),
        ("XYz", "x-yz"),
        ("xYZ", "x-yz"),
        ("q", "q"),
        ("_", ""),
        ("-", ""),
        (".", ""),
        ("  leading", "leading"),
        ("trailing  ", "trailing"),
        ("ab CD ef", "ab-cd-ef"),
        ("AB cd EF", "ab-cd-ef"),
        ("XMLHttpRequest", "xml-http-request"),
        ("xmlHttpRequest", "xml-http-request"),
        ("XMLHTTPRequest", "xmlhttp-request"),
        ("getHTTPResponseCode", "get-http-response-code"),
        ("HTTPServer", "http-server"),
        ("myURL", "my-url"),
        ("myURLParser", "my-url-parser"),
        ("URLs", "ur-ls"),
        ("APIKey", "api-key"),
        ("apiKEY", "api-key"),
        ("ID", "id"),
        ("userID", "user-id"),
        ("userId", "user-id"),
        ("IDs", "i-ds"),
        ("iOS", "i-os"),
        ("IOS", "ios"),
        ("iPhone", "i-phone"),
        ("eBay", "e-bay"),
        ("ABCdef", "ab-cdef"),
        ("ABCDef", "abc-def"),
        ("ABCD", "abcd"),
        ("AbcDEF", "abc-def"),
        ("ABcDE", "a-bc-de"),
        ("SSNLast4", "ssn-last-4"),
        ("HTMLElement", "html-element"),
        ("innerHTML", "inner-html"),
        ("JSONData", "json-data"),
        ("toJSON", "to-json"),
        ("address1", "address-1"),
        ("address2", "address-2"),
        ("addressStreet1", "address-street-1"),
        ("addressStreet2", "address-street-2"),
        ("a1b2", "a-1-b-2"),
        ("1st", "1-st"),
        ("2nd", "2-nd"),
        ("3rd", "3-rd"),
        ("4th", "4-th"),
        ("123", "123"),
        ("1 2 3", "1-2-3"),
        ("1a", "1-a"),
        ("a1", "a-1"),
        ("A1", "a-1"),
        ("1A", "1-a"),
        ("abc123", "abc-123"),
        ("ABC123", "abc-123"),
        ("123abc", "123-abc"),
        ("123ABC", "123-abc"),
        ("abc123def", "abc-123-def"),
        ("ABC123DEF", "abc-123-def"),
        ("v2", "v-2"),
        ("V2Beta", "v-2-beta"),
        ("version2Point0", "version-2-point-0"),
        ("x86_64", "x-86-64"),
        ("utf8", "utf-8"),
        ("UTF8", "utf-8"),
        ("base64Encode", "base-64-encode"),
        ("h264", "h-264"),
        ("mp4File", "mp-4-file"),
        ("0", "0"),
        ("007", "007"),
        ("a0b1c2d3", "a-0-b-1-c-2-d-3"),
        ("1.5", "1-5"),
        ("-1", "1"),
        ("1e10", "1-e-10"),
        ("١٢٣", "١٢٣"),
        ("①②", "①②"),
        ("½", ""),
        ("Ⅻⅻ", "ⅻⅻ"),
        ("０１２", "０１２"),
        ("ａｂｃ", "ａｂｃ"),
        ("ＡＢＣ", "ａｂｃ"),
        ("!", ""),
        ("!!!", ""),
        ("???", ""),
        ("foo!bar", "foo-bar"),
        ("foo?", "foo"),
        ("@user", "user"),
        ("#hashtag", "hashtag"),
        ("$price", "price"),
        ("100%", "100"),
        ("a&b", "a-b"),
        ("a*b", "a-b"),
        ("(parens)", "parens"),
        ("[brackets]", "brackets"),
        ("{braces}", "braces"),
        ("<angle>", "angle"),
        ("a|b", "a-b"),
        ("a~b", "a-b"),
        ("a`b", "a-b"),
        ("a\"b", "a-b"),
        ("a;b", "a-b"),
        ("a:b", "a-b"),
        ("a,b", "a-b"),
        ("foo__bar", "foo-bar"),
        ("foo--bar", "foo-bar"),
        ("foo..bar", "foo-bar"),
        ("a_1", "a-1"),
        ("_a_b_", "a-b"),
        ("a×b", "a-b"),
        ("a÷b", "a-b"),
        ("a¬b", "a-b"),
        ("a±b", "a-b"),
        ("a§b", "a-b"),
        ("a©b", "a-b"),
        ("a®b", "a-b"),
        ("a°b", "a-b"),
        ("a¿b", "a-b"),
        ("a¡b", "a-b"),
        ("a«b»", "a-b"),
        ("a·b", "a-b"),
        ("a¶b", "a-b"),
        ("a€b", "a€b"),
        ("a™b", "a™b"),
        ("a→b", "a→b"),
        ("a—b", "a-b"),
        ("a–b", "a-b"),
        ("a…b", "a-b"),
        ("a•b", "a-b"),
        ("a‰b", "a-b"),
        ("a′b", "a-b"),
        ("a※b", "a-b"),
        ("a\u{ad}b", "a-b"),
        ("foo\tbar", "foo-bar"),
        ("foo\nbar", "foo-bar"),
        ("foo\rbar", "foo-bar"),
        ("foo\u{b}bar", "foo-bar"),
        ("foo\u{c}bar", "foo-bar"),
        ("foo\u{a0}bar", "foo-bar"),
        ("foo\u{feff}bar", "foo-bar"),
        ("foo\u{2028}bar", "foo-bar"),
        ("foo\u{2029}bar", "foo-bar"),
        ("foo\u{1680}bar", "foo-bar"),
        ("foo\u{180e}bar", "foo-bar"),
        ("foo\u{2000}bar", "foo-bar"),
        ("foo\u{2001}bar", "foo-bar"),
        ("foo\u{2002}bar", "foo-bar"),
        ("foo\u{2003}bar", "foo-bar"),
        ("foo\u{2004}bar", "foo-bar"),
        ("foo\u{2005}bar", "foo-bar"),
        ("foo\u{2006}bar", "foo-bar"),
        ("foo\u{2007}bar", "foo-bar"),
        ("foo\u{2008}bar", "foo-bar"),
        ("foo\u{2009}bar", "foo-bar"),
        ("foo\u{200a}bar", "foo-bar"),
        ("foo\u{202f}bar", "foo-bar"),
        ("foo\u{205f}bar", "foo-bar"),
        ("foo\u{3000}bar", "foo-bar"),
        ("foo\u{85}bar", "foo-bar"),
        ("foo\u{200b}bar", "foo-bar"),
        ("foo\u{200c}bar", "foo-bar"),
        ("foo\u{200d}bar", "foo-bar"),
        ("foo\u{2060}bar", "foo-bar"),
        ("foo\u{0}bar", "foo-bar"),
        ("foo\u{1f}bar", "foo-bar"),
        ("foo\u{7f}bar", "foo-bar"),
        ("\t\n\r", ""),
        ("\u{3000}fooBar\u{3000}", "foo-bar"),
        ("ÀÁÂÃÄÅĀĂĄ", "aaaaaaaaa"),
        ("àáâãäåāăą", "aaaaaaaaa"),
        ("ÇĆĈĊČ", "ccccc"),
        ("çćĉċč", "ccccc"),
        ("ÐĎĐ", "ddd"),
        ("ðďđ", "ddd"),
        ("ÈÉÊËĒĔĖĘĚ", "eeeeeeeee"),
        ("èéêëēĕėęě", "eeeeeeeee"),
        ("ĜĞĠĢ", "gggg"),
        ("ĝğġģ", "gggg"),
        ("ĤĦ", "hh"),
        ("ĥħ", "hh"),
        ("ÌÍÎÏĨĪĬĮİ", "iiiiiiiii"),
        ("ìíîïĩīĭįı", "iiiiiiiii"),
        ("Ĵĵ", "jj"),
        ("Ķķĸ", "kkk"),
        ("ĹĻĽĿŁ", "lllll"),
        ("ĺļľŀł", "lllll"),
        ("ÑŃŅŇŊ", "nnnnn"),
        ("ñńņňŋ", "nnnnn"),
        ("ÒÓÔÕÖØŌŎŐ", "ooooooooo"),
        ("òóôõöøōŏő", "ooooooooo"),
        ("ŔŖŘ", "rrr"),
        ("ŕŗř", "rrr"),
        ("ŚŜŞŠ", "ssss"),
        ("śŝşš", "ssss"),
        ("ŢŤŦ", "ttt"),
        ("ţťŧ", "ttt"),
        ("ÙÚÛÜŨŪŬŮŰŲ", "uuuuuuuuuu"),
        ("ùúûüũūŭůűų", "uuuuuuuuuu"),
        ("Ŵŵ", "ww"),
        ("ÝŶŸ", "yyy"),
        ("ýÿŷ", "yyy"),
        ("ŹŻŽ", "zzz"),
        ("źżž", "zzz"),
        ("Æ", "ae"),
        ("æ", "ae"),
        ("Þ", "th"),
        ("þ", "th"),
        ("ß", "ss"),
        ("ſ", "ss"),
        ("Ĳ", "ij"),
        ("ĳ", "ij"),
        ("Œ", "oe"),
        ("œ", "oe"),
        ("ŉ", "n"),
        ("Ærøskøbing", "aeroskobing"),
        ("ÆSIR", "ae-sir"),
        ("æsir", "aesir"),
        ("Þór", "thor"),
        ("þorn", "thorn"),
        ("Straße", "strasse"),
        ("STRASSE", "strasse"),
        ("straßeName", "strasse-name"),
        ("ſtraſſe", "sstrasssse"),
        ("Ĳssel", "i-jssel"),
        ("ĲSSEL", "ijssel"),
        ("ĳs", "ijs"),
        ("Œuvre", "oeuvre"),
        ("œuvreCompletes", "oeuvre-completes"),
        ("Cœur", "coeur"),
        ("ŉa", "na"),
        ("aŉ", "an"),
        ("AŉB", "an-b"),
        ("İstanbul", "istanbul"),
        ("İ", "i"),
        ("ıi", "ii"),
        ("İI", "ii"),
        ("Łódź", "lodz"),
        ("Żółć", "zolc"),
        ("Ångström", "angstrom"),
        ("Dvořák", "dvorak"),
        ("Ørsted", "orsted"),
        ("Đorđe", "dorde"),
        ("ÀÉÎ", "aei"),
        ("Ünïcödé", "unicode"),
        ("déjàVu", "deja-vu"),
        ("DéjàVu", "deja-vu"),
        ("DÉJÀ VU", "deja-vu"),
        ("crèmeBrûlée", "creme-brulee"),
        ("CRÈMEBrûlée", "creme-brulee"),
        ("naïveÉtude", "naive-etude"),
        ("façadeNumber1", "facade-number-1"),
        ("résuméPDF", "resume-pdf"),
        ("ÉcoleNormale", "ecole-normale"),
        ("àB", "a-b"),
        ("Àb", "ab"),
        ("ÀB", "ab"),
        ("àb1", "ab-1"),
        ("São Paulo", "sao-paulo"),
        ("São_Paulo", "sao-paulo"),
        ("MÜNCHEN", "munchen"),
        ("münchenStraße", "munchen-strasse"),
        ("e\u{301}", "e"),
        ("Cafe\u{301}", "cafe"),
        ("cafe\u{301}Bar", "cafe-bar"),
        ("A\u{300}B", "ab"),
        ("a\u{308}b", "ab"),
        ("a\u{36f}b", "ab"),
        ("a\u{fe20}b", "ab"),
        ("a\u{fe23}b", "ab"),
        ("a\u{20d0}b", "ab"),
        ("a\u{20f0}b", "ab"),
        ("a\u{20f1}b", "a\u{20f1}b"),
        ("a\u{1dc0}b", "a\u{1dc0}b"),
        ("a\u{483}b", "a\u{483}b"),
        ("A\u{301}BC", "abc"),
        ("a\u{301}B", "a-b"),
        ("n\u{303}o\u{308}", "no"),
        ("\u{301}", ""),
        ("\u{301}\u{302}", ""),
        ("don't", "dont"),
        ("DON’T", "dont"),
        ("I'm", "im"),
        ("it's", "its"),
        ("It's", "its"),
        ("you'll", "youll"),
        ("YOU'LL", "youll"),
        ("we're", "were"),
        ("they've", "theyve"),
        ("he'd", "hed"),
        ("O'Neil", "o-neil"),
        ("O'NEIL", "oneil"),
        ("rock ’n’ roll", "rock-n-roll"),
        ("'quoted'", "quoted"),
        ("’’", ""),
        ("a'b'c", "abc"),
        ("foo'Bar", "foo-bar"),
        ("FOO'BAR", "foobar"),
        ("'", ""),
        ("don‘t", "don-t"),
        ("donʼt", "donʼt"),
        ("😀", "😀"),
        ("a😀b", "a-😀-b"),
        ("foo😀Bar", "foo-😀-bar"),
        ("😀😀", "😀-😀"),
        ("👍🏽", "👍🏽"),
        ("👍🏽x", "👍🏽-x"),
        ("x👍🏽", "x-👍🏽"),
        ("👨\u{200d}👩\u{200d}👧", "👨\u{200d}👩\u{200d}👧"),
        ("a👨\u{200d}👩\u{200d}👧b", "a-👨\u{200d}👩\u{200d}👧-b"),
        ("🇺🇸", "🇺🇸"),
        ("🇺🇸🇫🇷", "🇺🇸-🇫🇷"),
        ("🇺🇸🇫", "🇺🇸-🇫"),
        ("🇺", "🇺"),
        ("a🇺b", "a-🇺-b"),
        ("🏳\u{fe0f}\u{200d}🌈", "🏳\u{fe0f}\u{200d}🌈"),
        ("🧑🏿\u{200d}💻", "🧑🏿\u{200d}💻"),
        ("❤", "❤"),
        ("❤\u{fe0f}", "❤\u{fe0f}"),
        ("I❤\u{fe0f}NY", "i-❤\u{fe0f}-ny"),
        ("✂\u{fe0f}cut", "✂\u{fe0f}-cut"),
        ("✔done", "✔-done"),
        ("✂✂", "✂-✂"),
        ("✀", "✀"),
        ("➿", "➿"),
        ("☃", "☃"),
        ("☃snow", "☃snow"),
        ("😀\u{200d}abc", "😀\u{200d}a-bc"),
        ("😀\u{200d}", "😀"),
        ("😀\u{fe0f}", "😀\u{fe0f}"),
        ("😀\u{fe0e}🏻", "😀\u{fe0e}🏻"),
        ("🏻", "🏻"),
        ("a🏻b", "a-🏻-b"),
        ("🏻🏻", "🏻🏻"),
        ("𝐀𝐁", "𝐀-𝐁"),
        ("𝐚bc", "𝐚-bc"),
        ("𐐀𐐨", "𐐨-𐐨"),
        ("a𐐀b", "a-𐐨-b"),
        ("𠜎𠜱", "𠜎-𠜱"),
        ("\u{e0061}", "\u{e0061}"),
        ("\u{10ffff}", "\u{10ffff}"),
        ("\u{fe0f}", "\u{fe0f}"),
        ("a\u{fe0f}b", "a\u{fe0f}b"),
        ("Ж", "ж"),
        ("ж", "ж"),
        ("жЖ", "жж"),
        ("Жж", "жж"),
        ("привет", "привет"),
        ("Привет", "привет"),
        ("ПРИВЕТ", "привет"),
        ("приветМир", "приветмир"),
        ("privetМир", "privetмир"),
        ("МирHello", "мир-hello"),
        ("ΑΣ", "ας"),
        ("ΑΣ ΑΣΑ", "ας-ασα"),
        ("Σ", "σ"),
        ("ΣΑ", "σα"),
        ("ΟΔΟΣ", "οδος"),
        ("οδός", "οδός"),
        ("ΟΔΟΣ1", "οδος-1"),
        ("ΑΣ\u{fe0f}", "ας\u{fe0f}"),
        ("Αʰσ", "αʰσ"),
        ("Ελληνικά", "ελληνικά"),
        ("αβγ", "αβγ"),
        ("中文", "中文"),
        ("中文ABC", "中文abc"),
        ("abc中文", "abc中文"),
        ("日本語テキスト", "日本語テキスト"),
        ("カタカナ", "カタカナ"),
        ("한국어", "한국어"),
        ("العربية", "العربية"),
        ("עברית", "עברית"),
        ("ह\u{93f}न\u{94d}द\u{940}", "ह\u{93f}न\u{94d}द\u{940}"),
        ("ไทย", "ไทย"),
        ("Ⓐⓑ", "ⓐⓑ"),
        ("ǅ", "ǆ"),
        ("Ǆa", "ǆa"),
        ("ǆ", "ǆ"),
        ("ẞ", "ß"),
        ("ẞa", "ßa"),
        ("K", "k"),
        ("Ω", "ω"),
        ("Ȁȁ", "ȁȁ"),
        ("ƁƂ", "ɓƃ"),
        ("ǍǎǏ", "ǎǎǐ"),
        ("Ḁḁ", "ḁḁ"),
        ("Ẁẁ", "ẁẁ"),
        ("ʰʱ", "ʰʱ"),
        ("ﬀﬁ", "ﬀﬁ"),
        ("Ǳ", "ǳ"),
        ("ǲ", "ǳ"),
    ];

    /// Random strings (mixed alphabet); expected values from the bundled lodash under node.
    // kebab-table: fuzz-cases
    const FUZZ_CASES: &[(&str, &str)] = &[
        ("ıʰ", "iʰ"),
        ("\u{3000}/✂❤x👍\u{301}\t", "✂-❤-x-👍"),
        ("’9❤’Æx", "9-❤-aex"),
        ("Z9 aQzſǅʰ'", "z-9-a-qzssǆʰ"),
        ("’ 1中\tЖ❤Ł", "1-中-ж-❤-l"),
        ("中👍Ü", "中-👍-u"),
        ("’Éж\u{200d} Σ\t", "eж-σ"),
        ("🇸\t✂İBİж", "🇸-✂-ibiж"),
        ("ÆΣ", "aeς"),
        ("Ĳ\u{a0}", "ij"),
        ("BAſſ🏽ж😀İЖ", "b-assss-🏽-ж-😀-iж"),
        ("🏽ʰ🇺", "🏽-ʰ-🇺"),
        ("👍ı🏽✂中ΣʰЖ", "👍-i-🏽-✂-中σʰж"),
        ("ıŉø!🇺Aa🏽ΣĲ", "ino-🇺-aa-🏽-σij"),
        ("ıж🇺", "iж-🇺"),
        ("ŉ×b", "n-b"),
        ("€9ŉ✂z", "€-9-n-✂-z"),
        ("0Ü€🇺\t", "0-u€-🇺"),
        ("\u{200d}-\u{200d}.ſ中Σİ", "ss中σ-i"),
        ("ǅ❤", "ǆ-❤"),
        (".ıZQʰé\t\u{3000}a", "i-z-qʰe-a"),
        ("ñ🇸ĲĲ-éı ", "n-🇸-ijij-ei"),
        ("1❤Z\tA", "1-❤-z-a"),
        ("1🇺❤ʰ👍ж×👍’É", "1-🇺-❤-ʰ-👍-ж-👍-e"),
        ("👍A-中", "👍-a-中"),
        ("b\u{fe0f} 👍", "b\u{fe0f}-👍"),
        ("’1İøı", "1-ioi"),
        ("🇸ßbĲ-ŁÜ", "🇸-ssb-ij-lu"),
        ("\u{200d}ж Σ✂Q🏽", "ж-σ-✂-q-🏽"),
        ("Z", "z"),
        ("Жé🇺 a", "жe-🇺-a"),
        ("ÆéΣ×", "aeeς"),
        ("Ĳ\u{3000}", "ij"),
        ("Σ", "σ"),
        ("É \u{3000}1❤0!Ü/", "e-1-❤-0-u"),
        ("QQ\u{3000}", "qq"),
        ("ʰ😀\tÆ", "ʰ-😀-ae"),
        ("ß !Ł\u{200d}жzſ_", "ss-l-жzss"),
        (" !!中", "中"),
        (" .-", ""),
        ("É", "e"),
        ("1_🏽Ж0", "1-🏽-ж-0"),
        ("1中жızĲŁŉſ", "1-中жiz-ij-lnss"),
        ("-🇺", "🇺"),
        ("é✂ж", "e-✂-ж"),
        ("\tı🇺éQ🇸中", "i-🇺-e-q-🇸-中"),
        ("Ĳ❤中ñ/-\u{fe0f}Q!", "ij-❤-中n-\u{fe0f}q"),
        ("ñ!Σéж", "n-σeж"),
        ("zz🇺ǅ", "zz-🇺-ǆ"),
        ("€éЖ9ŁZ-Σжx", "€eж-9-lz-σжx"),
        ("Ĳb0", "i-jb-0"),
        ("BЖ Aʰ", "bж-aʰ"),
        ("🇺’", "🇺"),
        ("ж", "ж"),
        ("ß", "ss"),
        ("Q👍Ü中×", "q-👍-u中"),
        ("ZÉ \u{a0}Ł中ßø1ñ", "ze-l中sso-1-n"),
        ("ı✂zÆÉʰ\t", "i-✂-z-ae-eʰ"),
        ("İ’×👍ſ ", "i-👍-ss"),
        ("1øé/中🇸", "1-oe-中-🇸"),
        (".", ""),
        ("\u{fe0f} ø!Æ/中🏽B", "\u{fe0f}-o-ae-中-🏽-b"),
        ("-\u{301}é/Bñ", "e-bn"),
        ("Qñ", "qn"),
        ("Ü中-Σb", "u中-σb"),
        ("ſΣ中Éʰ", "ssς中-eʰ"),
        ("1/€xǅ!ʰ", "1-€xǆ-ʰ"),
        ("×ж🇸Æжŉıa中", "ж-🇸-aeжnia中"),
        ("xÉ", "x-e"),
        ("'🏽ß1ж😀_a❤Ж", "🏽-ss-1-ж-😀-a-❤-ж"),
        ("ǅß_Σa\u{fe0f}1øñ", "ǆss-σa\u{fe0f}-1-on"),
        ("жZø", "ж-zo"),
        ("ſ9✂İÉ0中ø", "ss-9-✂-ie-0-中o"),
        ("✂_ø!Ax", "✂-o-ax"),
        ("z🏽.Éa!\t🇸", "z-🏽-ea-🇸"),
        ("Ł-- aBǅé\u{a0}Ж", "l-a-bǆe-ж"),
        ("🏽Æ_Ü ŉ🇸’\u{301}", "🏽-ae-u-n-🇸"),
        ("\u{200d}a/ĲİQa", "a-iji-qa"),
        ("ÉŁŁ!xÜǅ", "ell-x-uǆ"),
        ("🇺\u{3000}é\u{3000}é\u{301} ", "🇺-e-e"),
        ("🇸😀👍", "🇸-😀-👍"),
        ("ÉÜ9Æ_İ€ø", "eu-9-ae-i€o"),
        ("🏽 ŉǅñ.ŉİß", "🏽-nǆn-n-iss"),
        ("ßж", "ssж"),
        ("✂😀Zaa🇺b1", "✂-😀-zaa-🇺-b-1"),
        ("Z_\u{a0}Ł\u{a0}😀ßÉ", "z-l-😀-ss-e"),
        ("'!.bÉ", "b-e"),
        ("\t\t-é❤z", "e-❤-z"),
        ("\u{3000}!🇺🇸ǅa", "🇺🇸-ǆa"),
        ("İĲ€ñ🏽\u{200d}×❤👍", "ii-j€n-🏽\u{200d}×-❤-👍"),
        ("ÆéB .’İ×Ü", "aee-b-i-u"),
        ("x1İİx", "x-1-i-ix"),
        ("Σé👍ß🇺 👍0🇸B", "σe-👍-ss-🇺-👍-0-🇸-b"),
        ("Ł🇺жĲʰß×", "l-🇺-жi-jʰss"),
        ("ΣÆı", "σ-aei"),
        ("Z🇸Жж\téAb1’", "z-🇸-жж-e-ab-1"),
        ("Ĳ👍ø\u{a0}\t\u{200d}€\u{301}", "ij-👍-o-€"),
        ("ŉ-9ÆzQ!🇺'", "n-9-aez-q-🇺"),
        ("ΣZŉ\u{a0}", "σ-zn"),
        ("✂!", "✂"),
        ("a0", "a-0"),
        ("×\u{200d}❤×’❤Ł", "❤-❤-l"),
        ("ΣĲĲ", "σijij"),
        ("\u{fe0f}'Æ", "\u{fe0f}-ae"),
        ("❤Z", "❤-z"),
        ("\u{a0}", ""),
        ("1€x ſ", "1-€x-ss"),
        ("aBΣŉ\u{200d}Łǅ", "a-bσn-lǆ"),
        ("❤", "❤"),
        ("_b", "b"),
        ("xΣ", "xς"),
        ("z🏽éЖ\u{fe0f}", "z-🏽-eж\u{fe0f}"),
        ("❤øé\u{a0}ø👍0éb€", "❤-oe-o-👍-0-eb€"),
        ("Üø", "uo"),
        ("0ñŁ", "0-n-l"),
        ("Z中\u{3000}", "z中"),
        ("中Æ😀", "中-ae-😀"),
        ("🇺❤\u{fe0f}ñ🇺👍", "🇺-❤\u{fe0f}-n-🇺-👍"),
        ("ǅĲ.×/9/😀ø", "ǆij-9-😀-o"),
        ("ΣÆж", "σ-aeж"),
        ("xQŉ€× ÉB", "x-qn€-eb"),
        ("0€’ÉA", "0-€ea"),
        ("Z\u{200d}\u{301}", "z"),
        ("ĲQǅİŁ \u{301}ǅ_é", "ijqǆil-ǆ-e"),
        (" ..Жø1", "жo-1"),
        ("ǅİ×", "ǆi"),
        ("ß/\t🏽中", "ss-🏽-中"),
        ("✂B×B0", "✂-b-b-0"),
        ("🇸", "🇸"),
        (".’×🇸øı", "🇸-oi"),
        ("❤ñQ ʰİ/é", "❤-n-q-ʰi-e"),
        ("\u{200d}Éxſ\tǅZéΣ", "exss-ǆ-zeς"),
        ("'Ж\u{a0}0_Üé", "ж-0-ue"),
        ("\u{a0}Z中0ΣжÆéİ/", "z中-0-σж-aee-i"),
        ("×✂中\u{3000}🇸ſ0Ü ", "✂-中-🇸-ss-0-u"),
        (" Æ", "ae"),
        (" A\u{fe0f}€Q✂b×€", "a\u{fe0f}€-q-✂-b-€"),
        ("✂\u{fe0f}×_Z€ı-ǅ", "✂\u{fe0f}-z€i-ǆ"),
        ("bAB×éıʰQ", "b-ab-eiʰ-q"),
        ("Bz", "bz"),
        ("ø", "o"),
        ("’É\u{fe0f}", "e\u{fe0f}"),
        ("\u{3000}❤a👍zǅ Жſ0", "❤-a-👍-zǆ-жss-0"),
        ("\u{301}ſxʰ", "ssxʰ"),
        ("ĲŉaÆ✂ ß\u{200d}🏽A", "i-jna-ae-✂-ss-🏽-a"),
        ("жñ中❤/B🇺Σ_", "жn中-❤-b-🇺-σ"),
        ("😀Ĳ👍\u{fe0f}", "😀-ij-👍\u{fe0f}"),
        ("_aQ. A🏽中ßʰ", "a-q-a-🏽-中ssʰ"),
        ("🇸€Q😀ø", "🇸-€-q-😀-o"),
        ("9!xЖ z", "9-xж-z"),
        ("bÜ\u{3000}", "b-u"),
        ("\u{301}👍 😀9 ", "👍-😀-9"),
        ("9ǅ😀.", "9-ǆ-😀"),
        ("’ z Ü", "z-u"),
        ("👍Ł9ſ é", "👍-l-9-ss-e"),
        ("🇸Ü👍ß", "🇸-u-👍-ss"),
        ("🇸×🇺ñøİ", "🇸-🇺-no-i"),
        ("\u{301}\u{301}b 0İ✂-✂", "b-0-i-✂-✂"),
        ("ſ×ǅŉЖ❤❤🇺\u{fe0f}", "ss-ǆnж-❤-❤-🇺\u{fe0f}"),
        ("Ł.\u{fe0f}👍.中", "l-\u{fe0f}-👍-中"),
        ("🇸x-aÜ\u{fe0f}", "🇸-x-a-u\u{fe0f}"),
        ("İéǅ1xİЖba1", "ieǆ-1-x-iжba-1"),
        ("x🇺ı", "x-🇺-i"),
        ("1\u{fe0f}🏽🏽’", "1-\u{fe0f}-🏽🏽"),
        ("a99QA×ſ", "a-99-qa-ss"),
        ("😀_ŉ€İſ-", "😀-n€-iss"),
        ("!❤-ſ", "❤-ss"),
        ("9", "9"),
        ("ΣA’ÜЖ\tÜ.1", "σauж-u-1"),
        ("øʰ0_€", "oʰ-0-€"),
        ("'ñ\u{200d}×\u{3000}_Ł0👍", "n-l-0-👍"),
        ("bΣЖŁ\u{fe0f}A!中👍", "bσж-l\u{fe0f}a-中-👍"),
        ("🇸\u{200d}Σ\u{200d}", "🇸\u{200d}σ"),
        ("-\u{3000}’!!🇺", "🇺"),
        ("Σ\t🇸❤Üжж\u{3000}🇸", "σ-🇸-❤-uжж-🇸"),
        ("\u{fe0f}×éé Aжx", "\u{fe0f}-ee-aжx"),
        ("ÆQΣĲé", "ae-qσi-je"),
        ("Ü😀×B", "u-😀-b"),
        ("ñaŁ1’ж", "na-l-1-ж"),
        ("🏽Qı ŉ", "🏽-qi-n"),
        ("ŁŁQzİQ", "ll-qz-iq"),
        ("Éb’Æé", "eb-aee"),
        ("/€\tBÜızA\u{200d}B", "€-b-uiz-a-b"),
        ("👍øa_× İ9ŉ", "👍-oa-i-9-n"),
        ("ж1/İ😀A", "ж-1-i-😀-a"),
        ("\u{3000}жb'", "жb"),
        ("é🏽ŁĲ", "e-🏽-lij"),
        ("€ \u{301}İ", "€-i"),
        ("-İ'9", "i-9"),
        ("Ж👍", "ж-👍"),
        ("\u{3000}", ""),
        ("/!1Z🏽🏽", "1-z-🏽🏽"),
        ("BA9×zЖ×/x", "ba-9-zж-x"),
        ("Ł", "l"),
        ("bz×!B❤ŉ", "bz-b-❤-n"),
        ("€ŁÉ😀🇺", "€-le-😀-🇺"),
        ("ı", "i"),
        ("👍中\t\u{fe0f}BЖ\u{3000}aǅı", "👍-中-\u{fe0f}bж-aǆi"),
        ("_b ǅ!", "b-ǆ"),
        ("中", "中"),
        ("×/😀🇺'", "😀-🇺"),
        ("\u{3000}ßaZǅ👍", "ssa-zǆ-👍"),
        ("\u{3000}Σ!!🏽Σſ", "σ-🏽-σss"),
        ("Σ✂zZ😀!😀", "σ-✂-z-z-😀-😀"),
        ("🇺👍", "🇺-👍"),
        ("ÆÉ9xΣ🏽ſ🇸", "ae-e-9-xς-🏽-ss-🇸"),
        ("ʰQ/x9É🏽🇺ÆΣ", "ʰq-x-9-e-🏽-🇺-aeς"),
        ("ıZ", "i-z"),
        ("_🏽✂é", "🏽-✂-e"),
        ("🏽×ſ", "🏽-ss"),
        ("QʰİxĲ🇸-", "qʰ-ix-ij-🇸"),
        ("Ĳ€Σ’\u{200d}", "ij€σ"),
        ("ß aΣ", "ss-aς"),
        ("\u{200d}1×🇸", "1-🇸"),
        ("Æ✂", "ae-✂"),
        ("-Æ", "ae"),
        ("€'A🇺", "€-a-🇺"),
        ("ß👍Zİ ", "ss-👍-zi"),
        ("中🇺øa", "中-🇺-oa"),
        ("ıЖzʰЖÜ!B ", "iжzʰж-u-b"),
        ("×", ""),
        ("éA✂ǅ\u{3000}/👍", "e-a-✂-ǆ-👍"),
        ("ʰa/ßz\u{200d}ŉZÜ🇺", "ʰa-ssz-n-zu-🇺"),
        ("Æø中中❤", "aeo中中-❤"),
        ("😀中QÆʰĲ", "😀-中q-aeʰ-ij"),
        ("b9aQŁŁ", "b-9-a-qll"),
        ("'🇸\u{301}🇸ж", "🇸🇸-ж"),
        ("\u{fe0f}🏽b", "\u{fe0f}-🏽-b"),
        ("ŉʰ中\u{fe0f} жA🏽ı", "nʰ中\u{fe0f}-ж-a-🏽-i"),
        ("🇸жŁ_Ж\tĲñ", "🇸-жl-ж-i-jn"),
        (" ", ""),
        ("/Σß ÜÉÆ", "σss-ue-ae"),
        ("\u{301}Q👍", "q-👍"),
        ("🏽×ßzA", "🏽-ssz-a"),
        ("✂BÆ'é\u{fe0f}B.ß", "✂-b-aee\u{fe0f}-b-ss"),
        ("×b.ı\u{a0}Ĳ.", "b-i-ij"),
        ("🏽\u{3000}/b😀ǅ\u{a0}×🇺\u{200d}", "🏽-b-😀-ǆ-🇺"),
        ("Æ9!€É0Ł€", "ae-9-€-e-0-l€"),
        ("!🏽'’Bb❤B0İ", "🏽-bb-❤-b-0-i"),
        ("B👍B", "b-👍-b"),
        ("ǅ🏽ж", "ǆ-🏽-ж"),
        ("😀ſЖßŁAñ", "😀-ssжss-l-an"),
        ("\u{a0}\u{a0}z✂Ł.€ſŁñ", "z-✂-l-€ss-ln"),
        ("Æ\u{301}Q ", "ae-q"),
        ("\u{301}ÜB1ŉ\t", "ub-1-n"),
        ("\u{200d}\t❤ \t\u{fe0f}", "❤-\u{fe0f}"),
        ("Ж😀1-zıA.\u{200d}", "ж-😀-1-zi-a"),
        ("0!ʰ", "0-ʰ"),
        ("xB", "x-b"),
        ("中ß9", "中ss-9"),
        ("ʰ\u{301}Éaǅ9’Æ", "ʰ-eaǆ-9-ae"),
        ("xB.zÉ\u{301}’0Æ", "x-b-z-e-0-ae"),
        ("z中ǅé€İ\u{301}", "z中ǆe€-i"),
        ("Ü", "u"),
        ("\u{fe0f}🇺.0aAж'Æ", "\u{fe0f}-🇺-0-a-aж-ae"),
        ("\u{fe0f}0 İĲΣéz×", "\u{fe0f}-0-ii-jσez"),
        ("'", ""),
        ("🇸ж/ж\t_\u{301}\u{200d}ÆŁ", "🇸-ж-ж-ae-l"),
        ("1.❤", "1-❤"),
        ("Σ.❤9👍İé0", "σ-❤-9-👍-ie-0"),
        ("É\u{200d}", "e"),
        ("🇸🇺Ü✂QÆ", "🇸🇺-u-✂-q-ae"),
        ("z", "z"),
        ("Ü✂ña", "u-✂-na"),
        ("Ü❤ʰ中🏽’B ß€", "u-❤-ʰ中-🏽-b-ss€"),
        ("’\u{200d}QaßQb", "qass-qb"),
        ("ŉ0é", "n-0-e"),
        ("0ŉʰ🇸Üñ0", "0-nʰ-🇸-un-0"),
        ("ſÜ🇺éÜ’_Ĳ", "ss-u-🇺-e-u-ij"),
        ("\t", ""),
        ("Ж👍👍Łжz/", "ж-👍-👍-lжz"),
        ("\u{a0}Ĳ😀", "ij-😀"),
        ("b'béBı❤✂ǅŁ", "bbe-bi-❤-✂-ǆl"),
        ("İ zÜ", "i-z-u"),
        ("ЖЖ", "жж"),
        ("1", "1"),
        ("Zz\u{fe0f}É×", "zz\u{fe0f}-e"),
        ("\u{200d}\tǅ\u{fe0f}😀", "ǆ\u{fe0f}-😀"),
        ("ж×!_", "ж"),
        ("9🇸🇸 Æ.😀", "9-🇸🇸-ae-😀"),
        ("\u{200d}\u{200d}ı\u{a0}", "i"),
        ("ÆQßb", "ae-qssb"),
        ("9ǅBZ9Ü", "9-ǆ-bz-9-u"),
        ("É×❤✂", "e-❤-✂"),
        ("\tЖŁ", "жl"),
        ("BΣ😀_\u{301}ß", "bς-😀-ss"),
        ("中Q❤Z!Qñ", "中-q-❤-z-qn"),
        ("×🇸bzΣſ1жñſ", "🇸-bzσss-1-жnss"),
        ("9Ü", "9-u"),
        ("0Z🏽b9жx", "0-z-🏽-b-9-жx"),
        ("ĲǅǅÉ İ", "ijǆǆe-i"),
        ("éΣÉ/", "eς-e"),
        ("Æ", "ae"),
        ("Ĳ’", "ij"),
        (" ŁBø!🇺ſʰŁ😀", "l-bo-🇺-ssʰ-l-😀"),
        ("ЖΣß", "жσss"),
        ("ÉbЖ0zŉĲéA", "ebж-0-zn-i-je-a"),
        ("Ł👍ZZ", "l-👍-zz"),
        ("-a_Éb\u{a0}中Ł€", "a-eb-中l€"),
        ("ж\u{a0}\u{200d}a_", "ж-a"),
        ("ж\u{3000}✂", "ж-✂"),
        ("Z aZĲß\u{a0}😀", "z-a-zi-jss-😀"),
        ("€-", "€"),
        ("99A9🇸中❤", "99-a-9-🇸-中-❤"),
        ("中-Ĳı\t-xÉ", "中-i-ji-x-e"),
        ("/BŁ", "bl"),
        ("🏽\u{fe0f}", "🏽\u{fe0f}"),
        ("ſ/z❤🇺", "ss-z-❤-🇺"),
        ("ж😀É9\u{fe0f}z😀z", "ж-😀-e-9-\u{fe0f}z-😀-z"),
        ("0\tø", "0-o"),
        ("😀🇺'中/", "😀-🇺-中"),
    ];

    /// Every class table's edge chars (each range's bounds and the chars just
    /// outside them) and every deburred letter, in contexts that tell the
    /// classes apart; inputs and expected values from `kebab-tables.mjs`.
    // kebab-table: probe-cases
    const PROBE_CASES: &[(&str, &str)] = &[
        ("a\u{0}b", "a-b"),
        ("a'b", "ab"),
        ("a/b", "a-b"),
        ("a0b", "a-0-b"),
        ("a9b", "a-9-b"),
        ("a:b", "a-b"),
        ("a@b", "a-b"),
        ("aAb", "a-ab"),
        ("aZb", "a-zb"),
        ("a[b", "a-b"),
        ("a`b", "a-b"),
        ("aab", "aab"),
        ("azb", "azb"),
        ("a{b", "a-b"),
        ("a\u{7f}b", "a-b"),
        ("a\u{0}b A\u{0}B 😀\u{0}\u{0}", "a-b-a-b-😀"),
        ("😀\u{200d}\u{0} a'b A'B 😀''", "😀\u{200d}\u{0}-ab-ab-😀"),
        ("😀\u{200d}' a/b A/B 😀//", "😀\u{200d} -a-b-a-b-😀"),
        ("😀\u{200d}/ a0b A0B 😀00", "😀\u{200d}/-a-0-b-a-0-b-😀-00"),
        ("😀\u{200d}0 a9b A9B 😀99", "😀\u{200d}0-a-9-b-a-9-b-😀-99"),
        ("😀\u{200d}9 a:b A:B 😀::", "😀\u{200d}9-a-b-a-b-😀"),
        ("😀\u{200d}: a@b A@B 😀@@", "😀\u{200d}:-a-b-a-b-😀"),
        ("😀\u{200d}@ aAb AAB 😀AA", "😀\u{200d}@-a-ab-aab-😀-aa"),
        ("😀\u{200d}A aZb AZB 😀ZZ", "😀\u{200d}a-a-zb-azb-😀-zz"),
        ("😀\u{200d}Z a[b A[B 😀[[", "😀\u{200d}z-a-b-a-b-😀"),
        ("😀\u{200d}[ a`b A`B 😀``", "😀\u{200d}[-a-b-a-b-😀"),
        ("😀\u{200d}` aab AaB 😀aa", "😀\u{200d}`-aab-aa-b-😀-aa"),
        ("😀\u{200d}a azb AzB 😀zz", "😀\u{200d}a-azb-az-b-😀-zz"),
        ("😀\u{200d}z a{b A{B 😀{{", "😀\u{200d}z-a-b-a-b-😀"),
        ("😀\u{200d}{ a\u{7f}b A\u{7f}B", "😀\u{200d}{-a-b-a-b"),
        ("😀\u{7f}\u{7f} 😀\u{200d}\u{7f}", "😀-😀\u{200d}\u{7f}"),
        ("a\u{80}b A\u{80}B 😀\u{80}\u{80}", "a-b-a-b-😀"),
        ("😀\u{200d}\u{80} a¿b A¿B", "😀\u{200d}\u{80}-a-b-a-b"),
        ("😀¿¿ 😀\u{200d}¿ aÀb AÀB", "😀-😀\u{200d}¿-a-ab-aab"),
        ("😀ÀÀ 😀\u{200d}À aÁb", "😀-aa-😀\u{200d}a-a-ab"),
        ("AÁB 😀ÁÁ 😀\u{200d}Á", "aab-😀-aa-😀\u{200d}a"),
        ("aÂb AÂB 😀ÂÂ", "a-ab-aab-😀-aa"),
        ("😀\u{200d}Â aÃb AÃB", "😀\u{200d}a-a-ab-aab"),
        ("😀ÃÃ 😀\u{200d}Ã aÄb", "😀-aa-😀\u{200d}a-a-ab"),
        ("AÄB 😀ÄÄ 😀\u{200d}Ä", "aab-😀-aa-😀\u{200d}a"),
        ("aÅb AÅB 😀ÅÅ", "a-ab-aab-😀-aa"),
        ("😀\u{200d}Å aÆb AÆB", "😀\u{200d}a-a-aeb-a-ae-b"),
        ("😀ÆÆ 😀\u{200d}Æ aÇb", "😀-ae-ae-😀\u{200d}a-e-a-cb"),
        ("AÇB 😀ÇÇ 😀\u{200d}Ç", "acb-😀-cc-😀\u{200d}c"),
        ("aÈb AÈB 😀ÈÈ", "a-eb-aeb-😀-ee"),
        ("😀\u{200d}È aÉb AÉB", "😀\u{200d}e-a-eb-aeb"),
        ("😀ÉÉ 😀\u{200d}É aÊb", "😀-ee-😀\u{200d}e-a-eb"),
        ("AÊB 😀ÊÊ 😀\u{200d}Ê", "aeb-😀-ee-😀\u{200d}e"),
        ("aËb AËB 😀ËË", "a-eb-aeb-😀-ee"),
        ("😀\u{200d}Ë aÌb AÌB", "😀\u{200d}e-a-ib-aib"),
        ("😀ÌÌ 😀\u{200d}Ì aÍb", "😀-ii-😀\u{200d}i-a-ib"),
        ("AÍB 😀ÍÍ 😀\u{200d}Í", "aib-😀-ii-😀\u{200d}i"),
        ("aÎb AÎB 😀ÎÎ", "a-ib-aib-😀-ii"),
        ("😀\u{200d}Î aÏb AÏB", "😀\u{200d}i-a-ib-aib"),
        ("😀ÏÏ 😀\u{200d}Ï aÐb", "😀-ii-😀\u{200d}i-a-db"),
        ("AÐB 😀ÐÐ 😀\u{200d}Ð", "adb-😀-dd-😀\u{200d}d"),
        ("aÑb AÑB 😀ÑÑ", "a-nb-anb-😀-nn"),
        ("😀\u{200d}Ñ aÒb AÒB", "😀\u{200d}n-a-ob-aob"),
        ("😀ÒÒ 😀\u{200d}Ò aÓb", "😀-oo-😀\u{200d}o-a-ob"),
        ("AÓB 😀ÓÓ 😀\u{200d}Ó", "aob-😀-oo-😀\u{200d}o"),
        ("aÔb AÔB 😀ÔÔ", "a-ob-aob-😀-oo"),
        ("😀\u{200d}Ô aÕb AÕB", "😀\u{200d}o-a-ob-aob"),
        ("😀ÕÕ 😀\u{200d}Õ aÖb", "😀-oo-😀\u{200d}o-a-ob"),
        ("AÖB 😀ÖÖ 😀\u{200d}Ö a×b", "aob-😀-oo-😀\u{200d}o-a-b"),
        ("A×B 😀×× 😀\u{200d}× aØb", "a-b-😀-😀\u{200d}×-a-ob"),
        ("AØB 😀ØØ 😀\u{200d}Ø", "aob-😀-oo-😀\u{200d}o"),
        ("aÙb AÙB 😀ÙÙ", "a-ub-aub-😀-uu"),
        ("😀\u{200d}Ù aÚb AÚB", "😀\u{200d}u-a-ub-aub"),
        ("😀ÚÚ 😀\u{200d}Ú aÛb", "😀-uu-😀\u{200d}u-a-ub"),
        ("AÛB 😀ÛÛ 😀\u{200d}Û", "aub-😀-uu-😀\u{200d}u"),
        ("aÜb AÜB 😀ÜÜ", "a-ub-aub-😀-uu"),
        ("😀\u{200d}Ü aÝb AÝB", "😀\u{200d}u-a-yb-ayb"),
        ("😀ÝÝ 😀\u{200d}Ý aÞb", "😀-yy-😀\u{200d}y-a-thb"),
        ("AÞB 😀ÞÞ 😀\u{200d}Þ", "a-th-b-😀-th-th-😀\u{200d}t-h"),
        ("aßb AßB 😀ßß", "assb-ass-b-😀-ssss"),
        ("😀\u{200d}ß aàb AàB", "😀\u{200d}s-s-aab-aa-b"),
        ("😀àà 😀\u{200d}à aáb", "😀-aa-😀\u{200d}a-aab"),
        ("AáB 😀áá 😀\u{200d}á", "aa-b-😀-aa-😀\u{200d}a"),
        ("aâb AâB 😀ââ", "aab-aa-b-😀-aa"),
        ("😀\u{200d}â aãb AãB", "😀\u{200d}a-aab-aa-b"),
        ("😀ãã 😀\u{200d}ã aäb", "😀-aa-😀\u{200d}a-aab"),
        ("AäB 😀ää 😀\u{200d}ä", "aa-b-😀-aa-😀\u{200d}a"),
        ("aåb AåB 😀åå", "aab-aa-b-😀-aa"),
        ("😀\u{200d}å aæb AæB", "😀\u{200d}a-aaeb-aae-b"),
        ("😀ææ 😀\u{200d}æ açb", "😀-aeae-😀\u{200d}a-e-acb"),
        ("AçB 😀çç 😀\u{200d}ç", "ac-b-😀-cc-😀\u{200d}c"),
        ("aèb AèB 😀èè", "aeb-ae-b-😀-ee"),
        ("😀\u{200d}è aéb AéB", "😀\u{200d}e-aeb-ae-b"),
        ("😀éé 😀\u{200d}é aêb", "😀-ee-😀\u{200d}e-aeb"),
        ("AêB 😀êê 😀\u{200d}ê", "ae-b-😀-ee-😀\u{200d}e"),
        ("aëb AëB 😀ëë", "aeb-ae-b-😀-ee"),
        ("😀\u{200d}ë aìb AìB", "😀\u{200d}e-aib-ai-b"),
        ("😀ìì 😀\u{200d}ì aíb", "😀-ii-😀\u{200d}i-aib"),
        ("AíB 😀íí 😀\u{200d}í", "ai-b-😀-ii-😀\u{200d}i"),
        ("aîb AîB 😀îî", "aib-ai-b-😀-ii"),
        ("😀\u{200d}î aïb AïB", "😀\u{200d}i-aib-ai-b"),
        ("😀ïï 😀\u{200d}ï aðb", "😀-ii-😀\u{200d}i-adb"),
        ("AðB 😀ðð 😀\u{200d}ð", "ad-b-😀-dd-😀\u{200d}d"),
        ("añb AñB 😀ññ", "anb-an-b-😀-nn"),
        ("😀\u{200d}ñ aòb AòB", "😀\u{200d}n-aob-ao-b"),
        ("😀òò 😀\u{200d}ò aób", "😀-oo-😀\u{200d}o-aob"),
        ("AóB 😀óó 😀\u{200d}ó", "ao-b-😀-oo-😀\u{200d}o"),
        ("aôb AôB 😀ôô", "aob-ao-b-😀-oo"),
        ("😀\u{200d}ô aõb AõB", "😀\u{200d}o-aob-ao-b"),
        ("😀õõ 😀\u{200d}õ aöb", "😀-oo-😀\u{200d}o-aob"),
        ("AöB 😀öö 😀\u{200d}ö", "ao-b-😀-oo-😀\u{200d}o"),
        ("a÷b A÷B 😀÷÷ 😀\u{200d}÷", "a-b-a-b-😀-😀\u{200d}÷"),
        ("aøb AøB 😀øø", "aob-ao-b-😀-oo"),
        ("😀\u{200d}ø aùb AùB", "😀\u{200d}o-aub-au-b"),
        ("😀ùù 😀\u{200d}ù aúb", "😀-uu-😀\u{200d}u-aub"),
        ("AúB 😀úú 😀\u{200d}ú", "au-b-😀-uu-😀\u{200d}u"),
        ("aûb AûB 😀ûû", "aub-au-b-😀-uu"),
        ("😀\u{200d}û aüb AüB", "😀\u{200d}u-aub-au-b"),
        ("😀üü 😀\u{200d}ü aýb", "😀-uu-😀\u{200d}u-ayb"),
        ("AýB 😀ýý 😀\u{200d}ý", "ay-b-😀-yy-😀\u{200d}y"),
        ("aþb AþB 😀þþ", "athb-ath-b-😀-thth"),
        ("😀\u{200d}þ aÿb AÿB", "😀\u{200d}t-h-ayb-ay-b"),
        ("😀ÿÿ 😀\u{200d}ÿ aĀb", "😀-yy-😀\u{200d}y-a-ab"),
        ("AĀB 😀ĀĀ 😀\u{200d}Ā aāb", "aab-😀-aa-😀\u{200d}a-aab"),
        ("AāB 😀āā 😀\u{200d}ā", "aa-b-😀-aa-😀\u{200d}a"),
        ("aĂb AĂB 😀ĂĂ", "a-ab-aab-😀-aa"),
        ("😀\u{200d}Ă aăb AăB", "😀\u{200d}a-aab-aa-b"),
        ("😀ăă 😀\u{200d}ă aĄb", "😀-aa-😀\u{200d}a-a-ab"),
        ("AĄB 😀ĄĄ 😀\u{200d}Ą aąb", "aab-😀-aa-😀\u{200d}a-aab"),
        ("AąB 😀ąą 😀\u{200d}ą", "aa-b-😀-aa-😀\u{200d}a"),
        ("aĆb AĆB 😀ĆĆ", "a-cb-acb-😀-cc"),
        ("😀\u{200d}Ć aćb AćB", "😀\u{200d}c-acb-ac-b"),
        ("😀ćć 😀\u{200d}ć aĈb", "😀-cc-😀\u{200d}c-a-cb"),
        ("AĈB 😀ĈĈ 😀\u{200d}Ĉ aĉb", "acb-😀-cc-😀\u{200d}c-acb"),
        ("AĉB 😀ĉĉ 😀\u{200d}ĉ", "ac-b-😀-cc-😀\u{200d}c"),
        ("aĊb AĊB 😀ĊĊ", "a-cb-acb-😀-cc"),
        ("😀\u{200d}Ċ aċb AċB", "😀\u{200d}c-acb-ac-b"),
        ("😀ċċ 😀\u{200d}ċ aČb", "😀-cc-😀\u{200d}c-a-cb"),
        ("AČB 😀ČČ 😀\u{200d}Č ačb", "acb-😀-cc-😀\u{200d}c-acb"),
        ("AčB 😀čč 😀\u{200d}č", "ac-b-😀-cc-😀\u{200d}c"),
        ("aĎb AĎB 😀ĎĎ", "a-db-adb-😀-dd"),
        ("😀\u{200d}Ď aďb AďB", "😀\u{200d}d-adb-ad-b"),
        ("😀ďď 😀\u{200d}ď aĐb", "😀-dd-😀\u{200d}d-a-db"),
        ("AĐB 😀ĐĐ 😀\u{200d}Đ ađb", "adb-😀-dd-😀\u{200d}d-adb"),
        ("AđB 😀đđ 😀\u{200d}đ", "ad-b-😀-dd-😀\u{200d}d"),
        ("aĒb AĒB 😀ĒĒ", "a-eb-aeb-😀-ee"),
        ("😀\u{200d}Ē aēb AēB", "😀\u{200d}e-aeb-ae-b"),
        ("😀ēē 😀\u{200d}ē aĔb", "😀-ee-😀\u{200d}e-a-eb"),
        ("AĔB 😀ĔĔ 😀\u{200d}Ĕ aĕb", "aeb-😀-ee-😀\u{200d}e-aeb"),
        ("AĕB 😀ĕĕ 😀\u{200d}ĕ", "ae-b-😀-ee-😀\u{200d}e"),
        ("aĖb AĖB 😀ĖĖ", "a-eb-aeb-😀-ee"),
        ("😀\u{200d}Ė aėb AėB", "😀\u{200d}e-aeb-ae-b"),
        ("😀ėė 😀\u{200d}ė aĘb", "😀-ee-😀\u{200d}e-a-eb"),
        ("AĘB 😀ĘĘ 😀\u{200d}Ę aęb", "aeb-😀-ee-😀\u{200d}e-aeb"),
        ("AęB 😀ęę 😀\u{200d}ę", "ae-b-😀-ee-😀\u{200d}e"),
        ("aĚb AĚB 😀ĚĚ", "a-eb-aeb-😀-ee"),
        ("😀\u{200d}Ě aěb AěB", "😀\u{200d}e-aeb-ae-b"),
        ("😀ěě 😀\u{200d}ě aĜb", "😀-ee-😀\u{200d}e-a-gb"),
        ("AĜB 😀ĜĜ 😀\u{200d}Ĝ aĝb", "agb-😀-gg-😀\u{200d}g-agb"),
        ("AĝB 😀ĝĝ 😀\u{200d}ĝ", "ag-b-😀-gg-😀\u{200d}g"),
        ("aĞb AĞB 😀ĞĞ", "a-gb-agb-😀-gg"),
        ("😀\u{200d}Ğ ağb AğB", "😀\u{200d}g-agb-ag-b"),
        ("😀ğğ 😀\u{200d}ğ aĠb", "😀-gg-😀\u{200d}g-a-gb"),
        ("AĠB 😀ĠĠ 😀\u{200d}Ġ aġb", "agb-😀-gg-😀\u{200d}g-agb"),
        ("AġB 😀ġġ 😀\u{200d}ġ", "ag-b-😀-gg-😀\u{200d}g"),
        ("aĢb AĢB 😀ĢĢ", "a-gb-agb-😀-gg"),
        ("😀\u{200d}Ģ aģb AģB", "😀\u{200d}g-agb-ag-b"),
        ("😀ģģ 😀\u{200d}ģ aĤb", "😀-gg-😀\u{200d}g-a-hb"),
        ("AĤB 😀ĤĤ 😀\u{200d}Ĥ aĥb", "ahb-😀-hh-😀\u{200d}h-ahb"),
        ("AĥB 😀ĥĥ 😀\u{200d}ĥ", "ah-b-😀-hh-😀\u{200d}h"),
        ("aĦb AĦB 😀ĦĦ", "a-hb-ahb-😀-hh"),
        ("😀\u{200d}Ħ aħb AħB", "😀\u{200d}h-ahb-ah-b"),
        ("😀ħħ 😀\u{200d}ħ aĨb", "😀-hh-😀\u{200d}h-a-ib"),
        ("AĨB 😀ĨĨ 😀\u{200d}Ĩ aĩb", "aib-😀-ii-😀\u{200d}i-aib"),
        ("AĩB 😀ĩĩ 😀\u{200d}ĩ", "ai-b-😀-ii-😀\u{200d}i"),
        ("aĪb AĪB 😀ĪĪ", "a-ib-aib-😀-ii"),
        ("😀\u{200d}Ī aīb AīB", "😀\u{200d}i-aib-ai-b"),
        ("😀īī 😀\u{200d}ī aĬb", "😀-ii-😀\u{200d}i-a-ib"),
        ("AĬB 😀ĬĬ 😀\u{200d}Ĭ aĭb", "aib-😀-ii-😀\u{200d}i-aib"),
        ("AĭB 😀ĭĭ 😀\u{200d}ĭ", "ai-b-😀-ii-😀\u{200d}i"),
        ("aĮb AĮB 😀ĮĮ", "a-ib-aib-😀-ii"),
        ("😀\u{200d}Į aįb AįB", "😀\u{200d}i-aib-ai-b"),
        ("😀įį 😀\u{200d}į aİb", "😀-ii-😀\u{200d}i-a-ib"),
        ("AİB 😀İİ 😀\u{200d}İ aıb", "aib-😀-ii-😀\u{200d}i-aib"),
        ("AıB 😀ıı 😀\u{200d}ı", "ai-b-😀-ii-😀\u{200d}i"),
        ("aĲb AĲB 😀ĲĲ", "a-i-jb-aijb-😀-ijij"),
        ("😀\u{200d}Ĳ aĳb AĳB", "😀\u{200d}i-j-aijb-aij-b"),
        ("😀ĳĳ 😀\u{200d}ĳ aĴb", "😀-ijij-😀\u{200d}i-j-a-jb"),
        ("AĴB 😀ĴĴ 😀\u{200d}Ĵ aĵb", "ajb-😀-jj-😀\u{200d}j-ajb"),
        ("AĵB 😀ĵĵ 😀\u{200d}ĵ", "aj-b-😀-jj-😀\u{200d}j"),
        ("aĶb AĶB 😀ĶĶ", "a-kb-akb-😀-kk"),
        ("😀\u{200d}Ķ aķb AķB", "😀\u{200d}k-akb-ak-b"),
        ("😀ķķ 😀\u{200d}ķ aĸb", "😀-kk-😀\u{200d}k-akb"),
        ("AĸB 😀ĸĸ 😀\u{200d}ĸ", "ak-b-😀-kk-😀\u{200d}k"),
        ("aĹb AĹB 😀ĹĹ", "a-lb-alb-😀-ll"),
        ("😀\u{200d}Ĺ aĺb AĺB", "😀\u{200d}l-alb-al-b"),
        ("😀ĺĺ 😀\u{200d}ĺ aĻb", "😀-ll-😀\u{200d}l-a-lb"),
        ("AĻB 😀ĻĻ 😀\u{200d}Ļ aļb", "alb-😀-ll-😀\u{200d}l-alb"),
        ("AļB 😀ļļ 😀\u{200d}ļ", "al-b-😀-ll-😀\u{200d}l"),
        ("aĽb AĽB 😀ĽĽ", "a-lb-alb-😀-ll"),
        ("😀\u{200d}Ľ aľb AľB", "😀\u{200d}l-alb-al-b"),
        ("😀ľľ 😀\u{200d}ľ aĿb", "😀-ll-😀\u{200d}l-a-lb"),
        ("AĿB 😀ĿĿ 😀\u{200d}Ŀ aŀb", "alb-😀-ll-😀\u{200d}l-alb"),
        ("AŀB 😀ŀŀ 😀\u{200d}ŀ", "al-b-😀-ll-😀\u{200d}l"),
        ("aŁb AŁB 😀ŁŁ", "a-lb-alb-😀-ll"),
        ("😀\u{200d}Ł ałb AłB", "😀\u{200d}l-alb-al-b"),
        ("😀łł 😀\u{200d}ł aŃb", "😀-ll-😀\u{200d}l-a-nb"),
        ("AŃB 😀ŃŃ 😀\u{200d}Ń ańb", "anb-😀-nn-😀\u{200d}n-anb"),
        ("AńB 😀ńń 😀\u{200d}ń", "an-b-😀-nn-😀\u{200d}n"),
        ("aŅb AŅB 😀ŅŅ", "a-nb-anb-😀-nn"),
        ("😀\u{200d}Ņ aņb AņB", "😀\u{200d}n-anb-an-b"),
        ("😀ņņ 😀\u{200d}ņ aŇb", "😀-nn-😀\u{200d}n-a-nb"),
        ("AŇB 😀ŇŇ 😀\u{200d}Ň aňb", "anb-😀-nn-😀\u{200d}n-anb"),
        ("AňB 😀ňň 😀\u{200d}ň", "an-b-😀-nn-😀\u{200d}n"),
        ("aŉb AŉB 😀ŉŉ", "anb-an-b-😀-nn"),
        ("😀\u{200d}ŉ aŊb AŊB", "😀\u{200d}n-a-nb-anb"),
        ("😀ŊŊ 😀\u{200d}Ŋ aŋb", "😀-nn-😀\u{200d}n-anb"),
        ("AŋB 😀ŋŋ 😀\u{200d}ŋ", "an-b-😀-nn-😀\u{200d}n"),
        ("aŌb AŌB 😀ŌŌ", "a-ob-aob-😀-oo"),
        ("😀\u{200d}Ō aōb AōB", "😀\u{200d}o-aob-ao-b"),
        ("😀ōō 😀\u{200d}ō aŎb", "😀-oo-😀\u{200d}o-a-ob"),
        ("AŎB 😀ŎŎ 😀\u{200d}Ŏ aŏb", "aob-😀-oo-😀\u{200d}o-aob"),
        ("AŏB 😀ŏŏ 😀\u{200d}ŏ", "ao-b-😀-oo-😀\u{200d}o"),
        ("aŐb AŐB 😀ŐŐ", "a-ob-aob-😀-oo"),
        ("😀\u{200d}Ő aőb AőB", "😀\u{200d}o-aob-ao-b"),
        ("😀őő 😀\u{200d}ő aŒb", "😀-oo-😀\u{200d}o-a-oeb"),
        ("AŒB 😀ŒŒ 😀\u{200d}Œ", "a-oe-b-😀-oe-oe-😀\u{200d}o-e"),
        ("aœb AœB 😀œœ", "aoeb-aoe-b-😀-oeoe"),
        ("😀\u{200d}œ aŔb AŔB", "😀\u{200d}o-e-a-rb-arb"),
        ("😀ŔŔ 😀\u{200d}Ŕ aŕb", "😀-rr-😀\u{200d}r-arb"),
        ("AŕB 😀ŕŕ 😀\u{200d}ŕ", "ar-b-😀-rr-😀\u{200d}r"),
        ("aŖb AŖB 😀ŖŖ", "a-rb-arb-😀-rr"),
        ("😀\u{200d}Ŗ aŗb AŗB", "😀\u{200d}r-arb-ar-b"),
        ("😀ŗŗ 😀\u{200d}ŗ aŘb", "😀-rr-😀\u{200d}r-a-rb"),
        ("AŘB 😀ŘŘ 😀\u{200d}Ř ařb", "arb-😀-rr-😀\u{200d}r-arb"),
        ("AřB 😀řř 😀\u{200d}ř", "ar-b-😀-rr-😀\u{200d}r"),
        ("aŚb AŚB 😀ŚŚ", "a-sb-asb-😀-ss"),
        ("😀\u{200d}Ś aśb AśB", "😀\u{200d}s-asb-as-b"),
        ("😀śś 😀\u{200d}ś aŜb", "😀-ss-😀\u{200d}s-a-sb"),
        ("AŜB 😀ŜŜ 😀\u{200d}Ŝ aŝb", "asb-😀-ss-😀\u{200d}s-asb"),
        ("AŝB 😀ŝŝ 😀\u{200d}ŝ", "as-b-😀-ss-😀\u{200d}s"),
        ("aŞb AŞB 😀ŞŞ", "a-sb-asb-😀-ss"),
        ("😀\u{200d}Ş aşb AşB", "😀\u{200d}s-asb-as-b"),
        ("😀şş 😀\u{200d}ş aŠb", "😀-ss-😀\u{200d}s-a-sb"),
        ("AŠB 😀ŠŠ 😀\u{200d}Š ašb", "asb-😀-ss-😀\u{200d}s-asb"),
        ("AšB 😀šš 😀\u{200d}š", "as-b-😀-ss-😀\u{200d}s"),
        ("aŢb AŢB 😀ŢŢ", "a-tb-atb-😀-tt"),
        ("😀\u{200d}Ţ aţb AţB", "😀\u{200d}t-atb-at-b"),
        ("😀ţţ 😀\u{200d}ţ aŤb", "😀-tt-😀\u{200d}t-a-tb"),
        ("AŤB 😀ŤŤ 😀\u{200d}Ť aťb", "atb-😀-tt-😀\u{200d}t-atb"),
        ("AťB 😀ťť 😀\u{200d}ť", "at-b-😀-tt-😀\u{200d}t"),
        ("aŦb AŦB 😀ŦŦ", "a-tb-atb-😀-tt"),
        ("😀\u{200d}Ŧ aŧb AŧB", "😀\u{200d}t-atb-at-b"),
        ("😀ŧŧ 😀\u{200d}ŧ aŨb", "😀-tt-😀\u{200d}t-a-ub"),
        ("AŨB 😀ŨŨ 😀\u{200d}Ũ aũb", "aub-😀-uu-😀\u{200d}u-aub"),
        ("AũB 😀ũũ 😀\u{200d}ũ", "au-b-😀-uu-😀\u{200d}u"),
        ("aŪb AŪB 😀ŪŪ", "a-ub-aub-😀-uu"),
        ("😀\u{200d}Ū aūb AūB", "😀\u{200d}u-aub-au-b"),
        ("😀ūū 😀\u{200d}ū aŬb", "😀-uu-😀\u{200d}u-a-ub"),
        ("AŬB 😀ŬŬ 😀\u{200d}Ŭ aŭb", "aub-😀-uu-😀\u{200d}u-aub"),
        ("AŭB 😀ŭŭ 😀\u{200d}ŭ", "au-b-😀-uu-😀\u{200d}u"),
        ("aŮb AŮB 😀ŮŮ", "a-ub-aub-😀-uu"),
        ("😀\u{200d}Ů aůb AůB", "😀\u{200d}u-aub-au-b"),
        ("😀ůů 😀\u{200d}ů aŰb", "😀-uu-😀\u{200d}u-a-ub"),
        ("AŰB 😀ŰŰ 😀\u{200d}Ű aűb", "aub-😀-uu-😀\u{200d}u-aub"),
        ("AűB 😀űű 😀\u{200d}ű", "au-b-😀-uu-😀\u{200d}u"),
        ("aŲb AŲB 😀ŲŲ", "a-ub-aub-😀-uu"),
        ("😀\u{200d}Ų aųb AųB", "😀\u{200d}u-aub-au-b"),
        ("😀ųų 😀\u{200d}ų aŴb", "😀-uu-😀\u{200d}u-a-wb"),
        ("AŴB 😀ŴŴ 😀\u{200d}Ŵ aŵb", "awb-😀-ww-😀\u{200d}w-awb"),
        ("AŵB 😀ŵŵ 😀\u{200d}ŵ", "aw-b-😀-ww-😀\u{200d}w"),
        ("aŶb AŶB 😀ŶŶ", "a-yb-ayb-😀-yy"),
        ("😀\u{200d}Ŷ aŷb AŷB", "😀\u{200d}y-ayb-ay-b"),
        ("😀ŷŷ 😀\u{200d}ŷ aŸb", "😀-yy-😀\u{200d}y-a-yb"),
        ("AŸB 😀ŸŸ 😀\u{200d}Ÿ", "ayb-😀-yy-😀\u{200d}y"),
        ("aŹb AŹB 😀ŹŹ", "a-zb-azb-😀-zz"),
        ("😀\u{200d}Ź aźb AźB", "😀\u{200d}z-azb-az-b"),
        ("😀źź 😀\u{200d}ź aŻb", "😀-zz-😀\u{200d}z-a-zb"),
        ("AŻB 😀ŻŻ 😀\u{200d}Ż ażb", "azb-😀-zz-😀\u{200d}z-azb"),
        ("AżB 😀żż 😀\u{200d}ż", "az-b-😀-zz-😀\u{200d}z"),
        ("aŽb AŽB 😀ŽŽ", "a-zb-azb-😀-zz"),
        ("😀\u{200d}Ž ažb AžB", "😀\u{200d}z-azb-az-b"),
        ("😀žž 😀\u{200d}ž aſb", "😀-zz-😀\u{200d}z-assb"),
        ("AſB 😀ſſ 😀\u{200d}ſ", "ass-b-😀-ssss-😀\u{200d}s-s"),
        ("a˿b A˿B 😀˿˿", "a˿b-a˿b-😀-˿˿"),
        ("😀\u{200d}˿ a\u{300}b A\u{300}B", "😀\u{200d}˿-ab-ab"),
        ("😀\u{300}\u{300} 😀\u{200d}\u{300}", "😀-😀"),
        ("a\u{36f}b A\u{36f}B 😀\u{36f}\u{36f}", "ab-ab-😀"),
        ("😀\u{200d}\u{36f} aͰb AͰB", "😀\u{200d} -aͱb-aͱb"),
        ("😀ͰͰ 😀\u{200d}Ͱ aᙿb", "😀-ͱͱ-😀\u{200d}ͱ-aᙿb"),
        ("AᙿB 😀ᙿᙿ 😀\u{200d}ᙿ", "aᙿb-😀-ᙿᙿ-😀\u{200d}ᙿ"),
        ("a\u{1680}b A\u{1680}B 😀\u{1680}\u{1680}", "a-b-a-b-😀"),
        ("😀\u{200d}\u{1680} aᚁb", "😀\u{200d}\u{1680}-aᚁb"),
        ("AᚁB 😀ᚁᚁ 😀\u{200d}ᚁ", "aᚁb-😀-ᚁᚁ-😀\u{200d}ᚁ"),
        ("a\u{180d}b A\u{180d}B", "a\u{180d}b-a\u{180d}b"),
        ("😀\u{180d}\u{180d}", "😀-\u{180d}\u{180d}"),
        ("😀\u{200d}\u{180d} a\u{180e}b", "😀\u{200d}\u{180d}-a-b"),
        ("A\u{180e}B 😀\u{180e}\u{180e}", "a-b-😀"),
        ("😀\u{200d}\u{180e}", "😀\u{200d}\u{180e}"),
        ("a\u{180f}b A\u{180f}B", "a\u{180f}b-a\u{180f}b"),
        ("😀\u{180f}\u{180f}", "😀-\u{180f}\u{180f}"),
        ("😀\u{200d}\u{180f}", "😀\u{200d}\u{180f}"),
        ("a\u{1fff}b A\u{1fff}B", "a\u{1fff}b-a\u{1fff}b"),
        ("😀\u{1fff}\u{1fff}", "😀-\u{1fff}\u{1fff}"),
        ("😀\u{200d}\u{1fff} a\u{2000}b", "😀\u{200d}\u{1fff}-a-b"),
        ("A\u{2000}B 😀\u{2000}\u{2000}", "a-b-😀"),
        ("😀\u{200d}\u{2000} a\u{200c}b", "😀\u{200d}\u{2000}-a-b"),
        ("A\u{200c}B 😀\u{200c}\u{200c}", "a-b-😀"),
        ("😀\u{200d}\u{200c} a\u{200d}b", "😀\u{200d}\u{200c}-a-b"),
        ("A\u{200d}B 😀\u{200d}\u{200d}", "a-b-😀\u{200d}\u{200d}"),
        ("😀\u{200d}\u{200d} a\u{200e}b", "😀\u{200d}\u{200d}-a-b"),
        ("A\u{200e}B 😀\u{200e}\u{200e}", "a-b-😀"),
        ("😀\u{200d}\u{200e} a‘b A‘B", "😀\u{200d}\u{200e}-a-b-a-b"),
        ("😀‘‘ 😀\u{200d}‘ a’b A’B", "😀-😀\u{200d}‘-ab-ab"),
        ("😀’’ 😀\u{200d}’ a\u{206f}b", "😀-😀\u{200d} -a-b"),
        ("A\u{206f}B 😀\u{206f}\u{206f}", "a-b-😀"),
        ("😀\u{200d}\u{206f} a⁰b", "😀\u{200d}\u{206f}-a⁰b"),
        ("A⁰B 😀⁰⁰ 😀\u{200d}⁰", "a⁰b-😀-⁰⁰-😀\u{200d}⁰"),
        ("a\u{20cf}b A\u{20cf}B", "a\u{20cf}b-a\u{20cf}b"),
        ("😀\u{20cf}\u{20cf}", "😀-\u{20cf}\u{20cf}"),
        ("😀\u{200d}\u{20cf} a\u{20d0}b", "😀\u{200d}\u{20cf}-ab"),
        ("A\u{20d0}B 😀\u{20d0}\u{20d0}", "ab-😀"),
        ("😀\u{200d}\u{20d0} a\u{20f0}b", "😀\u{200d} -ab"),
        ("A\u{20f0}B 😀\u{20f0}\u{20f0}", "ab-😀"),
        ("😀\u{200d}\u{20f0} a\u{20f1}b", "😀\u{200d} -a\u{20f1}b"),
        ("A\u{20f1}B", "a\u{20f1}b"),
        ("😀\u{20f1}\u{20f1}", "😀-\u{20f1}\u{20f1}"),
        ("😀\u{200d}\u{20f1} a⛿b", "😀\u{200d}\u{20f1}-a⛿b"),
        ("A⛿B 😀⛿⛿ 😀\u{200d}⛿", "a⛿b-😀-⛿⛿-😀\u{200d}⛿"),
        ("a✀b A✀B 😀✀✀", "a-✀-b-a-✀-b-😀-✀-✀"),
        ("😀\u{200d}✀ a➿b A➿B", "😀\u{200d}✀-a-➿-b-a-➿-b"),
        ("😀➿➿ 😀\u{200d}➿ a⟀b", "😀-➿-➿-😀\u{200d}➿-a⟀b"),
        ("A⟀B 😀⟀⟀ 😀\u{200d}⟀", "a⟀b-😀-⟀⟀-😀\u{200d}⟀"),
        ("a⿿b A⿿B 😀⿿⿿", "a⿿b-a⿿b-😀-⿿⿿"),
        ("😀\u{200d}⿿ a\u{3000}b A\u{3000}B", "😀\u{200d}⿿-a-b-a-b"),
        ("😀\u{3000}\u{3000}", "😀"),
        ("😀\u{200d}\u{3000} a、b", "😀\u{200d}\u{3000}-a、b"),
        ("A、B 😀、、 😀\u{200d}、", "a、b-😀-、、-😀\u{200d}、"),
        ("a\u{fe0d}b A\u{fe0d}B", "a\u{fe0d}b-a\u{fe0d}b"),
        ("😀\u{fe0d}\u{fe0d}", "😀-\u{fe0d}\u{fe0d}"),
        ("😀\u{200d}\u{fe0d}", "😀\u{200d}\u{fe0d}"),
        ("a\u{fe0e}b A\u{fe0e}B", "a\u{fe0e}b-a\u{fe0e}b"),
        ("😀\u{fe0e}\u{fe0e}", "😀\u{fe0e}-\u{fe0e}"),
        ("😀\u{200d}\u{fe0e}", "😀\u{200d}\u{fe0e}"),
        ("a\u{fe0f}b A\u{fe0f}B", "a\u{fe0f}b-a\u{fe0f}b"),
        ("😀\u{fe0f}\u{fe0f}", "😀\u{fe0f}-\u{fe0f}"),
        ("😀\u{200d}\u{fe0f} a︐b", "😀\u{200d}\u{fe0f}-a︐b"),
        ("A︐B 😀︐︐ 😀\u{200d}︐", "a︐b-😀-︐︐-😀\u{200d}︐"),
        ("a\u{fe1f}b A\u{fe1f}B", "a\u{fe1f}b-a\u{fe1f}b"),
        ("😀\u{fe1f}\u{fe1f}", "😀-\u{fe1f}\u{fe1f}"),
        ("😀\u{200d}\u{fe1f} a\u{fe20}b", "😀\u{200d}\u{fe1f}-ab"),
        ("A\u{fe20}B 😀\u{fe20}\u{fe20}", "ab-😀"),
        ("😀\u{200d}\u{fe20} a\u{fe23}b", "😀\u{200d} -ab"),
        ("A\u{fe23}B 😀\u{fe23}\u{fe23}", "ab-😀"),
        ("😀\u{200d}\u{fe23} a\u{fe24}b", "😀\u{200d} -a\u{fe24}b"),
        ("A\u{fe24}B", "a\u{fe24}b"),
        ("😀\u{fe24}\u{fe24}", "😀-\u{fe24}\u{fe24}"),
        ("😀\u{200d}\u{fe24}", "😀\u{200d}\u{fe24}"),
        ("a\u{fefe}b A\u{fefe}B", "a\u{fefe}b-a\u{fefe}b"),
        ("😀\u{fefe}\u{fefe}", "😀-\u{fefe}\u{fefe}"),
        ("😀\u{200d}\u{fefe} a\u{feff}b", "😀\u{200d}\u{fefe}-a-b"),
        ("A\u{feff}B 😀\u{feff}\u{feff}", "a-b-😀"),
        ("😀\u{200d}\u{feff}", "😀\u{200d}\u{feff}"),
        ("a\u{ff00}b A\u{ff00}B", "a\u{ff00}b-a\u{ff00}b"),
        ("😀\u{ff00}\u{ff00}", "😀-\u{ff00}\u{ff00}"),
        ("😀\u{200d}\u{ff00}", "😀\u{200d}\u{ff00}"),
        ("a\u{ffff}b A\u{ffff}B", "a\u{ffff}b-a\u{ffff}b"),
        ("😀\u{ffff}\u{ffff}", "😀-\u{ffff}\u{ffff}"),
        ("😀\u{200d}\u{ffff} a𐀀b", "😀\u{200d}\u{ffff}-a-𐀀-b"),
        ("A𐀀B 😀𐀀𐀀 😀\u{200d}𐀀", "a-𐀀-b-😀-𐀀-𐀀-😀\u{200d}𐀀"),
        ("a\u{1f1e5}b A\u{1f1e5}B", "a-\u{1f1e5}-b-a-\u{1f1e5}-b"),
        ("😀\u{1f1e5}\u{1f1e5}", "😀-\u{1f1e5}-\u{1f1e5}"),
        ("😀\u{200d}\u{1f1e5} a🇦b", "😀\u{200d}\u{1f1e5}-a-🇦-b"),
        ("A🇦B 😀🇦🇦 😀\u{200d}🇦", "a-🇦-b-😀-🇦🇦-😀\u{200d}🇦"),
        ("a🇿b A🇿B 😀🇿🇿", "a-🇿-b-a-🇿-b-😀-🇿🇿"),
        ("😀\u{200d}🇿 a🈀b A🈀B", "😀\u{200d}🇿-a-🈀-b-a-🈀-b"),
        ("😀🈀🈀 😀\u{200d}🈀 a🏺b", "😀-🈀-🈀-😀\u{200d}🈀-a-🏺-b"),
        ("A🏺B 😀🏺🏺 😀\u{200d}🏺", "a-🏺-b-😀-🏺-🏺-😀\u{200d}🏺"),
        ("a🏻b A🏻B 😀🏻🏻", "a-🏻-b-a-🏻-b-😀🏻-🏻"),
        ("😀\u{200d}🏻 a🏿b A🏿B", "😀\u{200d}🏻-a-🏿-b-a-🏿-b"),
        ("😀🏿🏿 😀\u{200d}🏿 a🐀b", "😀🏿-🏿-😀\u{200d}🏿-a-🐀-b"),
        ("A🐀B 😀🐀🐀 😀\u{200d}🐀", "a-🐀-b-😀-🐀-🐀-😀\u{200d}🐀"),
        ("a\u{10ffff}b A\u{10ffff}B", "a-\u{10ffff}-b-a-\u{10ffff}-b"),
        ("😀\u{10ffff}\u{10ffff}", "😀-\u{10ffff}-\u{10ffff}"),
        ("😀\u{200d}\u{10ffff}", "😀\u{200d}\u{10ffff}"),
    ];
}
