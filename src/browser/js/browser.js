// leptos-persona's JavaScript (see src/browser_js.rs). This is the source:
// `cargo xtask js` minifies it into browser.min.js, which is what ships.

export function number_to_string(value) {
  return String(value);
}

// What JSON makes of a value: the codes `json_kind` returns. src/frame_link.rs
// names the same codes in its `kind` module, and a test there reads these lines
// to check that both sides agree.
const KIND_NULL = 0; // null or undefined
const KIND_FALSE = 1;
const KIND_TRUE = 2;
const KIND_NUMBER = 3; // finite
const KIND_STRING = 4; // well-formed UTF-16
const KIND_ARRAY = 5;
const KIND_OBJECT = 6; // plain: prototype Object.prototype or null
const KIND_NOT_FINITE = -1; // NaN or infinite
const KIND_LONE_SURROGATE = -2;
const KIND_OTHER_OBJECT = -3; // not plain, or its inspection threw
const KIND_FUNCTION = -4;
const KIND_BIGINT = -5;
const KIND_SYMBOL = -6;

export function json_kind(v) {
  try {
    if (v === null || v === undefined) return KIND_NULL;
    switch (typeof v) {
      case 'boolean': return v ? KIND_TRUE : KIND_FALSE;
      case 'number': return isFinite(v) ? KIND_NUMBER : KIND_NOT_FINITE;
      case 'string': return /[\ud800-\udfff]/u.test(v) ? KIND_LONE_SURROGATE : KIND_STRING;
      case 'object':
        if (Array.isArray(v)) return KIND_ARRAY;
        var p = Object.getPrototypeOf(v);
        if (p === null || p === Object.prototype) return KIND_OBJECT;
        break;
      case 'function': return KIND_FUNCTION;
      case 'bigint': return KIND_BIGINT;
      case 'symbol': return KIND_SYMBOL;
    }
  } catch (e) {}
  return KIND_OTHER_OBJECT;
}
// An array's elements, or a plain object's members as [key, value, ...]
// with undefined ones left out; null if reading one throws.
export function json_items(v) {
  try {
    if (Array.isArray(v)) return Array.prototype.slice.call(v);
    var out = [];
    Object.keys(v).forEach(function (k) { if (v[k] !== undefined) out.push(k, v[k]); });
    return out;
  } catch (e) {
    return null;
  }
}

export function is_source(event, iframe) {
  var w = iframe.contentWindow;
  return !!w && event.source === w;
}

// Posts {action, metadata} to the flow, at its exact origin; false when the
// iframe has no window or the post throws (a malformed origin).
export function post_action(iframe, action, force, origin) {
  var w = iframe.contentWindow;
  if (!w) return false;
  var metadata = {};
  if (force !== undefined) metadata.force = force;
  try {
    w.postMessage({ action: action, metadata: metadata }, origin);
    return true;
  } catch (e) {
    return false;
  }
}

// `persona-inquiry-` and 20 base-32 digits from crypto.getRandomValues.
export function random_container_id() {
  var digits = '0123456789abcdefghijklmnopqrstuv';
  return 'persona-inquiry-' + Array.prototype.map.call(
    crypto.getRandomValues(new Uint8Array(20)),
    function (b) { return digits[b & 31]; }
  ).join('');
}
