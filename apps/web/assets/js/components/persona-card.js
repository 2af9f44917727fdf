// A persona's portrait — who they are, what they want, what hurts, in their
// own words — with the properties that select their people. On the journey
// map above a persona's map, side by side, and in Settings › Personas.
import { h } from '../dom.js';
import { t } from '../i18n.js';

/** Goals and pain points are lists; a persona written before they were may hold a single text. */
export function listOf(value) {
  if (Array.isArray(value)) return value.filter(Boolean);
  return typeof value === 'string' && value.trim() ? value.split('\n').filter((line) => line.trim()) : [];
}

export function personaPortrait(persona, testid = 'persona-portrait') {
  const goals = listOf(persona.goals);
  const pains = listOf(persona.painPoints);
  const filters = Object.entries(persona.filters ?? {});
  return h(
    'section',
    { class: 'card persona-portrait', 'data-testid': testid, dataset: { personaId: persona.id ?? '' } },
    h(
      'header',
      { class: 'persona-head' },
      h('span', { class: 'persona-avatar', 'aria-hidden': 'true' }, initials(persona.name)),
      h(
        'div',
        {},
        h('h2', { class: 'card-title', 'data-testid': 'persona-name' }, persona.name),
        persona.description && h('p', { class: 'subtle', 'data-testid': 'persona-description' }, persona.description),
      ),
    ),
    persona.quote && h('blockquote', { class: 'persona-quote', 'data-testid': 'persona-quote' }, persona.quote),
    h(
      'div',
      { class: 'persona-lists' },
      h(
        'div',
        {},
        h('h3', {}, t('persona.goals')),
        goals.length
          ? h(
              'ul',
              { 'data-testid': 'persona-goals' },
              goals.map((g) => h('li', {}, g)),
            )
          : h('p', { class: 'lane-none' }, t('persona.none')),
      ),
      h(
        'div',
        {},
        h('h3', {}, t('persona.painPoints')),
        pains.length
          ? h(
              'ul',
              { 'data-testid': 'persona-pains' },
              pains.map((p) => h('li', {}, p)),
            )
          : h('p', { class: 'lane-none' }, t('persona.none')),
      ),
    ),
    filters.length > 0 &&
      h(
        'p',
        { class: 'persona-filters subtle' },
        t('persona.selects'),
        ' ',
        filters.map(([k, v]) => h('span', { class: 'persona-chip' }, `${k}: ${v}`)),
      ),
  );
}

function initials(name) {
  return String(name ?? '')
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, 2)
    .map((w) => w[0].toUpperCase())
    .join('');
}
