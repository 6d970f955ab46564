// An independent implementation of leptos-persona-server's webhook rules, on
// node's own crypto (the HMAC as Persona's Node sample computes it:
// crypto.createHmac('sha256', secret).update(`${t}.${body}`)), with the
// sample's header parsing fixed for rotation: the header is split on
// whitespace first (the sets), then on commas (the items). It decides the
// verdict of every generated case; the Rust test must agree.
//
// The rules (the crate's documentation says the same):
// - no header: missing-header;
// - items separated by commas and/or ASCII whitespace, empty ones skipped,
//   `key=value` split at the first `=`; `t` opens a set, the `v1` after it
//   are its signatures; other keys ignored; sets with the same `t` text are
//   one set (at its first place). Malformed: no item, an item without `=`,
//   a `v1` before any `t`, a `t` without a `v1` after it, a `t` not 1-20
//   ASCII digits fitting in 64 bits, a `v1` not 64 hex digits, more than 8
//   `t` or 16 `v1` items: malformed-header;
// - a body over the limit: too-large;
// - the sets in order: a set matches when one of its signatures is the HMAC
//   of `${t}.${body}` under a non-empty secret; the first matching set within
//   the tolerance of `now` accepts; otherwise the first matching set's
//   timestamp error (too-old, in-future); no matching set: no-match;
// - then the body must be an event (see `parseEvent`): not-event otherwise.

import crypto from 'node:crypto';

const WHITESPACE = /[ \t\n\r\f]+/;
const MAX_SETS = 8;
const MAX_SIGNATURES = 16;
const U64_MAX = 18446744073709551615n;

/** The header's sets ([{ t, value, signatures: [Buffer] }]) or null when malformed. */
export function parseHeader(header) {
  const sets = [];
  let open = null;
  let openHasSignature = false;
  let ts = 0;
  let signatures = 0;
  let items = 0;
  for (const chunk of header.split(WHITESPACE)) {
    for (const item of chunk.split(',')) {
      if (item === '') continue;
      items += 1;
      const eq = item.indexOf('=');
      if (eq < 0) return null;
      const key = item.slice(0, eq);
      const value = item.slice(eq + 1);
      if (key === 't') {
        if (open !== null && !openHasSignature) return null;
        ts += 1;
        if (ts > MAX_SETS) return null;
        if (!/^[0-9]{1,20}$/.test(value) || BigInt(value) > U64_MAX) return null;
        open = sets.find((set) => set.text === value);
        if (open === undefined) {
          open = { text: value, t: BigInt(value), signatures: [] };
          sets.push(open);
        }
        openHasSignature = false;
      } else if (key === 'v1') {
        if (open === null) return null;
        signatures += 1;
        if (signatures > MAX_SIGNATURES) return null;
        if (!/^[0-9a-fA-F]{64}$/.test(value)) return null;
        open.signatures.push(Buffer.from(value, 'hex'));
        openHasSignature = true;
      }
    }
  }
  if (items === 0 || open === null || !openHasSignature) return null;
  return sets;
}

function hmac(secret, t, body) {
  return crypto.createHmac('sha256', secret).update(`${t}.`).update(body).digest();
}

/** The verdict for one case: { verdict, event? }. */
export function verify({ secrets, tolerance, maxBodyBytes, now, header, body }) {
  if (header === null) return { verdict: 'missing-header' };
  const sets = parseHeader(header);
  if (sets === null) return { verdict: 'malformed-header' };
  if (body.length > maxBodyBytes) return { verdict: 'too-large' };
  const keys = secrets.filter((secret) => secret.length > 0);
  const nowBig = BigInt(now);
  const toleranceBig = BigInt(tolerance);
  let firstTimeError = null;
  for (const set of sets) {
    const matches = keys.some((secret) => {
      const expected = hmac(secret, set.text, body);
      return set.signatures.some((signature) => crypto.timingSafeEqual(expected, signature));
    });
    if (!matches) continue;
    if (nowBig - set.t > toleranceBig) {
      firstTimeError ??= 'too-old';
    } else if (set.t - nowBig > toleranceBig) {
      firstTimeError ??= 'in-future';
    } else {
      const event = parseEvent(body, set.t);
      return event === null ? { verdict: 'not-event' } : { verdict: 'accept', event };
    }
  }
  return { verdict: firstTimeError ?? 'no-match' };
}

const own = (object, key) => Object.prototype.hasOwnProperty.call(object, key);
const isObject = (value) => typeof value === 'object' && value !== null && !Array.isArray(value);
/** The first of a kebab-case key's inflections (kebab, camel, snake) the object has. */
function inflected(object, kebab) {
  const camel = kebab.replace(/-([a-z])/g, (_, c) => c.toUpperCase());
  const snake = kebab.replaceAll('-', '_');
  for (const key of [kebab, camel, snake]) if (own(object, key)) return object[key];
  return undefined;
}
const nonEmptyString = (value) => typeof value === 'string' && value !== '';
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/**
 * The event's summary, or null when the body is not an event: strict UTF-8
 * (a BOM is not JSON), JSON without lone surrogates or numbers out of the
 * double range (which serde_json refuses), an object whose `data` is an
 * object with `type` "event", a non-empty string `id`, an object
 * `attributes` with a non-empty string `name` and an RFC 3339 `created-at`
 * (in any inflection, the first present); an `attributes.payload.data` of
 * type "inquiry" needs a non-empty string `id` and an object `attributes`
 * with a non-empty string `status`.
 */
