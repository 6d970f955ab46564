// leptos-persona's JavaScript (see src/browser_js.rs). This is the source:
// `cargo xtask js` minifies it into browser.min.js, which is what ships.

export function number_to_string(value) {
  return String(value);
}

// What JSON makes of a value (see src/frame_link.rs): 0 null, 1 false, 2 true,
// 3 number, 4 string, 5 array, 6 plain object; -1 NaN/infinite, -2 lone
// surrogate, -3 another object (or a throwing proxy), -4 function, -5 bigint,
// -6 symbol.
export function json_kind(v) {
  try {
    if (v === null || v === undefined) return 0;
    switch (typeof v) {
      case 'boolean': return v ? 2 : 1;
      case 'number': return isFinite(v) ? 3 : -1;
      case 'string': return /[\ud800-\udfff]/u.test(v) ? -2 : 4;
      case 'object':
        if (Array.isArray(v)) return 5;
        var p = Object.getPrototypeOf(v);
        if (p === null || p === Object.prototype) return 6;
        break;
      case 'function': return -4;
      case 'bigint': return -5;
      case 'symbol': return -6;
    }
  } catch (e) {}
  return -3;
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
