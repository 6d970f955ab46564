// leptos-persona's modal: the dialog's DOM work (see src/modal.rs). A module of
// its own, imported only by an app with a modal. This is the source:
// `cargo xtask js` minifies it into modal.min.js, which is what ships.

// Sends Tab and Shift+Tab round the open dialog: an unseen, focusable guard at
// each end takes the focus a browser would give its own toolbar and passes it
// to the first (Tab) or last (Shift+Tab) element of the dialog that takes it.
// Hidden or disabled candidates refuse focus and are skipped.
function wrap_focus(d) {
  if (d.querySelector('[data-focus-guard]')) return;
  [1, 0].forEach(function (first) {
    var g = d.ownerDocument.createElement('span');
    g.tabIndex = 0;
    g.setAttribute('data-focus-guard', '');
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

// The modal's styles, added once per document:
// - the built-in spinner: its layout, and at no specificity (`:where`) its turn
//   and colours, so that a page's own rules (such as a reduced-motion one) win;
//   shown only while the wrapper's data-phase is `loading`;
// - the scroll lock: while any of the crate's dialogs is open the page does not
//   scroll, and if it had a scrollbar the body's right padding (even an inline
//   one, hence !important) grows by its width, so that nothing moves. Not
//   `scrollbar-gutter`: it would narrow the dialog too, as fixed boxes and `vw`
//   leave the gutter out;
// - `--persona-desktop`, a space toggle: empty (so `var(--persona-desktop) 400px`
//   is `400px`) in the desktop media query, which must stay the core's
//   DESKTOP_MEDIA_QUERY, and unset (so the declaration is void) below it.
var css = '@keyframes persona-inquiry-spin{to{transform:rotate(360deg)}}' +
  '.persona-inquiry__spinner{position:absolute;top:50%;left:50%;width:48px;height:48px;' +
  'margin:-24px 0 0 -24px;box-sizing:border-box;border-radius:50%}' +
  ':where(.persona-inquiry__spinner){border:4px solid var(--persona-spinner-track,rgba(255,255,255,.3));' +
  'border-top-color:var(--persona-spinner,#fff);animation:persona-inquiry-spin 1s linear infinite}' +
  '.persona-inquiry:not([data-phase=loading]) .persona-inquiry__spinner{display:none}' +
  '[data-focus-guard]{position:fixed;top:0;left:0;width:1px;height:1px;opacity:0;pointer-events:none}' +
  ':root:has(.persona-inquiry__dialog[open]){overflow:hidden}' +
  ':root[data-persona-scrollbar]:has(.persona-inquiry__dialog[open]) body{padding-right:var(--persona-scrollbar)!important}' +
  '@media only screen and (min-width: 600.02px) and (min-height: 600.02px)' +
  '{.persona-inquiry__dialog{--persona-desktop: }}';

// An adopted constructed stylesheet (which a page's CSP does not block); where
// a browser has none, a <style> in the head.
function add_styles(doc) {
  if (doc.persona_styled) return;
  doc.persona_styled = 1;
  try {
    var sheet = new doc.defaultView.CSSStyleSheet();
    sheet.replaceSync(css);
    doc.adoptedStyleSheets = doc.adoptedStyleSheets.concat([sheet]);
  } catch (e) {
    try { doc.head.appendChild(doc.createElement('style')).textContent = css; } catch (f) {}
  }
}

function add_spinner(d, label) {
  if (d.querySelector('.persona-inquiry__spinner')) return;
  var s = d.ownerDocument.createElement('div');
  s.className = 'persona-inquiry__spinner';
  s.setAttribute('role', 'status');
  s.setAttribute('aria-label', label);
  d.prepend(s);
}

// Shows the dialog round `iframe` (its parent) and focuses the flow. The first
// of the crate's modals to open notes, for the scroll lock, whether the page
// has a scrollbar and the body's right padding with its width added.
// `on_event(true)` is the dialog's cancel (Escape), its default prevented;
// `on_event(false)` a close that left it closed. Nothing here throws.
// Returns what hide_dialog takes (the dialog, and the element that had focus),
// or null when `iframe` is not in a dialog.
export function show_dialog(iframe, on_event, spinner_label) {
  var d = iframe.parentElement;
  if (!d || typeof d.showModal !== 'function') return null;
  var doc = d.ownerDocument, root = doc.documentElement;
  var back = doc.activeElement;
  add_styles(doc);
  if (!doc.querySelector('.persona-inquiry__dialog[open]')) {
    var bar = innerWidth - root.clientWidth;
    root.toggleAttribute('data-persona-scrollbar', bar > 0);
    if (bar > 0 && doc.body)
      root.style.setProperty('--persona-scrollbar',
        bar + parseFloat(getComputedStyle(doc.body).paddingRight) + 'px');
  }
  if (spinner_label != null) add_spinner(d, spinner_label);
  d.oncancel = function (e) { e.preventDefault(); on_event(true); };
  d.onclose = function () { if (!d.open) on_event(false); };
  try { if (!d.open) d.showModal(); } catch (e) {}
  wrap_focus(d);
  iframe.focus();
  return { d: d, back: back };
}

// Closes the dialog show_dialog showed and gives focus back.
export function hide_dialog(shown) {
  var d = shown.d, back = shown.back;
  d.oncancel = d.onclose = null;
  if (d.open) d.close();
  if (back && typeof back.focus === 'function') back.focus();
}
