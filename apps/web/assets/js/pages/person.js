// One person, reached from a touchpoint's comment: who answered, with the
// properties your systems sent (GET /people/:id), and whether they still
// receive surveys.
import { get } from '../api.js';
import { h, mount } from '../dom.js';
import { formatDate, t } from '../i18n.js';
import { pageHeader } from '../layout.js';

/** #/people/:id */
export async function personPage(view, { id }) {
  const person = await get(`/api/v1/people/${encodeURIComponent(id)}`);
  const rows = [
    [t('case.name'), person.name],
    [t('case.email'), person.email],
    [t('case.externalId'), person.externalId],
    [t('case.locale'), person.locale],
    [t('person.lastSurveyed'), person.lastSurveyedAt && formatDate(person.lastSurveyedAt, true)],
    [t('person.since'), formatDate(person.createdAt)],
    [
      t('person.surveys'),
      person.unsubscribedAt ? t('person.unsubscribed', { when: formatDate(person.unsubscribedAt) }) : t('person.subscribed'),
    ],
  ];
  const properties = Object.entries(person.properties ?? {});
  mount(
    view,
    pageHeader(person.name ?? person.email ?? person.externalId ?? t('comments.anonymous')),
    h('section', { class: 'card', 'data-testid': 'person-page', dataset: { personId: person.id } }, facts(rows)),
    h(
      'section',
      { class: 'card', 'data-testid': 'person-properties' },
      h('h2', { class: 'card-title' }, t('person.properties')),
      properties.length ? facts(properties.map(([k, v]) => [k, display(v)])) : h('p', { class: 'subtle' }, t('person.noProperties')),
    ),
  );
}

function facts(rows) {
  return h(
    'dl',
    { class: 'facts' },
    rows.filter(([, v]) => v !== null && v !== undefined && v !== '').map(([k, v]) => [h('dt', {}, k), h('dd', {}, v)]),
  );
}

function display(value) {
  return typeof value === 'object' && value !== null ? JSON.stringify(value) : String(value);
}
