#!/usr/bin/env node
// Generates the tables of core/src/url/kebab_case.rs (the crate's port of lodash's
// kebabCase) from lodash itself, and prints that file with every table
// regenerated.
//
// usage: node kebab-tables.mjs [--write] [KEBAB_CASE_JS KEBAB_CASE_RS]
//   KEBAB_CASE_JS  the lodash kebabCase the crate ships (default
//                  ../../../../src/browser/js/kebab_case.js)
//   KEBAB_CASE_RS  the Rust port (default ../../../src/kebab_case.rs)
//   --write        rewrite KEBAB_CASE_RS in place instead of printing it
//
// Where the tables come from:
//   * the shipped kebab_case.js is imported with its internals exported (its
//     source, unchanged, plus one `export { ... }` line), and every character
//     class table is derived by testing lodash's own class strings (rsBreak,
//     rsUpper, rsCombo ... and reAsciiWord) against every UTF-16 code unit,
//     the astral ones (rsRegional, rsFitz) against every char above U+FFFF;
//   * the `deburr` table is lodash's `deburredLetters` object;
//   * the test tables' expected values are the shipped kebab_case() of each
//     input (`cases` and `fuzz-cases` keep their committed inputs, `probe-cases`
//     is built from the tables: every range's bounds and the chars just
//     outside them, every deburred letter, each in a few contexts).
// The shipped copy is also checked against the one the official SDK bundles
// (persona@5.9.0's dist/persona.mjs, from this folder's node_modules): both
// must give the same result for every table input, and in several contexts
// for every UTF-16 code unit, every char whose high surrogate is U+D83C (the
// regional indicators, the skin tones) and the first and last two chars under
// every other high surrogate. Facts the Rust code relies on without a table (digits,
// apostrophes, ZWJ, surrogate pairs, what rsMisc is) are asserted.
//
// A table is the thing right after a `// kebab-table: NAME` line in the Rust
// file: the patterns of the next `matches!(c, ...)`, the arms of the next
// `match c {` (up to `_ =>`), or the entries of the next `&[ ... ];` array.
// Everything else is printed unchanged, so a diff against the committed file
// is a difference in a table. Deterministic: the same inputs give the same
// bytes. `cargo xtask oracle` (part of `cargo xtask test`) runs this and fails
// on any difference.
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));

/** The shipped kebab_case.js's internals that the tables come from (it
 *  exports only `kebab_case`). */
const INTERNALS = [
  'reAsciiWord', 'reLatin', 'rsAstralRange', 'rsComboMarksRange', 'rsComboSymbolsRange',
  'rsDingbatRange', 'rsVarRange', 'rsApos', 'rsBreak', 'rsCombo', 'rsDigits', 'rsDingbat',
  'rsLower', 'rsMisc', 'rsFitz', 'rsRegional', 'rsSurrPair', 'rsUpper', 'rsZWJ',
  'deburredLetters',
];

function fail(message) {
  process.stderr.write(`kebab-tables: ${message}\n`);
  process.exit(1);
}

function check(condition, message) {
  if (!condition) fail(message);
}

/** Imports `path` (an ES module) with `INTERNALS` exported as well. */
async function importShipped(path) {
  const source = readFileSync(path, 'utf8');
  const module = `${source}\nexport { ${INTERNALS.join(', ')} };\n`;
  return import(`data:text/javascript;base64,${Buffer.from(module).toString('base64')}`);
}

/** The kebabCase the official SDK bundles: the function of persona.mjs that
 *  holds lodash's regexes (and returns kebabCase), evaluated on its own. */
