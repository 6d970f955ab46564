// Generates the webhook conformance cases: seeded, so that the same seed
// writes the same bytes (`cargo xtask` checks the committed file is exactly
// what this script writes). Each case is a delivery (secrets, tolerance, size
// limit, clock, header, raw body) and the verdict of `verify.mjs`, node's own
// implementation; `server/tests/webhook_conformance.rs` asserts that
// leptos-persona-server agrees on every case.
//
//   node generate.mjs [OUT]   (default: webhook-cases.json next to this script)

import crypto from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { verify } from './verify.mjs';

const SEED = 0x5e1f_2026;
const NOW = 1767323045; // 2026-01-02T03:04:05Z

// mulberry32: a small seeded generator (Math.random cannot be seeded).
let state = SEED >>> 0;
function next() {
  state = (state + 0x6d2b79f5) >>> 0;
  let z = state;
  z = Math.imul(z ^ (z >>> 15), z | 1);
  z ^= z + Math.imul(z ^ (z >>> 7), z | 61);
  return ((z ^ (z >>> 14)) >>> 0) / 4294967296;
}
const int = (n) => Math.floor(next() * n);
const pick = (items) => items[int(items.length)];
const chance = (p) => next() < p;

const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const WIDE = ['é', 'ß', 'ø', 'Ж', 'ש', '鍵', '東京', '🔑', '🙂', '\u00a0'];
const word = (n, alphabet = ALNUM) => Array.from({ length: n }, () => alphabet[int(alphabet.length)]).join('');

function secret() {
  const roll = int(10);
  if (roll < 6) return `wbhsec_${word(24 + int(8))}`;
  if (roll < 8) return `wbhsec_${word(6)}${pick(WIDE)}${word(6)}`;
  if (roll < 9) return word(1 + int(40), `${ALNUM}-_+/=.`);
  return `${pick(WIDE)}${word(3)}`;
}

const KNOWN_NAMES = [
  'inquiry.created', 'inquiry.started', 'inquiry.completed', 'inquiry.failed', 'inquiry.expired',
  'inquiry.marked-for-review', 'inquiry.approved', 'inquiry.declined', 'inquiry.transitioned',
  'inquiry.redacted',
];
const OTHER_NAMES = ['inquiry.paused', 'report/watchlist.ready', 'case.created', 'verification.passed', 'account.créé'];
const STATUSES = ['created', 'pending', 'completed', 'failed', 'expired', 'needs_review', 'approved', 'declined'];
const OTHER_STATUSES = ['on_hold', 'redacted', 'NEEDS_REVIEW', 'révisé'];
const TEXTS = ['Zoë', 'Ærøskøbing', '東京都', 'Łódź', 'José 🙂', 'O\'Brien', 'a "quoted" name', 'line\nbreak', 'tab\there'];

function inflect(kebab, inflection) {
  if (inflection === 'camel') return kebab.replace(/-([a-z])/g, (_, c) => c.toUpperCase());
  if (inflection === 'snake') return kebab.replaceAll('-', '_');
  return kebab;
}

/** An object with its keys in a random order (the raw bytes vary). */
function shuffled(entries) {
  const list = entries.filter(([, value]) => value !== undefined);
  for (let i = list.length - 1; i > 0; i -= 1) {
    const j = int(i + 1);
    [list[i], list[j]] = [list[j], list[i]];
  }
  return Object.fromEntries(list);
}

const pad = (n, width) => String(n).padStart(width, '0');

/** A valid RFC 3339 date-time in one of its spellings. */
function timestamp() {
  const year = pick([2023, 2024, 2025, 2026, 2026, 2026, 1970, 1999, 2000, 9999, 0, 1]);
  const month = 1 + int(12);
  const day = 1 + int(28);
  const base = `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}${chance(0.9) ? 'T' : 't'}${pad(int(24), 2)}:${pad(int(60), 2)}:${pad(chance(0.03) ? 60 : int(60), 2)}`;
  const fraction = chance(0.6) ? `.${word(1 + int(12), '0123456789')}` : '';
  const zone = pick(['Z', 'Z', 'Z', 'z', '+00:00', '+05:30', '-08:00', '+14:00', '-23:59']);
  return `${base}${fraction}${zone}`;
}

