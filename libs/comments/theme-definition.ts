import type { CommentLanguage } from './comment-language.js';

/** A theme as a workspace defines it (GET/POST /themes): keywords per language. */
export interface ThemeDefinition {
  key: string;
  keywords: Record<CommentLanguage, readonly string[]>;
}