export function parseEvent(body, signedAt) {
  let text;
  try {
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(body);
  } catch {
    return null;
  }
  let valid = true;
  let root;
  try {
    root = JSON.parse(text, (key, value) => {
      if (LONE_SURROGATE.test(key)) valid = false;
      if (typeof value === 'string' && LONE_SURROGATE.test(value)) valid = false;
      if (typeof value === 'number' && !Number.isFinite(value)) valid = false;
      return value;
    });
  } catch {
    return null;
  }
  if (!valid || !isObject(root) || !own(root, 'data') || !isObject(root.data)) return null;
  const data = root.data;
  if (data.type !== 'event' || !nonEmptyString(data.id)) return null;
  if (!own(data, 'attributes') || !isObject(data.attributes)) return null;
  const attributes = data.attributes;
  if (!own(attributes, 'name') || !nonEmptyString(attributes.name)) return null;
  const createdAtText = inflected(attributes, 'created-at');
  if (!nonEmptyString(createdAtText)) return null;
  const createdAt = parseRfc3339(createdAtText);
  if (createdAt === null) return null;
  let inquiry = null;
  const payload = own(attributes, 'payload') ? attributes.payload : undefined;
  if (isObject(payload) && own(payload, 'data') && isObject(payload.data)) {
    const object = payload.data;
    if (object.type === 'inquiry') {
      if (!nonEmptyString(object.id)) return null;
      if (!own(object, 'attributes') || !isObject(object.attributes)) return null;
      const inquiryAttributes = object.attributes;
      if (!own(inquiryAttributes, 'status') || !nonEmptyString(inquiryAttributes.status)) return null;
      const asString = (value) => (typeof value === 'string' ? value : null);
      let templateId = null;
      const relationships = own(object, 'relationships') ? object.relationships : undefined;
      if (isObject(relationships)) {
        const template = inflected(relationships, 'inquiry-template');
        if (isObject(template) && own(template, 'data') && isObject(template.data) && own(template.data, 'id')) {
          templateId = asString(template.data.id);
        }
      }
      templateId ??= asString(inflected(inquiryAttributes, 'inquiry-template-id'));
      const fields = own(inquiryAttributes, 'fields') && isObject(inquiryAttributes.fields)
        ? inquiryAttributes.fields
        : {};
      inquiry = {
        id: object.id,
        status: inquiryAttributes.status,
        reference_id: asString(inflected(inquiryAttributes, 'reference-id')),
        template_id: templateId,
        fields,
      };
    }
  }
  return {
    id: data.id,
    name: attributes.name,
    created_at: createdAt,
    signed_at: Number(signedAt),
    inquiry,
  };
}

const RFC3339 = /^([0-9]{4})-([0-9]{2})-([0-9]{2})[Tt]([0-9]{2}):([0-9]{2}):([0-9]{2})(?:\.([0-9]+))?([Zz]|[+-][0-9]{2}:[0-9]{2})$/;

/** [unix seconds, nanoseconds] of an RFC 3339 date-time in 0000-9999, or null. */
export function parseRfc3339(text) {
  const m = RFC3339.exec(text);
  if (m === null) return null;
  const [year, month, day, hour, minute, second] = m.slice(1, 7).map(Number);
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  const monthDays = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
  if (month < 1 || month > 12 || day < 1 || day > monthDays[month - 1]) return null;
  if (hour > 23 || minute > 59 || second > 60) return null;
  const nanos = m[7] === undefined ? 0 : Number(m[7].slice(0, 9).padEnd(9, '0'));
  let offset = 0;
  if (m[8] !== 'Z' && m[8] !== 'z') {
    const hours = Number(m[8].slice(1, 3));
    const minutes = Number(m[8].slice(4, 6));
    if (hours > 23 || minutes > 59) return null;
    offset = (m[8][0] === '-' ? -1 : 1) * (hours * 3600 + minutes * 60);
  }
  // Days since 1970-01-01, counted by years, then months (no Date: it maps
  // years below 100 to the 1900s).
  let days = 0;
  for (let y = 1970; y < year; y += 1) days += isLeap(y) ? 366 : 365;
  for (let y = year; y < 1970; y += 1) days -= isLeap(y) ? 366 : 365;
  for (let mo = 1; mo < month; mo += 1) days += monthDays[mo - 1];
  days += day - 1;
  const seconds = days * 86400 + hour * 3600 + minute * 60 + second - offset;
  if (seconds < -62167219200 || seconds > 253402300799) return null;
  return [seconds, nanos];
}

function isLeap(y) {
  return y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0);
}
