// The three languages Cairn reads comments in. A response's locale says which
// one when it is known ('sv-SE', 'da', 'en-GB'); otherwise detectLanguage
// chooses among the three, since a comment is never analysed in any other.
export const COMMENT_LANGUAGES = ['en', 'sv', 'da'] as const;
export type CommentLanguage = (typeof COMMENT_LANGUAGES)[number];

/** The comment language of a locale such as 'sv-SE' or 'da_DK', or null when it is none of the three. */
export function languageOfLocale(locale: string | null | undefined): CommentLanguage | null {
  if (!locale) return null;
  const primary = locale.trim().toLowerCase().split(/[-_]/)[0];
  if (primary === 'nb' || primary === 'nn' || primary === 'no') return 'da'; // Norwegian reads closest to Danish
  return (COMMENT_LANGUAGES as readonly string[]).includes(primary) ? (primary as CommentLanguage) : null;
}
