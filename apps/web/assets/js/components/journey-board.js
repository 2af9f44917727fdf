// The journey map as an editor: stages as columns, touchpoints in them.
// Drag a stage by its head or a touchpoint by its row (by finger: by the ⠿
// handle, see touch-drag.js); every drag has a keyboard equivalent in the move buttons (WCAG 2.5.7), and every change is
// announced in the page's status line. `act` performs the API calls.
import { h } from '../dom.js';
import { t } from '../i18n.js';
import { dragging, dropIndex, moveBy, moveTo } from './drag-order.js';
import { addTouchpointForm, touchpointEditForm } from './journey-forms.js';
import { dropPoint, touchDraggable } from './touch-drag.js';

export function journeyBoard(journey, act) {
  const stageIds = journey.stages.map((s) => s.id);
  return h(
    'div',
    { class: 'editor-board', 'data-testid': 'editor-board' },
    journey.stages.map((stage, index) => stageColumn(journey, stage, index, stageIds, act)),
  );
}

function stageColumn(journey, stage, index, stageIds, act) {
  const count = stageIds.length;
  const moveStage = (ids, focusKey) =>
    act.orderStages(ids, focusKey, t('editor.movedStage', { name: stage.name, position: ids.indexOf(stage.id) + 1, count }));
  const name = h('input', {
    name: 'name',
    value: stage.name,
    required: true,
    maxlength: '120',
    'aria-label': t('editor.stageName'),
    'data-testid': 'stage-name',
  });
  const rename = () => name.value.trim() && name.value.trim() !== stage.name && act.renameStage(stage, name.value.trim());
  const column = h(
    'section',
    { class: 'editor-stage', 'data-testid': 'editor-stage', dataset: { stageId: stage.id }, 'aria-label': stage.name },
    h(
      'header',
      {
        class: 'editor-stage-head',
        draggable: 'true',
        'data-testid': 'stage-handle',
        ondragstart: (e) => {
          Object.assign(dragging, { kind: 'stage', id: stage.id });
          e.dataTransfer.setData('text/plain', stage.name);
          e.dataTransfer.effectAllowed = 'move';
        },
        ondragend: () => Object.assign(dragging, { kind: null, id: null }),
      },
      dragHandle(t('editor.dragStage'), 'stage', stage.id),
      h(
        'form',
        { class: 'editor-rename', onsubmit: (e) => (e.preventDefault(), rename()) },
        name,
        h('button', { class: 'btn btn-ghost', type: 'submit' }, t('editor.rename')),
      ),
      h(
        'div',
        { class: 'editor-buttons' },
        moveButton('←', t('editor.stageLeft', { name: stage.name }), `stage:${stage.id}:left`, index === 0, () =>
          moveStage(moveBy(stageIds, stage.id, -1), `stage:${stage.id}:left`),
        ),
        moveButton('→', t('editor.stageRight', { name: stage.name }), `stage:${stage.id}:right`, index === count - 1, () =>
          moveStage(moveBy(stageIds, stage.id, 1), `stage:${stage.id}:right`),
        ),
        h(
          'button',
          {
            class: 'btn btn-danger',
            type: 'button',
            disabled: stage.touchpoints.length > 0,
            title: stage.touchpoints.length ? t('editor.stageNotEmpty') : null,
            'data-testid': 'delete-stage',
            onclick: () => confirm(t('editor.confirmDeleteStage', { name: stage.name })) && act.deleteStage(stage),
          },
          t('common.delete'),
        ),
      ),
    ),
    h(
      'ol',
      { class: 'editor-tps', 'data-testid': 'stage-touchpoints' },
      stage.touchpoints.map((tp, i) => touchpointRow(journey, stage, tp, i, act)),
    ),
    addTouchpointForm(stage, act),
  );
  // A stage dropped on a stage lands before or after it; a touchpoint dropped on the column (not on a row) goes last.
  column.addEventListener('dragover', (e) => dragging.kind && e.preventDefault());
  const dropOnColumn = (e) => {
    e.preventDefault();
    if (dragging.kind === 'stage' && dragging.id !== stage.id) {
      const moved = journey.stages.find((s) => s.id === dragging.id);
      const ids = moveTo(stageIds, dragging.id, dropIndex(stageIds, dragging.id, stage.id, dropPoint(e), column, 'x'));
      act.orderStages(ids, null, t('editor.movedStage', { name: moved.name, position: ids.indexOf(moved.id) + 1, count }));
    } else if (dragging.kind === 'touchpoint') {
      dropTouchpoint(journey, stage, dragging.id, Infinity, act);
    }
  };
  column.addEventListener('drop', dropOnColumn);
  column.addEventListener('touchdrop', dropOnColumn);
  return column;
}

