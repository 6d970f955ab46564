// See focus_wrap.rs.
export function wrap_focus(d) {
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
