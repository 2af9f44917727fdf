// The one call a worker job makes per comment, and that an insights service
// can repeat: language (the response's locale, else detected), sentiment and
// themes, from one tokenisation. Pure and synchronous: no I/O, no clock.
import { type CommentLanguage, languageOfLocale } from './comment-language.js';
import { detectLanguage } from './language-detector.js';
import { type Sentiment, sentimentOfTokens } from './sentiment-analyser.js';
import { tokenize } from './text-tokens.js';
import { BUILT_IN_THEMES } from './built-in-themes.js';
import type { ThemeDefinition } from './theme-definition.js';
import { ThemeMatcher } from './theme-matcher.js';

export interface CommentAnalysis {
  language: CommentLanguage;
  sentiment: Sentiment;
  themes: string[];
}

// A worker passes the same theme list for a whole batch: its matcher is built
// once and dropped with the list.
const matchers = new WeakMap<readonly ThemeDefinition[], ThemeMatcher>();

export function themeMatcherFor(themes: readonly ThemeDefinition[] | ThemeMatcher = BUILT_IN_THEMES): ThemeMatcher {
  if (themes instanceof ThemeMatcher) return themes;
  let matcher = matchers.get(themes);
  if (!matcher) matchers.set(themes, (matcher = new ThemeMatcher(themes)));
  return matcher;
}

/**
 * @param locale the response's locale ('sv-SE', 'da', 'en-GB'); null/other → detected among en/sv/da.
 * @param themes the workspace's themes (built-in ones included as it defines them), or a prepared ThemeMatcher.
 */
export function analyseComment(
  text: string,
  locale?: string | null,
  themes: readonly ThemeDefinition[] | ThemeMatcher = BUILT_IN_THEMES,
): CommentAnalysis {
  const language = languageOfLocale(locale) ?? detectLanguage(text);
  const tokens = tokenize(text, language);
  return {
    language,
    sentiment: sentimentOfTokens(tokens, language),
    themes: themeMatcherFor(themes).themesOf(tokens, language),
  };
}
