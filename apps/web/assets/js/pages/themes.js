// Settings › Themes: the workspace's themes with their keywords per language,
// the progress of the re-analysis a change starts, and recurring words no
// theme covers yet ("Make a theme" fills the form with one). Managers change
// themes; everyone reads them.
import { del, get, patch, post } from '../api.js';
import { field, submitting, table } from '../components/forms.js';
import { progressLine } from '../components/theme-impact.js';
import { formValues, h, mount } from '../dom.js';
import { formatNumber, t } from '../i18n.js';
import { pageHeader } from '../layout.js';
import { resolve } from '../router.js';
import { can } from '../session.js';

const LANGUAGES = ['en', 'sv', 'da'];
const SUGGESTION_DAYS = 90;
const METRICS = ['nps', 'csat', 'ces'];
const SUGGESTIONS = 15;

export async function themesPage(view, _params, query) {
  const [themes, journeys] = await Promise.all([get('/api/v1/themes'), get('/api/v1/journeys')]);
  const journey = journeys.data.find((j) => j.id === query.journey) ?? journeys.data[0];
  const manager = can('manager');
  const errors = h('div');
  const form = manager ? themeForm(errors) : null;

  const rows = themes.data.map((theme) =>
    h(
      'tr',
      { 'data-testid': 'theme-row', dataset: { theme: theme.key } },
      h('td', {}, h('strong', {}, theme.name.en), h('div', { class: 'subtle' }, theme.key)),
      LANGUAGES.map((lang) => h('td', { 'data-testid': `theme-keywords-${lang}` }, theme.keywords[lang].join(', ') || '–')),
      h(
        'td',
        {},
        manager && [
          h(
            'button',
            { class: 'btn btn-ghost', type: 'button', 'data-testid': 'edit-theme', onclick: () => form.edit(theme) },
            t('themes.edit'),
          ),
          ' ',
          h(
            'button',
            {
              class: 'btn btn-danger',
              type: 'button',
              'data-testid': 'delete-theme',
              onclick: async () =>
                confirm(t('themes.confirmDelete', { name: theme.name.en })) &&
                (await del(`/api/v1/themes/${encodeURIComponent(theme.key)}`), resolve()),
            },
            t('themes.delete'),
          ),
        ],
      ),
    ),
  );

  const suggestions = h('div', { 'data-testid': 'theme-suggestions', 'aria-busy': 'true' });
  mount(
    view,
    pageHeader(t('nav.themes')),
    h('p', { class: 'hint' }, t('themes.intro')),
    h(
      'p',
      { 'data-testid': 'themes-progress' },
      progressLine(themes.analysis) ?? t('themes.allAnalysed', { n: formatNumber(themes.analysis.comments, 0) }),
    ),
    form?.element,
    h('div', { class: 'card' }, table([t('themes.name'), ...LANGUAGES.map((l) => t(`themes.keywords.${l}`)), ''], rows, 'themes-table')),
    h(
      'section',
      { class: 'card', 'aria-labelledby': 'suggestions-title' },
      h('h2', { class: 'card-title', id: 'suggestions-title' }, t('themes.suggestions')),
      h('p', { class: 'card-sub' }, t('themes.suggestionsNote', { days: SUGGESTION_DAYS, journey: journey?.name ?? '' })),
      suggestions,
    ),
  );
  if (!journey) return mount(suggestions, h('p', { class: 'empty' }, t('themes.noJourney')));
  try {
    const since = new Date(Date.now() - SUGGESTION_DAYS * 86_400_000).toISOString().slice(0, 10);
    // Suggestions are read per metric (a journey mixes them): the three lists merged by phrase.
    const lists = await Promise.all(
      METRICS.map((metric) => get('/api/v1/insights/themes/suggestions', { journeyId: journey.id, metric, since })),
    );
    const data = mergeSuggestions(lists.flatMap((list) => list.data));
    mount(
      suggestions,
      data.length
        ? h(
            'ul',
            { class: 'theme-suggestion-list' },
            data.map((s) =>
              h(
                'li',
                { 'data-testid': 'theme-suggestion', dataset: { phrase: s.phrase, language: s.language } },
                h('strong', {}, s.phrase),
                ` · ${t(`language.${s.language}`)} · `,
                t('themes.suggestionCount', { n: formatNumber(s.count, 0) }),
                manager &&
                  h(
                    'button',
                    { class: 'btn btn-ghost', type: 'button', 'data-testid': 'make-theme', onclick: () => form.suggest(s) },
                    t('themes.make'),
                  ),
                s.examples.length
                  ? h(
                      'ul',
                      { class: 'subtle' },
                      s.examples.map((e) => h('li', {}, `“${e}”`)),
                    )
                  : null,
              ),
            ),
          )
        : h('p', { class: 'empty' }, t('themes.noSuggestions')),
    );
  } catch (error) {
    mount(suggestions, h('p', { class: 'alert alert-error' }, error.message));
  } finally {
    suggestions.removeAttribute('aria-busy');
  }
}