function fields(inflection) {
  const names = ['name-first', 'name-last', 'birthdate', 'address-city', 'selected-country-code'];
  const entries = names.filter(() => chance(0.6)).map((name) => [
    inflect(name, inflection),
    { type: 'string', value: chance(0.8) ? pick(TEXTS) : null },
  ]);
  if (chance(0.2)) entries.push([inflect('identification-number', inflection), { type: 'integer', value: int(100000) }]);
  if (chance(0.1)) entries.push([inflect('consent-given', inflection), { type: 'boolean', value: chance(0.5) }]);
  return shuffled(entries);
}

/** An event's JSON value: an inquiry event, another object's, or none. */
function eventValue(inflection = pick(['kebab', 'camel', 'snake'])) {
  const k = (key) => inflect(key, inflection);
  const name = chance(0.85) ? pick(KNOWN_NAMES) : pick(OTHER_NAMES);
  const kind = pick(['inquiry', 'inquiry', 'inquiry', 'inquiry', 'report', 'none', 'null']);
  let payload;
  if (kind === 'inquiry') {
    const relationship = pick(['relationship', 'relationship', 'attribute', 'null', 'none']);
    const attributes = shuffled([
      ['status', chance(0.9) ? pick(STATUSES) : pick(OTHER_STATUSES)],
      [k('reference-id'), pick([`user-${int(1000)}`, `usr_${pick(TEXTS)}`, null, undefined, 42])],
      [k('created-at'), timestamp()],
      [k('inquiry-template-id'), relationship === 'attribute' ? `itmpl_${word(12)}` : undefined],
      ['fields', chance(0.9) ? fields(inflection) : undefined],
      [k('redacted-at'), null],
    ]);
    const relationships = relationship === 'none' ? undefined : {
      [k('inquiry-template')]: {
        data: relationship === 'relationship' ? { type: 'inquiry-template', id: `itmpl_${word(12)}` } : null,
      },
      ...(chance(0.3) ? { [k('inquiry-template-version')]: { data: { type: 'inquiry-template-version', id: `itmplv_${word(8)}` } } } : {}),
    };
    payload = {
      data: shuffled([['type', 'inquiry'], ['id', `inq_${word(16)}`], ['attributes', attributes], ['relationships', relationships]]),
      included: [],
    };
  } else if (kind === 'report') {
    payload = { data: { type: 'report/watchlist', id: `rep_${word(12)}`, attributes: { status: 'ready' } } };
  } else if (kind === 'null') {
    payload = null;
  }
  return {
    data: shuffled([
      ['type', 'event'],
      ['id', `evt_${word(20)}`],
      ['attributes', shuffled([['name', name], [k('created-at'), timestamp()], ['payload', payload]])],
    ]),
  };
}

const encode = (value) => Buffer.from(JSON.stringify(value, null, pick([0, 0, 0, 2, '\t'])), 'utf8');

function signHeader(secrets, t, body, tText = String(t)) {
  return secrets
    .map((s) => `t=${tText},v1=${crypto.createHmac('sha256', s).update(`${tText}.`).update(body).digest('hex')}`)
    .join(' ');
}

const cases = [];
function add(what, { secrets, tolerance = 300, maxBodyBytes = 1048576, now = NOW, header, body, repeat }) {
  const result = verify({ secrets, tolerance, maxBodyBytes, now, header, body });
  const text = new TextDecoder('utf-8', { fatal: false }).decode(body);
  const roundTrips = Buffer.from(text, 'utf8').equals(body);
  let written = roundTrips ? { body: text } : { body_base64: body.toString('base64') };
  // A long run of one byte is written as the byte and a count.
  if (repeat !== undefined) written = { body_repeat: [repeat, body.length] };
  cases.push({
    id: cases.length,
    what,
    secrets,
    tolerance,
    max_body_bytes: maxBodyBytes,
    now,
    header,
    ...written,
    verdict: result.verdict,
    ...(result.event ? { event: result.event } : {}),
  });
}

