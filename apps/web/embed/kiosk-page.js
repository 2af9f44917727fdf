// Runs on a touchpoint's kiosk page (/t/:key?kiosk=1), a tablet at the exit that
// everyone leaving answers in turn. Send posts the answer with the tablet's
// device id (kept in localStorage, so the limits per device hold across
// reloads), shows the thank-you, and after a few seconds clears the form for
// the next person. Nothing about anyone is kept: no person, and the comment is
// gone with the reset. A half-finished answer left alone is cleared too.
(function () {
  var form = document.getElementById('answer');
  var thanks = document.getElementById('thanks');
  if (!form || !thanks || !window.fetch) return;
  var status = document.getElementById('status');
  var resetMs = Number(form.dataset.reset || '5') * 1000;
  // A score chosen and then left: cleared after a minute without a touch.
  var IDLE_MS = 60000;
  var idleTimer = null;
  var sending = false;

  function deviceId() {
    var key = 'cairn-kiosk-device';
    try {
      var id = window.localStorage.getItem(key);
      if (!id) {
        id =
          window.crypto && window.crypto.randomUUID ? window.crypto.randomUUID() : String(Date.now()) + Math.random().toString(36).slice(2);
        window.localStorage.setItem(key, id);
      }
      return id;
    } catch {
      return null; // storage off: the page's cookie stands in
    }
  }
  function say(text, isError) {
    status.textContent = text;
    status.className = isError ? 'status error' : 'status';
  }
  function clear() {
    form.reset();
    say('', false);
    thanks.hidden = true;
    form.hidden = false;
    sending = false;
  }
  function idle() {
    clearTimeout(idleTimer);
    idleTimer = setTimeout(clear, IDLE_MS);
  }
  function showThanks(text) {
    clearTimeout(idleTimer);
    thanks.firstElementChild.textContent = text;
    form.hidden = true;
    thanks.hidden = false;
    setTimeout(clear, resetMs);
  }
  form.addEventListener('input', idle);
  form.addEventListener('submit', function (event) {
    event.preventDefault();
    if (sending) return;
    var checked = form.querySelector('input[name=score]:checked');
    if (!checked) return say(form.dataset.choose, true);
    sending = true;
    var body = { score: Number(checked.value), comment: document.getElementById('comment').value, device: deviceId() };
    fetch(form.action, {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify(body),
    }).then(
      function (res) {
        if (res.ok) return showThanks(form.dataset.thanks);
        sending = false;
        say(res.status === 429 ? form.dataset.tooMany : form.dataset.error, true);
        if (res.status === 429) setTimeout(clear, resetMs);
      },
      function () {
        sending = false;
        say(form.dataset.error, true);
      },
    );
  });
})();
