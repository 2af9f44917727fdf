import { randomToken, sha256Hex } from '@cairn/common';

/** Something of a survey email's two links, the answer's and the unsubscribe's: their tokens, or their stored hashes. */
export interface EmailLinks {
  response: string;
  unsubscribe: string;
}

/** Fresh tokens for an email's two links (192 random bits each) and the sha-256 hashes that are all the database keeps. */
export function newEmailLinks(): { tokens: EmailLinks; hashes: EmailLinks } {
  const tokens = { response: randomToken(24), unsubscribe: randomToken(24) };
  return { tokens, hashes: { response: sha256Hex(tokens.response), unsubscribe: sha256Hex(tokens.unsubscribe) } };
}
