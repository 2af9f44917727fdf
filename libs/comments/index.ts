// Public API of comment analysis: sentiment and themes of customer comments in
// English, Swedish and Danish, offline and without a database.
export { type CommentLanguage, COMMENT_LANGUAGES, languageOfLocale } from './comment-language.js';
export { detectLanguage } from './language-detector.js';
export { type Sentiment, type SentimentLabel, LABEL_THRESHOLD, analyseSentiment, labelOf } from './sentiment-analyser.js';
export type { ThemeDefinition } from './theme-definition.js';
export { BUILT_IN_THEMES, BUILT_IN_THEME_KEYS } from './built-in-themes.js';
export { type BuiltInThemeSeed, builtInThemeSeeds } from './built-in-theme-names.js';
export { type ThemeMention, ThemeMatcher, themesIn } from './theme-matcher.js';
export { type CommentAnalysis, analyseComment, themeMatcherFor } from './comment-analyser.js';
export { type SuggestionInput, type SuggestionOptions, type ThemeSuggestion, suggestThemes } from './theme-suggestions.js';
