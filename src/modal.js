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

var css = '@keyframes persona-inquiry-spin{to{transform:rotate(360deg)}}' +
  '.persona-inquiry__spinner{position:absolute;top:50%;left:50%;width:48px;height:48px;' +
  'margin:-24px 0 0 -24px;box-sizing:border-box;border-radius:50%}' +
  ':where(.persona-inquiry__spinner){border:4px solid var(--persona-spinner-track,rgba(255,255,255,.3));' +
  'border-top-color:var(--persona-spinner,#fff);animation:persona-inquiry-spin 1s linear infinite}' +
  '.persona-inquiry:not([data-phase=loading]) .persona-inquiry__spinner{display:none}' +
  ':root:has(.persona-inquiry__dialog[open]){overflow:hidden}' +
  ':root[data-persona-scrollbar]:has(.persona-inquiry__dialog[open]){scrollbar-gutter:stable}' +
  '@media only screen and (min-width: 600.02px) and (min-height: 600.02px)' +
  '{.persona-inquiry__dialog{--persona-desktop: }}';
var styled = [];

function add_styles(doc) {
  if (styled.indexOf(doc) >= 0) return;
  styled.push(doc);
  try {
    var sheet = new doc.defaultView.CSSStyleSheet();
    sheet.replaceSync(css);
    doc.adoptedStyleSheets = doc.adoptedStyleSheets.concat([sheet]);
  } catch (e) {
    var s = doc.createElement('style'), n = doc.querySelector('[nonce]');
    if (n) s.nonce = n.nonce;
    s.textContent = css;
    doc.head.appendChild(s);
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

export function show_dialog(iframe, on_event, spinner_label) {
  var d = iframe.parentElement;
  if (!d || typeof d.showModal !== 'function') return null;
  var doc = d.ownerDocument, root = doc.documentElement;
  var back = doc.activeElement;
  add_styles(doc);
  if (!doc.querySelector('.persona-inquiry__dialog[open]'))
    root.toggleAttribute('data-persona-scrollbar', doc.defaultView.innerWidth > root.clientWidth);
  if (spinner_label != null) add_spinner(d, spinner_label);
  d.oncancel = function (e) { e.preventDefault(); on_event(true); };
  d.onclose = function () { if (!d.open) on_event(false); };
  try { if (!d.open) d.showModal(); } catch (e) {}
  wrap_focus(d);
  iframe.focus();
  return { d: d, back: back };
}

export function hide_dialog(shown) {
  var d = shown.d, back = shown.back;
  d.oncancel = d.onclose = null;
  if (d.open) d.close();
  if (back && typeof back.focus === 'function') back.focus();
}