// Valid deliveries, one secret.
for (let i = 0; i < 150; i += 1) {
  const s = secret();
  const body = encode(eventValue());
  const t = NOW - 300 + int(601);
  add('valid', { secrets: [s], header: signHeader([s], t, body), body });
}

// Persona's rotation: two (or three) sets; the verifier knows one, all or none.
for (let i = 0; i < 120; i += 1) {
  const signing = [secret(), secret(), ...(chance(0.2) ? [secret()] : [])];
  const body = encode(eventValue());
  const t = NOW - int(200);
  const header = signHeader(signing, t, body);
  const roll = int(4);
  const secrets = roll === 0 ? [pick(signing)] : roll === 1 ? signing.slice().reverse() : roll === 2 ? [secret()] : [secret(), signing[signing.length - 1]];
  add(`rotation (${['one known', 'all known', 'none known', 'the last known'][roll]})`, { secrets, header, body });
}

// The app's own rotation: two configured secrets.
for (let i = 0; i < 60; i += 1) {
  const configured = [secret(), secret()];
  const body = encode(eventValue());
  const signer = chance(0.8) ? pick(configured) : secret();
  add('two configured secrets', { secrets: configured, header: signHeader([signer], NOW, body), body });
}

// One-byte mutations of the body (bytes of multi-byte characters included).
for (let i = 0; i < 120; i += 1) {
  const s = secret();
  const body = encode(eventValue());
  const header = signHeader([s], NOW, body);
  const mutated = Buffer.from(body);
  const at = int(mutated.length);
  mutated[at] = chance(0.5) ? mutated[at] ^ (1 << int(8)) : int(256);
  add('body mutated by one byte', { secrets: [s], header, body: mutated });
}

// One-character mutations of the signature, the timestamp and the secret.
for (let i = 0; i < 90; i += 1) {
  const s = secret();
  const body = encode(eventValue());
  const header = signHeader([s], NOW, body);
  const v1 = header.indexOf('v1=') + 3;
  const at = v1 + int(64);
  const replacement = chance(0.85) ? pick('0123456789abcdefABCDEF'.split('')) : pick(['g', 'x', ' ', ',', '=', 'é', '']);
  add('signature mutated', { secrets: [s], header: header.slice(0, at) + replacement + header.slice(at + 1), body });
}
for (let i = 0; i < 70; i += 1) {
  const s = secret();
  const body = encode(eventValue());
  const header = signHeader([s], NOW, body);
  const at = 2 + int(String(NOW).length);
  const replacement = chance(0.8) ? String(int(10)) : pick(['a', '-', '.', '', '١', ' ']);
  add('timestamp mutated', { secrets: [s], header: header.slice(0, at) + replacement + header.slice(at + 1), body });
}
for (let i = 0; i < 70; i += 1) {
  const s = secret();
  const body = encode(eventValue());
  const header = signHeader([s], NOW, body);
  const bytes = Buffer.from(s, 'utf8');
  bytes[int(bytes.length)] ^= 1 << int(7);
  const mutated = new TextDecoder('utf-8', { fatal: false }).decode(bytes);
  add('secret mutated', { secrets: [mutated], header, body });
}

