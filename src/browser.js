// leptos-persona's JavaScript, shipped as is (see browser_js.rs).
export function number_to_string(value) {
  return String(value);
}

// What JSON makes of a value (see frame_link.rs): 0 null, 1 false, 2 true,
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

function wrap_focus(d) {
  if (d.querySelector('[data-focus-guard]')) return;
  [1, 0].forEach(function (first) {
    var g = d.ownerDocument.createElement('span');
    g.tabIndex = 0;
    g.setAttribute('data-focus-guard', '');
    g.style.cssText = 'position:fixed;top:0;left:0;width:1px;height:1px;opacity:0;pointer-events:none';
    g.onfocus = function () {
      var all = d.querySelectorAll('iframe,a[href],button,input,select,textarea,summary,[tabindex],[contenteditable]');
      for (var i = 0; i < all.length; i++) {
        var e = all[first ? all.length - 1 - i : i];
        if (e.hasAttribute('data-focus-guard') || e.tabIndex < 0) continue;
        e.focus();
        if (e.ownerDocument.activeElement === e) return;
      }
    };
    first ? d.prepend(g) : d.append(g);
  });
}

// The modal's scroll lock, focus guards and show/hide: see modal.rs.
var scrollHolders = 0, scrollSaved = null;
var scrollLocked = ['overflow', 'position', 'top', 'left', 'right', 'padding-right'];

function lock_scroll() {
  if (++scrollHolders !== 1 || !document.body) return;
  var style = document.body.style;
  var y = window.scrollY;
  scrollSaved = { y: y, values: scrollLocked.map(function (p) { return style.getPropertyValue(p); }) };
  var scrollbar = Math.max(0, window.innerWidth - document.documentElement.clientWidth);
  style.setProperty('overflow', 'hidden');
  style.setProperty('position', 'fixed');
  style.setProperty('top', -Math.round(y) + 'px');
  style.setProperty('left', '0');
  style.setProperty('right', '0');
  if (scrollbar > 0) style.setProperty('padding-right', Math.round(scrollbar) + 'px');
}

function unlock_scroll() {
  scrollHolders = Math.max(0, scrollHolders - 1);
  if (scrollHolders !== 0 || !scrollSaved || !document.body) return;
  var saved = scrollSaved, style = document.body.style;
  scrollSaved = null;
  scrollLocked.forEach(function (p, i) {
    if (saved.values[i]) style.setProperty(p, saved.values[i]);
    else style.removeProperty(p);
  });
  window.scrollTo(window.scrollX, saved.y);
}

export function show_dialog(iframe, on_event) {
  var d = iframe.parentElement;
  if (!d || typeof d.showModal !== 'function') return null;
  var back = d.ownerDocument.activeElement;
  d.oncancel = on_event;
  d.onclose = function (e) { if (!d.open) on_event(e); };
  try { if (!d.open) d.showModal(); } catch (e) {}
  wrap_focus(d);
  lock_scroll();
  iframe.focus();
  return { d: d, back: back };
}

export function hide_dialog(shown) {
  var d = shown.d, back = shown.back;
  d.oncancel = d.onclose = null;
  if (d.open) d.close();
  unlock_scroll();
  if (back && typeof back.focus === 'function') back.focus();
}

export function matches_media(query) {
  return window.matchMedia(query).matches;
}
