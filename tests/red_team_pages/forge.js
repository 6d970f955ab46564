// Forged flow messages for the red-team suite (tests/red_team.rs), the same ones the
// flow simulator's /red-team/attacker page posts: `load`, `complete`, `fail`, `exit`
// and `error`, with the container and template ids of the page's query. attack(target)
// posts `count` of them per round to target(), with the target origin `*`, `rounds`
// rounds `interval` ms apart, and keeps its report in window.__attack.
(function () {
  var q = new URLSearchParams(location.search);
  var report = window.__attack = { sent: 0, errors: [], done: false, lastAt: 0 };
  window.addEventListener('error', function (e) { report.errors.push(String(e.message)); });
  var container = q.get('container') || '', template = q.get('template') || '';
  var names = ['load', 'complete', 'fail', 'exit', 'error'];
  function forged(name) {
    var m = { containerId: container, templateId: template, name: name };
    if (name === 'complete' || name === 'fail') m.metadata = { inquiryId: 'inq_forged', status: 'forged', fields: {} };
    if (name === 'exit') m.metadata = { inquiryId: 'inq_forged', sessionToken: 'forged' };
    if (name === 'error') m.error = { status: 409, code: 'unauthenticated', message: 'forged' };
    return m;
  }
  window.attack = function (target) {
    var count = Number(q.get('count') || 5), rounds = Number(q.get('rounds') || 40);
    var interval = Number(q.get('interval') || 100);
    function round() {
      var t = target();
      for (var i = 0; t && i < count; i++) {
        try { t.postMessage(forged(names[i % names.length]), '*'); report.sent += 1; }
        catch (e) { report.errors.push(String(e && e.message)); }
      }
      report.lastAt = Date.now();
      rounds -= 1;
      if (rounds > 0) setTimeout(round, interval); else report.done = true;
    }
    round();
  };
})();
