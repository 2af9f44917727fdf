// Small building blocks of the settings pages.
import { h } from '../dom.js';
import { t } from '../i18n.js';

export function field(label, input, hint) {
  return h('label', { class: 'field' }, h('span', {}, label), input, hint && h('small', { class: 'subtle' }, hint));
}

/** A key or secret shown once, with a copy button: the server keeps only a hash (or never shows it again). */
export function secretOnce(title, value, testid) {
  const code = h('code', { class: 'secret', 'data-testid': testid }, value);
  return h(
    'div',
    { class: 'alert alert-ok secret-box', role: 'status' },
    h('strong', {}, title),
    h('p', {}, t('secret.once')),
    code,
    h('button', { class: 'btn btn-ghost', type: 'button', onclick: () => navigator.clipboard?.writeText(value) }, t('secret.copy')),
  );
}

export function errorLine(error) {
  return h('div', { class: 'alert alert-error', role: 'alert' }, error.message);
}

/** Runs `action` from a form submit, showing its error in `slot` and disabling the button meanwhile. */
export async function submitting(form, slot, action) {
  const button = form.querySelector('[type=submit]');
  if (button) button.disabled = true;
  slot.replaceChildren();
  try {
    await action();
  } catch (error) {
    slot.append(errorLine(error));
  } finally {
    if (button) button.disabled = false;
  }
}

export function yesNo(value) {
  return value ? t('common.yes') : t('common.no');
}

/** A table of rows (<tr> elements); each cell is labelled with its column's header for the phone layout (cards). */
export function table(headers, rows, testid) {
  for (const row of rows) {
    [...row.children].forEach((cell, i) => {
      if (headers[i]) cell.dataset.label = headers[i];
    });
  }
  return h(
    'div',
    { class: 'table-wrap' },
    h(
      'table',
      { class: 'table', 'data-testid': testid },
      h(
        'thead',
        {},
        h(
          'tr',
          {},
          headers.map((x) => h('th', {}, x)),
        ),
      ),
      h('tbody', {}, rows),
    ),
  );
}
