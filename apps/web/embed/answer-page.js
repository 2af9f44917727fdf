// Runs in the respondent's browser. Mail scanners that execute JavaScript load
// the page but do not interact with it, so nothing is sent on load: the score
// goes out on the person's first real (trusted) interaction with the form,
// then the Send button stores the comment too. Without JavaScript the form
// posts normally.
(function () {
  var form = document.getElementById('answer');
  if (!form || !window.fetch) return;
  var status = document.getElementById('status');
  var comment = document.getElementById('comment');
  var sentScore = null;
  function score() {
    var checked = form.querySelector('input[name=score]:checked');
    return checked ? Number(checked.value) : null;
  }
  function say(text, isError) {
    status.textContent = text;
    status.className = isError ? 'status error' : 'status';
  }
  function post(body) {
    return fetch(form.action, {
      method: 'POST',
      credentials: 'omit',
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
    var value = score();
    if (value === null || value === sentScore) return;
    sentScore = value;
    post({ score: value }).then(
      function () {
        say(form.dataset.saved, false);
      },
      function () {
        sentScore = null;
      },
    );
  }
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
