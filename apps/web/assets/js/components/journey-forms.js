// The small forms of the journey editor: a new journey (also the map's empty
// state), a stage, a touchpoint (its key follows its name until edited), and
// a touchpoint's edit form.
import { formValues, h } from '../dom.js';
import { t } from '../i18n.js';
import { field, submitting } from './forms.js';

const CHANNELS = ['web', 'app', 'email', 'store', 'phone', 'chat', 'delivery', 'other'];

/** A key from a name: "Café check-out" → "cafe-check-out" (the API wants a lowercase slug). */
export function slugOf(name) {
  const slug = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 64)
    .replace(/-+$/, '');
  return slug || 'touchpoint';
}

function channelSelect(selected = 'web', testid = 'touchpoint-channel') {
  return h(
    'select',
    { name: 'channel', 'data-testid': testid },
    CHANNELS.map((c) => h('option', { value: c, selected: c === selected }, t(`channel.${c}`))),
  );
}

/** Name, description and the first stages (one per line); `create` posts it. */
export function newJourneyForm(create) {
  const errors = h('div');
  const form = h(
    'form',
    { class: 'card', 'data-testid': 'new-journey-form', onsubmit: (e) => (e.preventDefault(), submitting(form, errors, send)) },
    h('h2', { class: 'card-title' }, t('editor.newJourney')),
    h('p', { class: 'card-sub' }, t('editor.newJourneyHint')),
    h(
      'div',
      { class: 'grid-2' },
      field(t('editor.journeyName'), h('input', { name: 'name', required: true, maxlength: '120', 'data-testid': 'journey-name' })),
      field(
        t('editor.stagesOnePerLine'),
        h('textarea', { name: 'stages', rows: '4', 'data-testid': 'journey-stages', placeholder: t('editor.stagesPlaceholder') }),
      ),
    ),
    h(
      'div',
      { class: 'form-actions' },
      h('button', { class: 'btn btn-primary', type: 'submit', 'data-testid': 'create-journey' }, t('editor.create')),
    ),
    errors,
  );
  async function send() {
    const v = formValues(form);
    const stages = v.stages
      .split('\n')
      .map((line) => line.trim())
      .filter(Boolean)
      .map((name) => ({ name }));
    await create({ name: v.name.trim(), stages });
  }
  return form;
}

export function journeyDetailsForm(journey, act) {
  const errors = h('div');
  const form = h(
    'form',
    { class: 'card inline-card', 'data-testid': 'journey-form', onsubmit: (e) => (e.preventDefault(), submitting(form, errors, send)) },
    h(
      'div',
      { class: 'grid-3' },
      field(
        t('editor.journeyName'),
        h('input', { name: 'name', value: journey.name, required: true, maxlength: '120', 'data-testid': 'journey-name' }),
      ),
      field(t('editor.description'), h('input', { name: 'description', value: journey.description ?? '', maxlength: '2000' })),
      h(
        'div',
        { class: 'form-actions' },
        h('button', { class: 'btn btn-primary', type: 'submit', 'data-testid': 'save-journey' }, t('common.save')),
      ),
    ),
    errors,
  );
  const send = () => {
    const v = formValues(form);
    return act.updateJourney({ name: v.name.trim(), description: v.description });
  };
  return form;
}

export function addStageForm(act) {
  const name = h('input', {
    name: 'name',
    required: true,
    maxlength: '120',
    'aria-label': t('editor.newStageName'),
    'data-testid': 'new-stage-name',
    placeholder: t('editor.newStageName'),
  });
  const add = async (e) => {
    e.preventDefault();
    if (await act.addStage(name.value.trim())) name.value = '';
  };
  return h(
    'form',
    { class: 'inline-form editor-add-stage', 'data-testid': 'add-stage-form', onsubmit: add },
    name,
    h('button', { class: 'btn', type: 'submit', 'data-testid': 'add-stage' }, t('editor.addStage')),
  );
}

export function addTouchpointForm(stage, act) {
  let keyEdited = false;
  const name = h('input', {
    name: 'name',
    required: true,
    maxlength: '120',
    'data-testid': 'new-touchpoint-name',
    oninput: () => keyEdited || (key.value = slugOf(name.value)),
  });
  const key = h('input', {
    name: 'key',
    required: true,
    maxlength: '64',
    pattern: '[a-z0-9]+([\\-_][a-z0-9]+)*',
    'data-testid': 'new-touchpoint-key',
    oninput: () => (keyEdited = true),
  });
  const form = h(
    'form',
    {
      class: 'editor-add-tp',
      'data-testid': 'add-touchpoint-form',
      onsubmit: (e) => (e.preventDefault(), act.addTouchpoint(stage, { ...formValues(form), stageId: stage.id })),
    },
    field(t('editor.touchpointName'), name),
    field(t('editor.touchpointKey'), key, t('editor.keyHint')),
    field(t('editor.channel'), channelSelect()),
    h('button', { class: 'btn', type: 'submit', 'data-testid': 'add-touchpoint' }, t('editor.addTouchpoint')),
  );
  return h('details', { class: 'editor-add' }, h('summary', {}, t('editor.addTouchpointTo', { stage: stage.name })), form);
}

export function touchpointEditForm(tp, act) {
  const form = h(
    'form',
    { class: 'editor-add-tp', onsubmit: (e) => (e.preventDefault(), act.updateTouchpoint(tp, formValues(form))) },
    field(t('editor.touchpointName'), h('input', { name: 'name', value: tp.name, required: true, maxlength: '120' })),
    field(
      t('editor.touchpointKey'),
      h('input', { name: 'key', value: tp.key, required: true, maxlength: '64' }),
      t('editor.keyChangeHint'),
    ),
    field(t('editor.channel'), channelSelect(tp.channel, 'edit-touchpoint-channel')),
    h(
      'div',
      { class: 'form-actions' },
      h(
        'button',
        {
          class: 'btn btn-danger',
          type: 'button',
          'data-testid': 'delete-touchpoint',
          onclick: () => confirm(t('editor.confirmDeleteTouchpoint', { name: tp.name })) && act.deleteTouchpoint(tp),
        },
        t('common.delete'),
      ),
      h('button', { class: 'btn btn-primary', type: 'submit', 'data-testid': 'save-touchpoint' }, t('common.save')),
    ),
  );
  return h('details', { class: 'editor-edit' }, h('summary', { 'data-testid': 'edit-touchpoint' }, t('common.edit')), form);
}