// The clock and the tolerance.
for (let i = 0; i < 100; i += 1) {
  const s = secret();
  const body = encode(eventValue());
  const tolerance = pick([0, 1, 60, 300, 300, 300, 3600]);
  const t = NOW + pick([-1, 1]) * (tolerance + pick([-1, 0, 1, 2, int(5000)]));
  add('clock and tolerance', { secrets: [s], tolerance, header: signHeader([s], Math.max(0, t), body), body });
}
for (let i = 0; i < 40; i += 1) {
  const s = secret();
  const body = encode(eventValue());
  const sets = [NOW - 1000, NOW, NOW + 1000, NOW - 10].filter(() => chance(0.6));
  if (sets.length === 0) sets.push(NOW - 5000);
  const header = sets.map((t) => signHeader([chance(0.8) ? s : secret()], t, body)).join(' ');
  add('sets with different timestamps', { secrets: [s], header, body });
}

// Header shapes.
const HEADER_EDITS = [
  ['extra whitespace', (h) => `  ${h.replaceAll(' ', '   ')}\t`],
  ['comma and space', (h) => h.replaceAll(',', ', ')],
  ['tabs and line breaks', (h) => h.replaceAll(',', '\t,\r\n')],
  ['trailing comma', (h) => `${h},`],
  ['doubled commas', (h) => h.replaceAll(',', ',,')],
  ['comma between sets', (h) => h.replaceAll(' ', ',')],
  ['unknown keys', (h) => h.replaceAll(',', ',v0=legacy,x=1,')],
  ['unknown key first', (h) => `scheme=persona ${h}`],
  ['uppercase hex', (h) => h.replace(/v1=([0-9a-f]+)/g, (_, hex) => `v1=${hex.toUpperCase()}`)],
  ['leading zeros in t', (h) => h.replaceAll('t=', 't=00')],
  ['semicolons', (h) => h.replaceAll(',', ';')],
  ['no v1', (h) => h.replace(/,v1=[0-9a-f]+/, '')],
  ['no t', (h) => h.replace(/t=[0-9]+,/, '')],
  ['v1 first', (h) => h.replace(/^(t=[0-9]+),(v1=[0-9a-f]+)/, '$2,$1')],
  ['item without =', (h) => `${h},v1`],
  ['bare signature', (h) => h.replace('v1=', '')],
  ['empty t', (h) => h.replace(/t=[0-9]+/, 't=')],
  ['negative t', (h) => h.replace('t=', 't=-')],
  ['fractional t', (h) => h.replace(/(t=[0-9]+)/, '$1.0')],
  ['hex t', (h) => h.replace(/t=[0-9]+/, 't=0x10')],
  ['t over 64 bits', (h) => h.replace(/t=[0-9]+/, 't=18446744073709551616')],
  ['t of 21 digits', (h) => h.replace(/t=([0-9]+)/, 't=00000000000$1')],
  ['arabic digits', (h) => h.replace(/t=[0-9]+/, 't=١٧٦٧')],
  ['short v1', (h) => h.replace(/v1=[0-9a-f]/, 'v1=')],
  ['long v1', (h) => h.replace(/(v1=[0-9a-f]+)/, '$10')],
  ['0x v1', (h) => h.replace(/v1=[0-9a-f]{2}/, 'v1=0x')],
  ['uppercase keys', (h) => h.replace('t=', 'T=')],
  ['V1 key', (h) => h.replaceAll('v1=', 'V1=')],
  ['no-break space', (h) => h.replace(',', '\u00a0,')],
  ['empty', () => ''],
  ['whitespace only', () => ' \t '],
  ['commas only', () => ',,,'],
  ['garbage', () => word(1 + int(60), `${ALNUM}=,; \t`)],
  ['t without v1 at the end', (h) => `${h} t=${NOW}`],
  ['nine sets', (h) => Array(9).fill(h.split(' ')[0]).join(' ')],
  ['eight sets', (h) => Array(8).fill(h.split(' ')[0]).join(' ')],
  ['seventeen signatures', (h) => h.split(' ')[0] + ',v1=00'.padEnd(68, '0').repeat(16)],
  ['sixteen signatures', (h) => `${h.split(' ')[0]}${`,v1=${'0'.repeat(64)}`.repeat(15)}`],
  ['equals in value', (h) => h.replace(/(v1=[0-9a-f]+)/, '$1=')],
];
for (let i = 0; i < 200; i += 1) {
  const s = secret();
  const body = encode(eventValue());
  const signing = chance(0.3) ? [s, secret()] : [s];
  const [what, edit] = HEADER_EDITS[i % HEADER_EDITS.length];
  add(`header: ${what}`, { secrets: [s], header: edit(signHeader(signing, NOW, body)), body });
}
for (let i = 0; i < 12; i += 1) {
  const s = secret();
  add('no header', { secrets: [s], header: null, body: encode(eventValue()) });
}

