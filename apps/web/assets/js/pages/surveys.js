// Settings › Surveys: every survey by touchpoint; the editor opens beside the list.
import { get } from '../api.js';
import { surveyEditor } from '../components/survey-editor.js';
import { table, yesNo } from '../components/forms.js';
import { h, mount } from '../dom.js';
import { metricLabel } from '../format.js';
import { formatNumber, t } from '../i18n.js';
import { pageHeader } from '../layout.js';
import { navigate } from '../router.js';
import { can } from '../session.js';

export async function surveysPage(view, _params, query) {
  const [all, touchpoints] = await Promise.all([get('/api/v1/surveys'), get('/api/v1/touchpoints')]);
  // This table and its editor are for touchpoint surveys (touchpoint + trigger); relationship surveys (issue 15) have
  // neither and are made and read through the API for now.
  const surveys = { data: all.data.filter((s) => s.kind !== 'relationship') };
  const names = new Map(touchpoints.data.map((tp) => [tp.id, tp.name]));
  const editorSlot = h('div', { class: 'editor-slot' });
  const open = (survey) => {
    mount(
      editorSlot,
      h(
        'div',
        { class: 'card' },
        h(
          'div',
          { class: 'card-head' },
          h('h2', { class: 'card-title' }, survey ? t('survey.edit') : t('survey.new')),
          h('button', { class: 'btn btn-ghost', onclick: () => navigate('/settings/surveys') }, t('common.close')),
        ),
        surveyEditor(survey, names, (saved) => navigate('/settings/surveys', { survey: saved.id, saved: '1' })),
      ),
    );
    editorSlot.scrollIntoView?.({ block: 'start' });
  };
  const rows = surveys.data.map((s) =>
    h(
      'tr',
      { 'data-testid': 'survey-row', dataset: { surveyId: s.id } },
      h('td', {}, names.get(s.touchpointId) ?? s.touchpointId),
      h('td', {}, h('span', { class: `metric metric-${s.metric}` }, metricLabel(s.metric))),
      h('td', {}, h('code', {}, s.trigger.event)),
      h('td', {}, t('survey.afterHours', { hours: formatNumber(s.trigger.delaySeconds / 3600, 1) })),
      h('td', {}, yesNo(s.active)),
      h(
        'td',
        {},
        h(
          'button',
          { class: 'btn btn-ghost', 'data-testid': 'edit-survey', onclick: () => navigate('/settings/surveys', { survey: s.id }) },
          can('manager') ? t('common.edit') : t('common.view'),
        ),
      ),
    ),
  );
  mount(
    view,
    pageHeader(
      t('nav.surveys'),
      can('manager') &&
        h(
          'button',
          { class: 'btn btn-primary', 'data-testid': 'new-survey', onclick: () => navigate('/settings/surveys', { survey: 'new' }) },
          t('survey.new'),
        ),
    ),
    query.saved && h('div', { class: 'alert alert-ok', role: 'status' }, t('survey.saved')),
    editorSlot,
    h(
      'div',
      { class: 'card' },
      table([t('survey.touchpoint'), t('survey.metric'), t('survey.event'), t('survey.delay'), t('survey.active'), ''], rows, 'surveys'),
    ),
  );
  if (query.survey === 'new' && can('manager')) open(null);
  else if (query.survey) {
    const survey = surveys.data.find((s) => s.id === query.survey);
    if (survey) open(survey);
  }
}
