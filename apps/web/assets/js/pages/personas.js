// Settings › Personas: each persona as a portrait (who they are, their goals,
// pain points and a quote) and the person properties that select their
// people. Managers add, edit and delete; everyone reads. The journey map
// switches to a persona in one click.
import { del, get, patch, post } from '../api.js';
import { field, submitting } from '../components/forms.js';
import { listOf, personaPortrait } from '../components/persona-card.js';
import { formValues, h, mount } from '../dom.js';
import { t } from '../i18n.js';
import { emptyState, pageHeader } from '../layout.js';
import { href, resolve } from '../router.js';
import { can } from '../session.js';

export async function personasPage(view) {
  const [{ data: personas }, { data: journeys }] = await Promise.all([get('/api/v1/personas'), get('/api/v1/journeys')]);
  const manager = can('manager');
  const errors = h('div');
  const form = manager ? personaForm(errors) : null;
  const mapLink = (persona) =>
    journeys.length > 0 &&
    h(
      'a',
      { class: 'btn btn-ghost', href: href(`/journeys/${journeys[0].id}`, { persona: persona.id }), 'data-testid': 'persona-map-link' },
      t('persona.openMap'),
    );
  mount(
    view,
    pageHeader(t('nav.personas')),
    h('p', { class: 'hint' }, t('persona.intro')),
    form?.element,
    personas.length
      ? h(
          'div',
          { class: 'persona-grid' },
          personas.map((persona) =>
            h(
              'div',
              { class: 'persona-item', 'data-testid': 'persona-item', dataset: { id: persona.id } },
              personaPortrait(persona),
              h(
                'div',
                { class: 'form-actions' },
                mapLink(persona),
                form && [
                  h(
                    'button',
                    { class: 'btn btn-ghost', type: 'button', 'data-testid': 'edit-persona', onclick: () => form.edit(persona) },
                    t('common.edit'),
                  ),
                  h(
                    'button',
                    {
                      class: 'btn btn-danger',
                      type: 'button',
                      'data-testid': 'delete-persona',
                      onclick: async () =>
                        confirm(t('persona.confirmDelete', { name: persona.name })) &&
                        (await del(`/api/v1/personas/${encodeURIComponent(persona.id)}`), resolve()),
                    },
                    t('common.delete'),
                  ),
                ],
              ),
            ),
          ),
        )
      : emptyState(t('persona.noneYet')),
  );
}

/** "plan: pro" lines ⇄ { plan: 'pro' }; true/false and plain numbers are kept as such (filters match exact values). */
export function parseFilters(text) {
  const filters = {};
  for (const line of text.split('\n')) {
    const at = line.indexOf(':');
    if (at < 1) continue;
    const key = line.slice(0, at).trim();
    const raw = line.slice(at + 1).trim();
    if (!key || !raw) continue;
    filters[key] = raw === 'true' ? true : raw === 'false' ? false : /^-?\d+(\.\d+)?$/.test(raw) ? Number(raw) : raw;
  }
  return filters;
}

function filtersText(filters) {
  return Object.entries(filters ?? {})
    .map(([k, v]) => `${k}: ${v}`)
    .join('\n');
}

const lines = (text) =>
  text
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);

function personaForm(errors) {
  let editing = null;
  const heading = h('h2', { class: 'card-title' }, t('persona.new'));
  const input = (name, attrs = {}) => h('input', { name, 'data-testid': `persona-${name}-input`, ...attrs });
  const area = (name, rows, attrs = {}) => h('textarea', { name, rows: String(rows), 'data-testid': `persona-${name}-input`, ...attrs });
  const name = input('name', { required: true, maxlength: '120' });
  const description = area('description', 2, { maxlength: '2000' });
  const goals = area('goals', 3);
  const painPoints = area('painPoints', 3);
  const quote = area('quote', 2, { maxlength: '500' });
  const filters = area('filters', 3, { placeholder: 'plan: pro' });
  const cancel = h('button', { class: 'btn btn-ghost', type: 'button', hidden: true, onclick: () => fill(null) }, t('map.cancel'));
  const element = h(
    'form',
    {
      class: 'card inline-card',
      'data-testid': 'persona-form',
      onsubmit: (e) => (e.preventDefault(), submitting(element, errors, save)),
    },
    heading,
    h(
      'div',
      { class: 'grid-3' },
      field(t('persona.name'), name),
      field(t('persona.description'), description),
      field(t('persona.quote'), quote),
      field(t('persona.goals'), goals, t('persona.oneALine')),
      field(t('persona.painPoints'), painPoints, t('persona.oneALine')),
      field(t('persona.filters'), filters, t('persona.filtersHint')),
    ),
    h(
      'div',
      { class: 'form-actions' },
      h('button', { class: 'btn btn-primary', type: 'submit', 'data-testid': 'save-persona' }, t('common.save')),
      cancel,
    ),
    errors,
  );

  function fill(persona) {
    editing = persona;
    heading.textContent = persona ? t('persona.editing', { name: persona.name }) : t('persona.new');
    name.value = persona?.name ?? '';
    description.value = persona?.description ?? '';
    goals.value = listOf(persona?.goals).join('\n');
    painPoints.value = listOf(persona?.painPoints).join('\n');
    quote.value = persona?.quote ?? '';
    filters.value = filtersText(persona?.filters);
    cancel.hidden = !persona;
    errors.replaceChildren();
    element.scrollIntoView({ block: 'start' });
    name.focus();
  }

  async function save() {
    const v = formValues(element);
    const body = {
      name: v.name.trim(),
      description: v.description.trim() || null,
      goals: lines(v.goals),
      painPoints: lines(v.painPoints),
      quote: v.quote.trim() || null,
      filters: parseFilters(v.filters),
    };
    if (editing) await patch(`/api/v1/personas/${encodeURIComponent(editing.id)}`, body);
    else {
      for (const key of ['description', 'quote']) if (body[key] === null) delete body[key];
      await post('/api/v1/personas', body);
    }
    resolve();
  }

  return { element, edit: fill };
}
