// The embeddable widget, served as /widget.js:
//   <script src="https://cairn.example.com/widget.js" data-workspace-key="pk_…"
//     data-touchpoint="checkout" data-locale="sv" data-person-id="42"
//     data-person-hash="<hex HMAC-SHA256 of 42 with the identity secret>" async></script>
// The person is sent only with its hash (computed on the site's server): an
// unsigned visitor answers anonymously, so nobody can answer as someone else.
// data-preview="true" (the dashboard's live preview) shows everything but
// stores nothing: Send only shows the thank-you text.
// It renders in a shadow root (the host page's CSS cannot break it, ours
// cannot leak out), builds every node with textContent (no HTML from the
// server is ever parsed) and posts once: the score with the optional comment.
(function () {
  var script = document.currentScript;
  if (!script || !window.fetch) return;
  var d = script.dataset;
  var base = script.src.replace(/\/widget\.js(?:[?#].*)?$/, '');
  var locale = d.locale || navigator.language || 'en';
  var person = {};
  if (d.personId) person.externalId = d.personId;
  if (d.personEmail) person.email = d.personEmail;
  if (d.personName) person.name = d.personName;
  if (d.personHash) person.userHash = d.personHash;
  var query = '?workspaceKey=' + encodeURIComponent(d.workspaceKey || '') + '&locale=' + encodeURIComponent(locale);
  fetch(base + '/api/v1/public/surveys/' + encodeURIComponent(d.touchpoint || '') + query, { credentials: 'omit' })
    .then(function (res) {
      return res.ok ? res.json() : null;
    })
    .then(
      function (survey) {
        if (survey) render(survey);
      },
      function () {},
    );

  function el(tag, text, attrs) {
    var node = document.createElement(tag);
    if (text) node.textContent = text;
    for (var name in attrs || {}) node.setAttribute(name, attrs[name]);
    return node;
  }

  function render(survey) {
    var host = el('div', '', { 'data-cairn-widget': survey.touchpointKey });
    ((d.target && document.querySelector(d.target)) || document.body).appendChild(host);
    var root = host.attachShadow({ mode: 'open' });
    var style = el(
      'style',
      ':host{all:initial}form{font:15px/1.4 system-ui,sans-serif;color:#1f2933;background:#fff;border:1px solid #cbd2d9;border-radius:8px;padding:1rem;max-width:30rem}' +
        'fieldset{border:0;margin:0;padding:0}legend{font-weight:600;margin-bottom:.5rem}.s{display:flex;flex-wrap:wrap;gap:.25rem}' +
        'button{font:inherit;min-width:2.25rem;min-height:2.5rem;border:1px solid #9aa5b1;border-radius:6px;background:#fff;cursor:pointer}' +
        // One row where the buttons fit; in a narrower box an 11-point scale is two full rows, 0-5 and 6-10, so 0 and 10
        // stay at the ends, above their labels (a plain wrap would leave 10 alone or mid-row).
        'form{container-type:inline-size}.s button{flex:1 1 0}' +
        '@container (max-width:27.2rem){.s.n11 button{flex:1 0 calc((100% - 1.25rem)/6 - 1px)}.s.n11 button:nth-child(n+7){flex-basis:calc((100% - 1rem)/5 - 1px)}}' +
        'button[aria-pressed=true],button[type=submit]{background:#1f2933;color:#fff}.e{display:flex;justify-content:space-between;font-size:.8rem;color:#52606d}' +
        'textarea{width:100%;box-sizing:border-box;font:inherit;margin-top:.5rem}[hidden]{display:none}',
    );
    var form = el('form', '', { 'aria-label': survey.question });
    var fieldset = el('fieldset');
    if (survey.intro) fieldset.appendChild(el('p', survey.intro));
    fieldset.appendChild(el('legend', survey.question));
    var scale = el('div', '', { class: 's n' + survey.scores.length });
    var chosen = null;
    survey.scores.forEach(function (value) {
      var button = el('button', String(value), { type: 'button', 'aria-pressed': 'false', 'data-score': String(value) });
      button.addEventListener('click', function () {
        chosen = value;
        scale.querySelectorAll('button').forEach(function (b) {
          b.setAttribute('aria-pressed', String(b === button));
        });
        more.hidden = false;
      });
      scale.appendChild(button);
    });
    fieldset.appendChild(scale);
    var ends = el('p', '', { class: 'e' });
    ends.appendChild(el('span', survey.lowLabel));
    ends.appendChild(el('span', survey.highLabel));
    fieldset.appendChild(ends);
    var more = el('div', '', { hidden: '' });
    var label = el('label', survey.commentPrompt);
    var comment = el('textarea', '', { rows: '3', maxlength: '2000', name: 'comment' });
    label.appendChild(comment);
    more.appendChild(label);
    more.appendChild(el('button', survey.submitLabel, { type: 'submit' }));
    var status = el('p', '', { role: 'status' });
    form.appendChild(fieldset);
    form.appendChild(more);
    form.appendChild(status);
    form.addEventListener('submit', function (event) {
      event.preventDefault();
      if (chosen === null) return;
      var body = { workspaceKey: d.workspaceKey, touchpointKey: survey.touchpointKey, score: chosen, locale: survey.locale };
      if (comment.value.trim()) body.comment = comment.value.trim();
      if (person.userHash && (person.externalId || person.email)) body.person = person;
      if (d.preview === 'true') return form.replaceChildren(el('p', survey.thanks, { role: 'status' }));
      fetch(base + '/api/v1/public/responses', {
        method: 'POST',
        credentials: 'omit',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      })
        .then(function (res) {
          if (!res.ok) throw new Error(String(res.status));
          form.replaceChildren(el('p', survey.thanks, { role: 'status' }));
        })
        .catch(function () {
          status.textContent = survey.error;
        });
    });
    root.appendChild(style);
    root.appendChild(form);
  }
})();