function touchpointRow(journey, stage, tp, index, act) {
  const ids = stage.touchpoints.map((x) => x.id);
  const stageIndex = journey.stages.indexOf(stage);
  const previous = journey.stages[stageIndex - 1];
  const next = journey.stages[stageIndex + 1];
  const key = (dir) => `tp:${tp.id}:${dir}`;
  const row = h(
    'li',
    {
      class: 'editor-tp',
      draggable: 'true',
      'data-testid': 'editor-touchpoint',
      dataset: { touchpointId: tp.id },
      ondragstart: (e) => {
        e.stopPropagation();
        Object.assign(dragging, { kind: 'touchpoint', id: tp.id });
        e.dataTransfer.setData('text/plain', tp.name);
        e.dataTransfer.effectAllowed = 'move';
      },
      ondragend: () => Object.assign(dragging, { kind: null, id: null }),
    },
    h(
      'div',
      { class: 'editor-tp-head' },
      dragHandle(t('editor.dragTouchpoint'), 'touchpoint', tp.id),
      h('span', { class: 'editor-tp-name', 'data-testid': 'editor-touchpoint-name' }, tp.name),
      h('small', { class: 'subtle' }, `${tp.key} · ${t(`channel.${tp.channel}`)}`),
    ),
    h(
      'div',
      { class: 'editor-buttons' },
      moveButton('↑', t('editor.tpUp', { name: tp.name }), key('up'), index === 0, () =>
        act.orderTouchpoints(stage, moveBy(ids, tp.id, -1), key('up'), tp),
      ),
      moveButton('↓', t('editor.tpDown', { name: tp.name }), key('down'), index === ids.length - 1, () =>
        act.orderTouchpoints(stage, moveBy(ids, tp.id, 1), key('down'), tp),
      ),
      moveButton('←', t('editor.tpPreviousStage', { name: tp.name }), key('left'), !previous, () =>
        act.orderTouchpoints(previous, [...previous.touchpoints.map((x) => x.id), tp.id], key('left'), tp),
      ),
      moveButton('→', t('editor.tpNextStage', { name: tp.name }), key('right'), !next, () =>
        act.orderTouchpoints(next, [...next.touchpoints.map((x) => x.id), tp.id], key('right'), tp),
      ),
    ),
    touchpointEditForm(tp, act),
  );
  row.addEventListener('dragover', (e) => dragging.kind === 'touchpoint' && e.preventDefault());
  const dropOnRow = (e) => {
    if (dragging.kind !== 'touchpoint') return;
    e.preventDefault();
    e.stopPropagation();
    dropTouchpoint(journey, stage, dragging.id, dropIndex(ids, dragging.id, tp.id, dropPoint(e), row, 'y'), act);
  };
  row.addEventListener('drop', dropOnRow);
  row.addEventListener('touchdrop', dropOnRow);
  return row;
}

function dropTouchpoint(journey, stage, draggedId, index, act) {
  const moved = journey.stages.flatMap((s) => s.touchpoints).find((x) => x.id === draggedId);
  if (!moved) return;
  const ids = moveTo(
    stage.touchpoints.map((x) => x.id),
    draggedId,
    index,
  );
  act.orderTouchpoints(stage, ids, null, moved);
}

/** The ⠿ grip: a mouse drags the whole row or head (draggable), a finger drags by this. */
function dragHandle(title, kind, id) {
  const handle = h('span', { class: 'drag-handle', 'aria-hidden': 'true', title, 'data-testid': `${kind}-grip` }, '⠿');
  touchDraggable(handle, {
    start: () => Object.assign(dragging, { kind, id }),
    end: () => Object.assign(dragging, { kind: null, id: null }),
  });
  return handle;
}

function moveButton(symbol, label, focusKey, disabled, onclick) {
  return h(
    'button',
    { class: 'btn btn-ghost btn-move', type: 'button', 'aria-label': label, title: label, disabled, dataset: { focusKey }, onclick },
    h('span', { 'aria-hidden': 'true' }, symbol),
  );
}