// The size limit.
for (let i = 0; i < 70; i += 1) {
  const s = secret();
  const body = encode(eventValue());
  const maxBodyBytes = Math.max(0, body.length + pick([-1, 0, 1, -int(body.length + 1), int(100)]));
  add('size limit', { secrets: [s], maxBodyBytes, header: signHeader([s], NOW, body), body });
}
{
  const s = secret();
  const body = Buffer.alloc(1048577, 0x20);
  add('over the default limit', { secrets: [s], header: signHeader([s], NOW, Buffer.from('x')), body, repeat: ' ' });
  const exact = Buffer.alloc(1048576, 0x20);
  add('at the default limit', { secrets: [s], header: signHeader([s], NOW, exact), body: exact, repeat: ' ' });
}

// Signed bodies that may not be events.
const INVALID_TIMES = ['2026-02-30T00:00:00Z', '2023-02-29T00:00:00Z', '2026-01-02T03:04:05', '2026-01-02 03:04:05Z', 'yesterday', '2026-01-02T24:00:00Z', '2026-01-02T03:04:05.Z', '2026-01-02T03:04:05+0100', '2026-01-02T03:04:05+24:00', '0000-01-01T00:00:00+00:01', '9999-12-31T23:59:60Z', '2026-13-01T00:00:00Z', ''];
const EDGE_TIMES = ['2016-12-31T23:59:60Z', '0000-01-01T00:00:00Z', '9999-12-31T23:59:59.999999999999Z', '2024-02-29T12:00:00-00:00', '1969-12-31T23:59:59.5Z'];
const STRUCTURAL = [
  ['no data', (v) => { delete v.data; }],
  ['data an array', (v) => { v.data = []; }],
  ['data null', (v) => { v.data = null; }],
  ['no type', (v) => { delete v.data.type; }],
  ['type inquiry', (v) => { v.data.type = 'inquiry'; }],
  ['type a number', (v) => { v.data.type = 1; }],
  ['type Event', (v) => { v.data.type = 'Event'; }],
  ['no id', (v) => { delete v.data.id; }],
  ['empty id', (v) => { v.data.id = ''; }],
  ['numeric id', (v) => { v.data.id = 7; }],
  ['no attributes', (v) => { delete v.data.attributes; }],
  ['attributes a string', (v) => { v.data.attributes = 'x'; }],
  ['no name', (v) => { delete v.data.attributes.name; }],
  ['empty name', (v) => { v.data.attributes.name = ''; }],
  ['name null', (v) => { v.data.attributes.name = null; }],
  ['no created-at', (v) => { for (const k of ['created-at', 'createdAt', 'created_at']) delete v.data.attributes[k]; }],
  ['created-at a number', (v) => { for (const k of ['created-at', 'createdAt', 'created_at']) if (k in v.data.attributes) v.data.attributes[k] = 1767323045; }],
  ['invalid created-at', (v) => { for (const k of ['created-at', 'createdAt', 'created_at']) if (k in v.data.attributes) v.data.attributes[k] = pick(INVALID_TIMES); }],
  ['edge created-at', (v) => { for (const k of ['created-at', 'createdAt', 'created_at']) if (k in v.data.attributes) v.data.attributes[k] = pick(EDGE_TIMES); }],
  ['two inflections of created-at', (v) => { v.data.attributes = { 'created-at': pick([null, 'nope', timestamp()]), createdAt: timestamp(), ...v.data.attributes }; }],
  ['inquiry without id', (v) => { const d = v.data.attributes.payload?.data; if (d?.type === 'inquiry') delete d.id; }],
  ['inquiry without attributes', (v) => { const d = v.data.attributes.payload?.data; if (d?.type === 'inquiry') delete d.attributes; }],
  ['inquiry without status', (v) => { const d = v.data.attributes.payload?.data; if (d?.type === 'inquiry') delete d.attributes.status; }],
  ['inquiry status a list', (v) => { const d = v.data.attributes.payload?.data; if (d?.type === 'inquiry') d.attributes.status = ['approved']; }],
  ['payload a list', (v) => { v.data.attributes.payload = [1]; }],
  ['top level array', (v) => [v]],
  ['top level string', () => 'event'],
];
const RAW = [
  ['truncated', (b) => b.subarray(0, int(b.length))],
  ['trailing garbage', (b) => Buffer.concat([b, Buffer.from(pick([' x', '}', ',', '\n\n', ' ']))])],
  ['invalid UTF-8', (b) => { const c = Buffer.from(b); c[c.indexOf(0x22) + 1] = pick([0xff, 0xc3, 0x80, 0xed]); return c; }],
  ['byte order mark', (b) => Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), b])],
  ['number out of range', (b) => Buffer.from(b.toString('utf8').replace('{', '{"big":1e400,'))],
  ['huge number in range', (b) => Buffer.from(b.toString('utf8').replace('{', '{"big":1.7976931348623157e308,"small":-1e-400,'))],
  ['lone surrogate escape', (b) => Buffer.from(b.toString('utf8').replace('{', '{"x":"\\ud800",'))],
  ['surrogate pair escape', (b) => Buffer.from(b.toString('utf8').replace('{', '{"x":"\\ud83d\\ude00",'))],
  ['escaped keys', (b) => Buffer.from(b.toString('utf8').replace('"data"', '"d\\u0061ta"'))],
  ['duplicate data', (b) => Buffer.from(b.toString('utf8').replace('{', '{"data":{"type":"event"},'))],
  ['empty', () => Buffer.alloc(0)],
  ['whitespace', () => Buffer.from(' \n')],
];
for (let i = 0; i < 200; i += 1) {
  const s = secret();
  let body;
  let what;
  if (i % 3 === 2) {
    const [name, edit] = RAW[Math.floor(i / 3) % RAW.length];
    body = edit(encode(eventValue()));
    what = `body: ${name}`;
  } else {
    const value = eventValue();
    const [name, edit] = STRUCTURAL[(i - Math.floor(i / 3)) % STRUCTURAL.length];
    const replaced = edit(value);
    body = encode(replaced === undefined ? value : replaced);
    what = `body: ${name}`;
  }
  add(what, { secrets: [s], header: signHeader([s], NOW, body), body });
}

const counts = {};
for (const c of cases) counts[c.verdict] = (counts[c.verdict] ?? 0) + 1;
const out = process.argv[2] ?? fileURLToPath(new URL('./webhook-cases.json', import.meta.url));
const text = `{
  "about": "Webhook deliveries and node's verdicts (server/conformance/verify.mjs); generated by server/conformance/generate.mjs, checked by server/tests/webhook_conformance.rs",
  "seed": ${SEED},
  "count": ${cases.length},
  "verdicts": ${JSON.stringify(Object.fromEntries(Object.entries(counts).sort()))},
  "cases": [
${cases.map((c) => `    ${JSON.stringify(c)}`).join(',\n')}
  ]
}
`;
writeFileSync(out, text);
console.error(`webhook conformance: ${cases.length} cases written to ${out}: ${JSON.stringify(counts)}`);
