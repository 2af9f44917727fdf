// Edit in place, the form half: map-lanes.js shows the value as a button and
// loads this module on the first click (the map's first load does without it).
// Save and Cancel; Escape cancels. The API's refusal stays on screen inside the
// form (role=alert) with the typed value kept, so nothing is lost to an error.
import { h, mount } from '../dom.js';
import { t } from '../i18n.js';

/**
 * Replaces what `box` holds with a form for `value`; `save(value)` performs the PATCH and resolves to the value now
 * stored (or throws); `display(value, focus)` draws the value again afterwards (or on cancel).
 */
export function editForm(box, { label, value, kind = 'text', save, testid, maxlength = '500' }, display) {
  const text = kind === 'lines' ? (value ?? []).join('\n') : value === null || value === undefined ? '' : String(value);
  const input =
    kind === 'lines'
      ? h('textarea', { rows: '4', 'aria-label': label, 'data-testid': `${testid}-input`, maxlength: '2000' })
      : h('input', {
          type: kind === 'number' ? 'number' : 'text',
          step: kind === 'number' ? 'any' : null,
          maxlength: kind === 'number' ? null : maxlength,
          'aria-label': label,
          'data-testid': `${testid}-input`,
        });
  input.value = text;
  const errors = h('div', { class: 'inline-edit-errors' });
  const submit = h('button', { class: 'btn btn-primary', type: 'submit', 'data-testid': `${testid}-save` }, t('common.save'));
  const element = h(
    'form',
    {
      class: 'inline-edit-form',
      onsubmit: async (e) => {
        e.preventDefault();
        submit.disabled = true;
        errors.replaceChildren();
        try {
          display(await save(parse(kind, input.value)), true);
        } catch (error) {
          errors.append(h('div', { class: 'alert alert-error', role: 'alert', 'data-testid': `${testid}-error` }, error.message));
          submit.disabled = false;
        }
      },
      onkeydown: (e) => e.key === 'Escape' && (e.preventDefault(), display(value, true)),
    },
    input,
    kind === 'lines' && h('small', { class: 'subtle' }, t('map.onePerLine')),
    h(
      'div',
      { class: 'inline-edit-actions' },
      submit,
      h('button', { class: 'btn btn-ghost', type: 'button', onclick: () => display(value, true) }, t('map.cancel')),
    ),
    errors,
  );
  mount(box, element);
  input.focus();
}

/** The typed text as the API takes it: trimmed text or null, one entry per non-empty line, a number or null. */
function parse(kind, raw) {
  if (kind === 'lines')
    return raw
      .split('\n')
      .map((line) => line.trim())
      .filter(Boolean);
  const text = raw.trim();
  if (kind === 'number') return text === '' ? null : Number(text);
  return text || null;
}
