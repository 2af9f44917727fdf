// Runs in the respondent's browser. Without JavaScript the form posts normally.
// The click in the email counts: once the page has been visible for a moment,
// the preselected score is reported as a click (provisional). The server holds
// it and drops it when the email's other score links were opened close to it,
// as mail scanners do (some run this script too). Trusted interactions save the
// score at once as steps (settle: false), so alerts wait until the person stops
// moving it; Send stores the comment and settles the answer.
(function () {
  var form = document.getElementById('answer');
  if (!form || !window.fetch) return;
  var status = document.getElementById('status');
  var comment = document.getElementById('comment');
  var sentScore = null;
  var touched = false;
  // How long the page must be visible before its score counts as a person's click.
  var SEEN_MS = 2000;
  function score() {
    var checked = form.querySelector('input[name=score]:checked');
    return checked ? Number(checked.value) : null;
  }
  function say(text, isError) {
    status.textContent = text;
    status.className = isError ? 'status error' : 'status';
  }
  function post(body, keepalive) {
    return fetch(form.action, {
      method: 'POST',
      credentials: 'omit',
      // The click must reach the server even when the tab closes right after.
      keepalive: !!keepalive,
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify(body),
    }).then(function (res) {
      if (res.ok) return res.json();
      return res.json().then(function (e) {
        throw new Error(e && e.message ? e.message : form.dataset.error);
      });
    });
  }
  function sendScore(event) {
    if (!event.isTrusted) return;
    touched = true;
    var value = score();
    if (value === null || value === sentScore) return;
    sentScore = value;
    post({ score: value, settle: false }).then(
      function () {
        say(form.dataset.saved, false);
      },
      function () {
        sentScore = null;
      },
    );
  }
  function watchClick() {
    if (form.dataset.click !== 'on') return;
    var seen = 0;
    var since = null;
    var timer = null;
    var done = false;
    function visible() {
      return document.visibilityState === 'visible' && !document.prerendering;
    }
    function report() {
      done = true;
      var value = score();
      if (touched || value === null) return;
      post({ score: value, provisional: true }, true).catch(function () {});
    }
    function tick() {
      if (done) return;
      if (visible() && since === null) {
        since = Date.now();
        timer = setTimeout(report, SEEN_MS - seen);
      } else if (!visible() && since !== null) {
        seen += Date.now() - since;
        since = null;
        clearTimeout(timer);
      }
    }
    document.addEventListener('visibilitychange', tick);
    document.addEventListener('prerenderingchange', tick);
    tick();
  }
  watchClick();
  form.addEventListener('change', sendScore);
  comment.addEventListener('focus', sendScore);
  form.addEventListener('submit', function (event) {
    event.preventDefault();
    var value = score();
    if (value === null) {
      say(form.dataset.choose, true);
      return;
    }
    post({ score: value, comment: comment.value }).then(
      function (answer) {
        var done = document.createElement('h1');
        done.textContent = form.dataset.thanks;
        done.tabIndex = -1;
        form.replaceWith(done);
        // Until when the answer can still be changed, as the server words it.
        if (answer && answer.editNote) {
          var note = document.createElement('p');
          note.textContent = answer.editNote;
          done.after(note);
        }
        done.focus();
      },
      function (error) {
        say(error.message, true);
      },
    );
  });
})();