function sdkKebabCase() {
  const path = join(here, 'node_modules/persona/dist/persona.mjs');
  let bundle;
  try {
    bundle = readFileSync(path, 'utf8');
  } catch (e) {
    fail(`${path}: ${e.message} (run npm ci in ${here} first)`);
  }
  const anchor = bundle.indexOf('"\\\\u2700-\\\\u27bf"');
  check(anchor >= 0, `${path}: lodash's dingbat range not found`);
  const start = bundle.lastIndexOf('\nfunction ', anchor) + 1;
  const end = bundle.indexOf('\n}\n', anchor) + 2;
  const text = bundle.slice(start, end);
  const name = /^function (\w+)\(\) \{/.exec(text);
  const memo = /^\s*if \((\w+)\) return (\w+);/m.exec(text);
  check(name && memo && start > 0 && end > anchor, `${path}: lodash's kebabCase function not found`);
  const kebabCase = new Function(`var ${memo[1]}, ${memo[2]};\n${text}\nreturn ${name[1]}();`)();
  check(typeof kebabCase === 'function', `${path}: ${name[1]}() did not return a function`);
  return kebabCase;
}

// ---- sets of code units / code points --------------------------------------

const isSurrogate = (u) => u >= 0xd800 && u <= 0xdfff;

/** Every UTF-16 code unit that `source` (a regex of one unit) matches. */
function units(source) {
  const re = new RegExp(`^(?:${source})$`);
  const out = [];
  for (let u = 0; u <= 0xffff; u++) if (re.test(String.fromCharCode(u))) out.push(u);
  return out;
}

/** Every char above U+FFFF for which `test` holds. */
function astral(test) {
  const out = [];
  for (let cp = 0x10000; cp <= 0x10ffff; cp++) if (test(String.fromCodePoint(cp))) out.push(cp);
  return out;
}

/** A class of BMP chars: its units, none of which may be a surrogate. */
function bmpClass(name, list) {
  check(!list.some(isSurrogate), `${name} matches a lone surrogate: the Rust table (chars) would differ`);
  return list;
}

/** Sorted code points as maximal `[lo, hi]` ranges. */
function ranges(list) {
  const out = [];
  for (const cp of list) {
    const last = out[out.length - 1];
    if (last && last[1] + 1 === cp) last[1] = cp;
    else out.push([cp, cp]);
  }
  return out;
}

const equal = (a, b) => a.length === b.length && a.every((x, i) => x === b[i]);

// ---- Rust formatting --------------------------------------------------------

/** A char literal in a class table: printable ASCII as itself, other ASCII as
 *  `\0` or `\x..`, the rest as `\u{..}`. */
function classChar(cp) {
  if (cp === 0) return "'\\0'";
  if (cp === 0x27 || cp === 0x5c) return `'\\${String.fromCharCode(cp)}'`;
  if (cp >= 0x20 && cp < 0x7f) return `'${String.fromCharCode(cp)}'`;
  if (cp < 0x80) return `'\\x${cp.toString(16).padStart(2, '0')}'`;
  return `'\\u{${cp.toString(16)}}'`;
}

/** A table's patterns: one char, two chars, or an inclusive range. */
function patterns(rangeList) {
  return rangeList.flatMap(([lo, hi]) => {
    if (lo === hi) return [classChar(lo)];
    if (hi === lo + 1) return [classChar(lo), classChar(hi)];
    return [`${classChar(lo)}..=${classChar(hi)}`];
  });
}

// The chars a string literal in a table escapes: those Rust's `Debug` for
// `str` escapes (grapheme extenders, controls, format, private-use and
// unassigned chars, line and paragraph separators, spaces but ' '; checked
// against rustc 1.95 for every char, with node 20.20), and every other
// combining mark too (such as the Devanagari vowel signs), which would
// otherwise render on the quote before them. They are written `\t`, `\n`,
// `\r`, `\"`, `\\` or `\u{..}` (NUL too).
const ESCAPED = /[\p{M}\p{Cc}\p{Cf}\p{Co}\p{Cn}\p{Zl}\p{Zp}\p{Zs}]/u;
const NAMED = { 9: '\\t', 10: '\\n', 13: '\\r', 0x22: '\\"', 0x5c: '\\\\' };

/** A Rust string literal for `s`, as the tables write them. */
function rustString(s) {
  let out = '"';
  for (const c of s) {
    const cp = c.codePointAt(0);
    if (NAMED[cp]) out += NAMED[cp];
    else if (isSurrogate(cp)) fail(`a lone surrogate (U+${cp.toString(16)}) has no Rust string`);
    else if (c !== ' ' && ESCAPED.test(c)) out += `\\u{${cp.toString(16)}}`;
    else out += c;
  }
  return `${out}"`;
}

/** `s` quoted, with every char but printable ASCII as `\u{..}` (lone surrogates too). */
function escaped(s) {
  const chars = [...s].map((c) => {
    const cp = c.codePointAt(0);
    return cp >= 0x20 && cp < 0x7f && c !== '"' && c !== '\\' ? c : `\\u{${cp.toString(16)}}`;
  });
  return `"${chars.join('')}"`;
}

/** Parses the Rust string literal at `text[at]`; returns `[value, end]`. */
function parseRustString(text, at) {
  check(text[at] === '"', `expected a string literal at ${JSON.stringify(text.slice(at, at + 20))}`);
  const simple = { 0: '\0', t: '\t', n: '\n', r: '\r', '"': '"', "'": "'", '\\': '\\' };
  let value = '';
  let i = at + 1;
  while (text[i] !== '"') {
    check(i < text.length, 'unterminated string literal');
    if (text[i] !== '\\') {
      const cp = text.codePointAt(i);
      value += String.fromCodePoint(cp);
      i += cp > 0xffff ? 2 : 1;
      continue;
    }
    const e = text[i + 1];
    if (e in simple) {
      value += simple[e];
      i += 2;
    } else if (e === 'x') {
      value += String.fromCharCode(parseInt(text.slice(i + 2, i + 4), 16));
      i += 4;
    } else if (e === 'u') {
      const close = text.indexOf('}', i);
      value += String.fromCodePoint(parseInt(text.slice(i + 3, close), 16));
      i = close + 1;
    } else {
      fail(`unsupported escape \\${e} in a string literal`);
    }
  }
  return [value, i + 1];
}

// ---- the tables -------------------------------------------------------------

/** The character-class tables, each a list of Rust patterns. */
function classTables(js) {
  const brk = bmpClass('rsBreak', units(js.rsBreak));
  const upper = bmpClass('rsUpper', units(js.rsUpper));
  const lower = bmpClass('rsLower', units(js.rsLower));
  const dingbat = bmpClass('rsDingbat', units(js.rsDingbat));
  const variation = bmpClass('rsVarRange', units(`[${js.rsVarRange}]`));
  // rsCombo in lodash's order: the combining marks, then the combining symbols.
  const marks = bmpClass('rsComboMarksRange', units(`[${js.rsComboMarksRange}]`));
  const symbols = bmpClass('rsComboSymbolsRange', units(`[${js.rsComboSymbolsRange}]`));
  check(equal([...marks, ...symbols].sort((a, b) => a - b), units(js.rsCombo)), 'rsCombo is not its two ranges');
  // reAsciiWord is a negated class: the Rust table lists what it does not match.
  const asciiWord = new Set(units(js.reAsciiWord.source));
  const asciiNonWord = bmpClass('reAsciiWord', [...Array(0x10000).keys()].filter((u) => !asciiWord.has(u)));
  const regionalRe = new RegExp(`^(?:${js.rsRegional})$`);
  const fitzRe = new RegExp(`^(?:${js.rsFitz})$`);
  const regional = astral((c) => regionalRe.test(c + c));
  const fitz = astral((c) => fitzRe.test(c));
  for (let u = 0; u <= 0xffff; u++) {
    const c = String.fromCharCode(u);
    check(!regionalRe.test(c + c) && !fitzRe.test(c), `rsRegional or rsFitz matches BMP U+${u.toString(16)}`);
  }
  assertFacts(js, { brk, upper, lower, dingbat });
  return {
    'combo-mark': [...patterns(ranges(marks)), ...patterns(ranges(symbols))],
    break: patterns(ranges(brk)),
    upper: patterns(ranges(upper)),
    lower: patterns(ranges(lower)),
    'ascii-non-word': patterns(ranges(asciiNonWord)),
    dingbat: patterns(ranges(dingbat)),
    variation: patterns(ranges(variation)),
    regional: patterns(ranges(regional)),
    fitz: patterns(ranges(fitz)),
    // Kept for the probes: every range of every class table.
    ranges: [marks, symbols, brk, upper, lower, asciiNonWord, dingbat, variation, regional, fitz].flatMap(ranges),
  };
}

/** What the Rust code assumes of lodash's regexes without a table of its own. */
function assertFacts(js, { brk, upper, lower, dingbat }) {
  const digits = units(js.rsDigits);
  check(equal(digits, [...Array(10).keys()].map((d) => 0x30 + d)), 'rsDigits is not ASCII 0-9 (c.is_ascii_digit())');
  check(equal(units(js.rsApos), [0x27, 0x2019]), "rsApos is not ' and U+2019 (deburr_and_strip)");
  check(equal(units(js.rsZWJ), [0x200d]), 'rsZWJ is not U+200D (match_emoji)');
  check(equal(units(`[${js.rsAstralRange}]`), [...Array(0x800).keys()].map((u) => 0xd800 + u)), 'rsAstralRange is not the surrogates (is_astral)');
  const pair = new RegExp(`^(?:${js.rsSurrPair})$`);
  check(astral((c) => pair.test(c)).length === 0x100000, 'rsSurrPair does not match every char above U+FFFF (is_astral)');
  const sets = [brk, digits, dingbat, upper, lower].map((list) => new Set(list));
  const misc = new Set(units(js.rsMisc));
  for (let u = 0; u <= 0xffff; u++) {
    const expected = !(isSurrogate(u) || sets.some((set) => set.has(u)));
    check(misc.has(u) === expected, `rsMisc at U+${u.toString(16)} is not "none of the other classes" (is_misc)`);
  }
  const latin = units(js.reLatin.source);
  const keys = Object.keys(js.deburredLetters).map((k) => k.codePointAt(0)).sort((a, b) => a - b);
  check(equal(latin, keys), 'deburredLetters does not cover exactly reLatin (deburr_letter)');
  const combo = new RegExp(js.rsCombo);
  check(!Object.values(js.deburredLetters).some((r) => combo.test(r)), 'a deburred letter holds a combining mark (deburr_and_strip)');
}

/** lodash's `deburredLetters` as match arms: single letters A-Z (each capital
 *  before its small letter), then the longer replacements in lodash's order;
 *  in each arm, chars in code point order. */
function deburrArms(js) {
  const groups = new Map();
  for (const [char, replacement] of Object.entries(js.deburredLetters)) {
    if (!groups.has(replacement)) groups.set(replacement, []);
    groups.get(replacement).push(char.codePointAt(0));
  }
  const single = [...groups.keys()].filter((r) => r.length === 1).sort((a, b) => {
    const [x, y] = [a.toLowerCase(), b.toLowerCase()];
    if (x !== y) return x < y ? -1 : 1;
    return a === a.toUpperCase() ? -1 : 1;
  });
  const longer = [...groups.keys()].filter((r) => r.length > 1);
  return [...single, ...longer].map((replacement) => {
    const chars = groups.get(replacement).sort((a, b) => a - b).map((cp) => `'${String.fromCodePoint(cp)}'`);
    return `${chars.join(' | ')} => ${rustString(replacement)},`;
  });
}

/** Probe inputs: every class range's bounds and the chars just outside them,
 *  every deburred letter, and the lone constants (apostrophes, ZWJ, the astral
 *  boundary), each in contexts that tell the classes apart. The contexts are
 *  packed, joined by spaces, into inputs whose entry `width` stays within
 *  rustfmt's 60 columns for a one-line tuple; an ASCII char also gets an input
 *  of its own, `a{c}b`, which may take lodash's ASCII word regex. */
function probeInputs(js, classRanges, width) {
  const chars = new Set([0x27, 0x2018, 0x2019, 0x200c, 0x200d, 0x200e, 0xffff, 0x10000, 0x10ffff]);
  for (const [lo, hi] of classRanges) for (const cp of [lo - 1, lo, hi, hi + 1]) chars.add(cp);
  for (const key of Object.keys(js.deburredLetters)) chars.add(key.codePointAt(0));
  const probes = [...chars].filter((cp) => cp >= 0 && cp <= 0x10ffff && !isSurrogate(cp)).sort((a, b) => a - b);
  const fits = (input) => width(input, js.kebab_case(input)) <= 60;
  const inputs = probes.filter((cp) => cp < 0x80).map((cp) => `a${String.fromCodePoint(cp)}b`);
  let line = [];
  for (const c of probes.map((cp) => String.fromCodePoint(cp))) {
    for (const context of [`a${c}b`, `A${c}B`, `\u{1f600}${c}${c}`, `\u{1f600}\u200d${c}`]) {
      check(fits(context), `probe ${rustString(context)} is too wide for one line`);
      if (line.length && !fits([...line, context].join(' '))) {
        inputs.push(line.join(' '));
        line = [];
      }
      line.push(context);
    }
  }
  inputs.push(line.join(' '));
  return inputs;
}

// ---- the Rust file ----------------------------------------------------------

const PATTERN_TABLES = ['combo-mark', 'break', 'upper', 'lower', 'ascii-non-word', 'dingbat', 'variation', 'regional', 'fitz'];
const CASE_TABLES = ['cases', 'fuzz-cases', 'probe-cases'];
const ALL_TABLES = [...PATTERN_TABLES, 'deburr', ...CASE_TABLES];

/** Rewrites the patterns of the `matches!(c, ...)` on the line starting at `from`. */
function rewritePatterns(text, from, name, list) {
  const open = text.indexOf('matches!(c,', from);
  const lineEnd = text.indexOf('\n', from);
  check(open >= 0 && open < lineEnd, `kebab-table ${name}: no matches!(c, ...) on the line after the marker`);
  let i = open + 'matches!(c,'.length;
  const start = i;
  for (;;) {
    if (/\s/.test(text[i]) || text[i] === '|') i += 1;
    else if (text.startsWith('..=', i)) i += 3;
    else if (text[i] === "'") {
      const close = text.indexOf("'", i + (text[i + 1] === '\\' ? 3 : 2));
      check(close > i, `kebab-table ${name}: unterminated char literal`);
      i = close + 1;
    } else if (text[i] === ')') break;
    else fail(`kebab-table ${name}: unexpected ${JSON.stringify(text.slice(i, i + 10))} in matches!`);
  }
  const old = text.slice(start, i);
  let body;
  if (old.includes('\n')) {
    const indent = /\n([ ]*)[^ \n]/.exec(old)[1];
    body = `\n${indent}${list.join(`\n${indent}| `)}`;
  } else {
    body = ` ${list.join(' | ')}`;
  }
  return text.slice(0, start) + body + text.slice(i);
}

/** The line range `[first, end)` of the block that line `from` (which must
 *  match `opener`) opens: the lines after it, up to the first matching `closer`. */
function block(lines, from, name, opener, closer) {
  check(opener.test(lines[from] ?? ''), `kebab-table ${name}: the line after the marker does not match ${opener}`);
  let end = from + 1;
  while (end < lines.length && !closer.test(lines[end])) end += 1;
  check(end < lines.length, `kebab-table ${name}: no ${closer} after ${opener}`);
  return [from + 1, end];
}

async function main() {
  const args = process.argv.slice(2);
  const write = args[0] === '--write';
  if (write) args.shift();
  check(args.length === 0 || args.length === 2, 'usage: node kebab-tables.mjs [--write] [KEBAB_CASE_JS KEBAB_CASE_RS]');
  const [jsPath, rsPath] = args.length
    ? args
    : [join(here, '../../../../src/browser/js/kebab_case.js'), join(here, '../../../src/url/kebab_case.rs')];

  const js = await importShipped(jsPath);
  const sdk = sdkKebabCase();
  const tables = classTables(js);
  const kebab = (input) => {
    const got = js.kebab_case(input);
    const bundled = sdk(input);
    check(got === bundled, `${escaped(input)}: the shipped kebab_case gives ${escaped(got)}, persona@5.9.0's copy ${escaped(bundled)}`);
    return got;
  };
  const compared = agreeEverywhere(js.kebab_case, sdk);

  let text = readFileSync(rsPath, 'utf8');
  const marker = /^[ ]*\/\/ kebab-table: (\S+)$/;
  const seen = new Map();
  // Pattern tables first, on the whole text; bottom up, so that the line
  // numbers above the one rewritten stay valid.
  let lines = text.split('\n');
  for (let n = lines.length - 1; n >= 0; n--) {
    const m = marker.exec(lines[n]);
    if (!m) continue;
    const name = m[1];
    check(ALL_TABLES.includes(name), `${rsPath}:${n + 1}: unknown kebab-table ${name} (known: ${ALL_TABLES.join(', ')})`);
    seen.set(name, (seen.get(name) ?? 0) + 1);
    if (PATTERN_TABLES.includes(name)) {
      const offset = lines.slice(0, n + 1).join('\n').length + 1;
      text = rewritePatterns(text, offset, name, tables[name]);
      lines = text.split('\n');
    }
  }
  for (const name of ALL_TABLES) check(seen.has(name), `${rsPath}: no \`// kebab-table: ${name}\` marker`);
  for (const [name, count] of seen) {
    check(count === 1 || name === 'dingbat', `${rsPath}: ${count} \`// kebab-table: ${name}\` markers`);
  }

  // Block tables, bottom up so that earlier line numbers stay valid.
  let caseCount = 0;
  for (let n = lines.length - 1; n >= 0; n--) {
    const m = marker.exec(lines[n]);
    if (!m || PATTERN_TABLES.includes(m[1])) continue;
    const name = m[1];
    if (name === 'deburr') {
      const [first, end] = block(lines, n + 1, name, /match c \{$/, /^\s*_ =>/);
      const indent = /^\s*/.exec(lines[first])[0];
      lines.splice(first, end - first, ...deburrArms(js).map((arm) => indent + arm));
      continue;
    }
    const [first, end] = block(lines, n + 1, name, /= &\[$/, /^\s*\];$/);
    const indent = `${/^\s*/.exec(lines[first - 1])[0]}    `;
    const entry = (input, expected) => `${indent}(${rustString(input)}, ${rustString(expected)}),`;
    let inputs;
    if (name === 'probe-cases') {
      // At most the width rustfmt gives `"input", "expected"`: 2 columns for
      // any non-ASCII char.
      const width = (input, expected) =>
        [...`${rustString(input)}, ${rustString(expected)}`].reduce((w, c) => w + (c.codePointAt(0) < 0x80 ? 1 : 2), 0);
      inputs = probeInputs(js, tables.ranges, width);
    } else {
      inputs = lines.slice(first, end).map((line, k) => {
        const at = line.indexOf('(');
        check(at >= 0 && line.startsWith(indent), `${rsPath}:${first + k + 1}: not a \`(input, expected),\` line`);
        return parseRustString(line, at + 1)[0];
      });
    }
    caseCount += inputs.length;
    lines.splice(first, end - first, ...inputs.map((input) => entry(input, kebab(input))));
  }

  const out = lines.join('\n');
  if (write) writeFileSync(rsPath, out);
  else process.stdout.write(out);
  process.stderr.write(
    `kebab-tables: ${ALL_TABLES.length} tables from ${jsPath}, ${caseCount} test inputs; ` +
      `it and persona@5.9.0's bundled copy agree on ${compared} chars in 5 contexts each\n`,
  );
}

/** The chars the two copies are compared on: every UTF-16 code unit (lone
 *  surrogates too), every char whose high surrogate is U+D83C (where the
 *  regional indicators and skin tones are) and the first two and last two
 *  chars of every other high surrogate. */
function comparedChars() {
  const out = [];
  for (let u = 0; u <= 0xffff; u++) out.push(String.fromCharCode(u));
  for (let cp = 0x10000; cp <= 0x10ffff; cp++) {
    const high = 0xd800 + ((cp - 0x10000) >> 10);
    const low = cp & 0x3ff;
    if (high === 0xd83c || low < 2 || low > 0x3fd) out.push(String.fromCodePoint(cp));
  }
  return out;
}

/** The shipped copy and the SDK's agree on `comparedChars()`, each in
 *  contexts that exercise the classes (in blocks of 256, joined by spaces). */
function agreeEverywhere(shipped, sdk) {
  const contexts = (c) => [c, `a${c}b`, `A${c}B`, `\u{1f600}${c}${c}`, `\u{1f600}\u200d${c}`];
  const chars = comparedChars();
  for (let base = 0; base < chars.length; base += 256) {
    const parts = chars.slice(base, base + 256).flatMap(contexts);
    const input = parts.join(' ');
    if (shipped(input) !== sdk(input)) {
      const part = parts.find((p) => shipped(p) !== sdk(p)) ?? input;
      fail(
        `the shipped kebab_case and persona@5.9.0's copy differ on ${escaped(part)}: ` +
          `${escaped(shipped(part))} and ${escaped(sdk(part))}`,
      );
    }
  }
  return chars.length;
}

await main();
