// leptos-persona's JavaScript, shipped as is (see browser_js.rs).
// lodash kebabCase 4.1.1, verbatim: Copyright jQuery Foundation and other
// contributors <https://jquery.org/>; MIT license <https://lodash.com/license>.
var reAsciiWord = /[^\x00-\x2f\x3a-\x40\x5b-\x60\x7b-\x7f]+/g;
var reLatin = /[\xc0-\xd6\xd8-\xf6\xf8-\xff\u0100-\u017f]/g;
var rsAstralRange = '\\ud800-\\udfff',
    rsComboMarksRange = '\\u0300-\\u036f\\ufe20-\\ufe23',
    rsComboSymbolsRange = '\\u20d0-\\u20f0',
    rsDingbatRange = '\\u2700-\\u27bf',
    rsLowerRange = 'a-z\\xdf-\\xf6\\xf8-\\xff',
    rsMathOpRange = '\\xac\\xb1\\xd7\\xf7',
    rsNonCharRange = '\\x00-\\x2f\\x3a-\\x40\\x5b-\\x60\\x7b-\\xbf',
    rsPunctuationRange = '\\u2000-\\u206f',
    rsSpaceRange = ' \\t\\x0b\\f\\xa0\\ufeff\\n\\r\\u2028\\u2029\\u1680\\u180e\\u2000\\u2001\\u2002\\u2003\\u2004\\u2005\\u2006\\u2007\\u2008\\u2009\\u200a\\u202f\\u205f\\u3000',
    rsUpperRange = 'A-Z\\xc0-\\xd6\\xd8-\\xde',
    rsVarRange = '\\ufe0e\\ufe0f',
    rsBreakRange = rsMathOpRange + rsNonCharRange + rsPunctuationRange + rsSpaceRange;
var rsApos = "['\u2019]",
    rsBreak = '[' + rsBreakRange + ']',
    rsCombo = '[' + rsComboMarksRange + rsComboSymbolsRange + ']',
    rsDigits = '\\d+',
    rsDingbat = '[' + rsDingbatRange + ']',
    rsLower = '[' + rsLowerRange + ']',
    rsMisc = '[^' + rsAstralRange + rsBreakRange + rsDigits + rsDingbatRange + rsLowerRange + rsUpperRange + ']',
    rsFitz = '\\ud83c[\\udffb-\\udfff]',
    rsModifier = '(?:' + rsCombo + '|' + rsFitz + ')',
    rsNonAstral = '[^' + rsAstralRange + ']',
    rsRegional = '(?:\\ud83c[\\udde6-\\uddff]){2}',
    rsSurrPair = '[\\ud800-\\udbff][\\udc00-\\udfff]',
    rsUpper = '[' + rsUpperRange + ']',
    rsZWJ = '\\u200d';
var rsLowerMisc = '(?:' + rsLower + '|' + rsMisc + ')',
    rsUpperMisc = '(?:' + rsUpper + '|' + rsMisc + ')',
    rsOptLowerContr = '(?:' + rsApos + '(?:d|ll|m|re|s|t|ve))?',
    rsOptUpperContr = '(?:' + rsApos + '(?:D|LL|M|RE|S|T|VE))?',
    reOptMod = rsModifier + '?',
    rsOptVar = '[' + rsVarRange + ']?',
    rsOptJoin = '(?:' + rsZWJ + '(?:' + [rsNonAstral, rsRegional, rsSurrPair].join('|') + ')' + rsOptVar + reOptMod + ')*',
    rsSeq = rsOptVar + reOptMod + rsOptJoin,
    rsEmoji = '(?:' + [rsDingbat, rsRegional, rsSurrPair].join('|') + ')' + rsSeq;
var reApos = RegExp(rsApos, 'g');
var reComboMark = RegExp(rsCombo, 'g');

/** Used to match complex or compound words. */
var reUnicodeWord = RegExp([
  rsUpper + '?' + rsLower + '+' + rsOptLowerContr + '(?=' + [rsBreak, rsUpper, '$'].join('|') + ')',
  rsUpperMisc + '+' + rsOptUpperContr + '(?=' + [rsBreak, rsUpper + rsLowerMisc, '$'].join('|') + ')',
  rsUpper + '?' + rsLowerMisc + '+' + rsOptLowerContr,
  rsUpper + '+' + rsOptUpperContr,
  rsDigits,
  rsEmoji
].join('|'), 'g');

