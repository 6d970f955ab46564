export function number_to_string(value) {
  return String(value);
}
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

export function random_container_id() {
  var digits = '0123456789abcdefghijklmnopqrstuv';
  return 'persona-inquiry-' + Array.prototype.map.call(
    crypto.getRandomValues(new Uint8Array(20)),
    function (b) { return digits[b & 31]; }
  ).join('');
}
