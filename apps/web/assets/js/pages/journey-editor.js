// Building the journey map in the browser (managers): a new journey, then its
// stages and touchpoints — add, rename, delete, and reorder by drag or with
// the move buttons. Reorders go to the whole-order endpoints, which apply
// concurrent edits one after the other; a stale page is reloaded on 409.
import { del, get, patch, post, api } from '../api.js';
import { errorLine } from '../components/forms.js';
import { journeyBoard } from '../components/journey-board.js';
import { addStageForm, journeyDetailsForm, newJourneyForm } from '../components/journey-forms.js';
import { h, mount } from '../dom.js';
import { t } from '../i18n.js';
import { emptyState, pageHeader } from '../layout.js';
import { href, navigate } from '../router.js';
import { can } from '../session.js';

/** #/journeys/new */
export async function newJourneyPage(view) {
  if (!can('manager')) return mount(view, pageHeader(t('editor.newJourney')), emptyState(t('editor.managersOnly')));
  mount(view, pageHeader(t('editor.newJourney')), newJourneyForm(createJourney));
}

/** Creates the journey and opens it in the editor, where touchpoints are added. */
export async function createJourney(body) {
  const journey = await post('/api/v1/journeys', body);
  navigate(`/journeys/${journey.id}/edit`);
}

/** #/journeys/:id/edit */
export async function journeyEditor(view, { id }) {
  if (!can('manager')) return mount(view, pageHeader(t('editor.title')), emptyState(t('editor.managersOnly')));
  const path = `/api/v1/journeys/${encodeURIComponent(id)}`;
  let journey = await get(path);
  const status = h('p', { class: 'hint editor-status', role: 'status', 'data-testid': 'editor-status' });
  const errors = h('div');
  const details = h('div');
  const board = h('div');

  function draw(focusKey) {
    mount(details, journeyDetailsForm(journey, act));
    mount(board, journey.stages.length ? journeyBoard(journey, act) : emptyState(t('editor.noStages')));
    if (!focusKey) return;
    // The same control again, or (when it became disabled at an end) its item's first usable one.
    const [kind, itemId] = focusKey.split(':');
    const target =
      board.querySelector(`[data-focus-key="${focusKey}"]:not(:disabled)`) ??
      board.querySelector(`[data-focus-key^="${kind}:${itemId}:"]:not(:disabled)`);
    target?.focus();
  }

  /** Runs one change; the page then shows the journey as the server has it. */
  async function run(work, { focusKey = null, message = null } = {}) {
    errors.replaceChildren();
    try {
      const result = await work();
      journey = result?.stages ? result : await get(path);
      draw(focusKey);
      if (message) status.textContent = typeof message === 'function' ? message(journey) : message;
      return true;
    } catch (error) {
      errors.append(errorLine(error));
      if (error.status === 409) {
        journey = await get(path);
        draw();
      }
      return false;
    }
  }

  const act = {
    updateJourney: (body) => run(() => patch(path, body), { message: t('editor.saved') }),
    addStage: (name) => name && run(() => post(`${path}/stages`, { name }), { message: t('editor.stageAdded', { name }) }),
    renameStage: (stage, name) => run(() => patch(`/api/v1/stages/${stage.id}`, { name }), { message: t('editor.renamed', { name }) }),
    deleteStage: (stage) => run(() => del(`/api/v1/stages/${stage.id}`), { message: t('editor.stageDeleted', { name: stage.name }) }),
    orderStages: (stageIds, focusKey, message) => run(() => api('PUT', `${path}/stage-order`, { stageIds }), { focusKey, message }),
    orderTouchpoints: (stage, touchpointIds, focusKey, tp) =>
      run(() => api('PUT', `/api/v1/stages/${stage.id}/touchpoint-order`, { touchpointIds }), {
        focusKey,
        message: (j) => {
          const s = j.stages.find((x) => x.id === stage.id);
          const position = s.touchpoints.findIndex((x) => x.id === tp.id) + 1;
          return t('editor.movedTouchpoint', { name: tp.name, position, count: s.touchpoints.length, stage: s.name });
        },
      }),
    addTouchpoint: (stage, body) =>
      run(() => post('/api/v1/touchpoints', body), { message: t('editor.touchpointAdded', { name: body.name, stage: stage.name }) }),
    updateTouchpoint: (tp, body) => run(() => patch(`/api/v1/touchpoints/${tp.id}`, body), { message: t('editor.saved') }),
    deleteTouchpoint: (tp) => run(() => del(`/api/v1/touchpoints/${tp.id}`), { message: t('editor.touchpointDeleted', { name: tp.name }) }),
  };

  const archive = async () => {
    if (!confirm(t('editor.confirmArchive', { name: journey.name }))) return;
    await del(path);
    navigate('/journeys');
  };
  draw();
  mount(
    view,
    pageHeader(
      t('editor.title'),
      h('a', { class: 'btn btn-ghost', href: href(`/journeys/${id}`), 'data-testid': 'view-map' }, t('editor.viewMap')),
      h('button', { class: 'btn btn-danger', type: 'button', 'data-testid': 'archive-journey', onclick: archive }, t('editor.archive')),
    ),
    h('p', { class: 'hint' }, t('editor.intro')),
    errors,
    details,
    status,
    board,
    addStageForm(act),
  );
}