/** Used to detect strings that need a more robust regexp to match words. */
var reHasUnicodeWord = /[a-z][A-Z]|[A-Z]{2,}[a-z]|[0-9][a-zA-Z]|[a-zA-Z][0-9]|[^a-zA-Z0-9 ]/;
var deburredLetters = {
  // Latin-1 Supplement block.
  '\xc0': 'A',  '\xc1': 'A', '\xc2': 'A', '\xc3': 'A', '\xc4': 'A', '\xc5': 'A',
  '\xe0': 'a',  '\xe1': 'a', '\xe2': 'a', '\xe3': 'a', '\xe4': 'a', '\xe5': 'a',
  '\xc7': 'C',  '\xe7': 'c',
  '\xd0': 'D',  '\xf0': 'd',
  '\xc8': 'E',  '\xc9': 'E', '\xca': 'E', '\xcb': 'E',
  '\xe8': 'e',  '\xe9': 'e', '\xea': 'e', '\xeb': 'e',
  '\xcc': 'I',  '\xcd': 'I', '\xce': 'I', '\xcf': 'I',
  '\xec': 'i',  '\xed': 'i', '\xee': 'i', '\xef': 'i',
  '\xd1': 'N',  '\xf1': 'n',
  '\xd2': 'O',  '\xd3': 'O', '\xd4': 'O', '\xd5': 'O', '\xd6': 'O', '\xd8': 'O',
  '\xf2': 'o',  '\xf3': 'o', '\xf4': 'o', '\xf5': 'o', '\xf6': 'o', '\xf8': 'o',
  '\xd9': 'U',  '\xda': 'U', '\xdb': 'U', '\xdc': 'U',
  '\xf9': 'u',  '\xfa': 'u', '\xfb': 'u', '\xfc': 'u',
  '\xdd': 'Y',  '\xfd': 'y', '\xff': 'y',
  '\xc6': 'Ae', '\xe6': 'ae',
  '\xde': 'Th', '\xfe': 'th',
  '\xdf': 'ss',
  // Latin Extended-A block.
  '\u0100': 'A',  '\u0102': 'A', '\u0104': 'A',
  '\u0101': 'a',  '\u0103': 'a', '\u0105': 'a',
  '\u0106': 'C',  '\u0108': 'C', '\u010a': 'C', '\u010c': 'C',
  '\u0107': 'c',  '\u0109': 'c', '\u010b': 'c', '\u010d': 'c',
  '\u010e': 'D',  '\u0110': 'D', '\u010f': 'd', '\u0111': 'd',
  '\u0112': 'E',  '\u0114': 'E', '\u0116': 'E', '\u0118': 'E', '\u011a': 'E',
  '\u0113': 'e',  '\u0115': 'e', '\u0117': 'e', '\u0119': 'e', '\u011b': 'e',
  '\u011c': 'G',  '\u011e': 'G', '\u0120': 'G', '\u0122': 'G',
  '\u011d': 'g',  '\u011f': 'g', '\u0121': 'g', '\u0123': 'g',
  '\u0124': 'H',  '\u0126': 'H', '\u0125': 'h', '\u0127': 'h',
  '\u0128': 'I',  '\u012a': 'I', '\u012c': 'I', '\u012e': 'I', '\u0130': 'I',
  '\u0129': 'i',  '\u012b': 'i', '\u012d': 'i', '\u012f': 'i', '\u0131': 'i',
  '\u0134': 'J',  '\u0135': 'j',
  '\u0136': 'K',  '\u0137': 'k', '\u0138': 'k',
  '\u0139': 'L',  '\u013b': 'L', '\u013d': 'L', '\u013f': 'L', '\u0141': 'L',
  '\u013a': 'l',  '\u013c': 'l', '\u013e': 'l', '\u0140': 'l', '\u0142': 'l',
  '\u0143': 'N',  '\u0145': 'N', '\u0147': 'N', '\u014a': 'N',
  '\u0144': 'n',  '\u0146': 'n', '\u0148': 'n', '\u014b': 'n',
  '\u014c': 'O',  '\u014e': 'O', '\u0150': 'O',
  '\u014d': 'o',  '\u014f': 'o', '\u0151': 'o',
  '\u0154': 'R',  '\u0156': 'R', '\u0158': 'R',
  '\u0155': 'r',  '\u0157': 'r', '\u0159': 'r',
  '\u015a': 'S',  '\u015c': 'S', '\u015e': 'S', '\u0160': 'S',
  '\u015b': 's',  '\u015d': 's', '\u015f': 's', '\u0161': 's',
  '\u0162': 'T',  '\u0164': 'T', '\u0166': 'T',
  '\u0163': 't',  '\u0165': 't', '\u0167': 't',
  '\u0168': 'U',  '\u016a': 'U', '\u016c': 'U', '\u016e': 'U', '\u0170': 'U', '\u0172': 'U',
  '\u0169': 'u',  '\u016b': 'u', '\u016d': 'u', '\u016f': 'u', '\u0171': 'u', '\u0173': 'u',
  '\u0174': 'W',  '\u0175': 'w',
  '\u0176': 'Y',  '\u0177': 'y', '\u0178': 'Y',
  '\u0179': 'Z',  '\u017b': 'Z', '\u017d': 'Z',
  '\u017a': 'z',  '\u017c': 'z', '\u017e': 'z',
  '\u0132': 'IJ', '\u0133': 'ij',
  '\u0152': 'Oe', '\u0153': 'oe',
  '\u0149': "'n", '\u017f': 'ss'
};


function words(string) {
  return string.match(reHasUnicodeWord.test(string) ? reUnicodeWord : reAsciiWord) || [];
}

function deburr(string) {
  return string.replace(reLatin, function (c) { return deburredLetters[c]; }).replace(reComboMark, '');
}

export function kebab_case(string) {
  return words(deburr(string).replace(reApos, '')).reduce(function (result, word, index) {
    return result + (index ? '-' : '') + word.toLowerCase();
  }, '');
}

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