/** The add/edit form: a key only when adding (keys do not change), the English name, keywords one per line. */
function themeForm(errors) {
  let editing = null;
  const title = h('h2', { class: 'card-title' }, t('themes.new'));
  const key = h('input', { name: 'key', required: true, pattern: '[a-z][a-z0-9_]{1,39}', maxlength: '40', 'data-testid': 'theme-key' });
  const name = h('input', { name: 'name', required: true, maxlength: '60', 'data-testid': 'theme-name' });
  const keywords = Object.fromEntries(
    LANGUAGES.map((lang) => [lang, h('textarea', { name: `keywords_${lang}`, rows: '3', 'data-testid': `theme-keywords-input-${lang}` })]),
  );
  const cancel = h('button', { class: 'btn btn-ghost', type: 'button', hidden: true, onclick: () => fill(null) }, t('themes.cancel'));
  const element = h(
    'form',
    { class: 'card inline-card', 'data-testid': 'theme-form', onsubmit: (e) => (e.preventDefault(), submitting(element, errors, save)) },
    title,
    h(
      'div',
      { class: 'grid-3' },
      field(t('themes.key'), key, t('themes.keyHint')),
      field(t('themes.name'), name),
      LANGUAGES.map((lang) => field(t(`themes.keywords.${lang}`), keywords[lang], t('themes.keywordsHint'))),
    ),
    h(
      'div',
      { class: 'form-actions' },
      h('button', { class: 'btn btn-primary', type: 'submit', 'data-testid': 'save-theme' }, t('themes.save')),
      cancel,
    ),
    errors,
  );
  function fill(theme, heading = t('themes.new')) {
    editing = theme?.builtIn !== undefined ? theme.key : null;
    title.textContent = editing ? t('themes.editing', { name: theme.name.en }) : heading;
    key.value = theme?.key ?? '';
    key.disabled = Boolean(editing);
    name.value = theme?.name.en ?? '';
    for (const lang of LANGUAGES) keywords[lang].value = (theme?.keywords[lang] ?? []).join('\n');
    cancel.hidden = !theme;
    element.scrollIntoView({ block: 'start' });
    name.focus();
  }
  async function save() {
    const v = formValues(element);
    const lists = Object.fromEntries(LANGUAGES.map((lang) => [lang, splitKeywords(v[`keywords_${lang}`])]));
    if (editing) await patch(`/api/v1/themes/${encodeURIComponent(editing)}`, { name: { en: v.name }, keywords: lists });
    else await post('/api/v1/themes', { key: v.key, name: { en: v.name }, keywords: lists });
    resolve();
  }
  return {
    element,
    edit: (theme) => fill(theme),
    // A suggestion becomes a new theme with the phrase as its first keyword in the language it was found in.
    suggest: (s) =>
      fill(
        {
          key: keyOf(s.phrase),
          name: { en: s.phrase[0].toUpperCase() + s.phrase.slice(1) },
          keywords: { en: [], sv: [], da: [], [s.language]: [s.phrase] },
        },
        t('themes.fromSuggestion', { phrase: s.phrase }),
      ),
  };
}

function mergeSuggestions(items) {
  const byPhrase = new Map();
  for (const s of items) {
    const key = `${s.language}:${s.phrase}`;
    const seen = byPhrase.get(key);
    if (!seen) byPhrase.set(key, { ...s, examples: [...s.examples] });
    else {
      seen.count += s.count;
      seen.examples = [...new Set([...seen.examples, ...s.examples])].slice(0, 3);
    }
  }
  return [...byPhrase.values()].sort((a, b) => b.count - a.count || a.phrase.localeCompare(b.phrase)).slice(0, SUGGESTIONS);
}

function splitKeywords(text = '') {
  return text
    .split(/[\n,]/)
    .map((k) => k.trim())
    .filter(Boolean);
}

/** A theme key from a phrase: a-z, digits and _ (å/ä/æ/ø/ö folded), starting with a letter. */
export function keyOf(phrase) {
  const folded = phrase
    .toLowerCase()
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/æ/g, 'ae')
    .replace(/ø/g, 'o')
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^[^a-z]+|_+$/g, '');
  return (folded.length >= 2 ? folded : `theme_${folded}`).slice(0, 40);
}
