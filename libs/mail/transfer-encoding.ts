import MimeNode from 'nodemailer/lib/mime-node';

/** A text part's Content-Transfer-Encoding, as nodemailer chooses it; undefined where it would send the text as is (7bit). */
export type TransferEncoding = 'quoted-printable' | 'base64';

/** The transfer encodings of an email's two parts, chosen once for a rendering that many emails share. */
export interface TransferEncodings {
  html?: TransferEncoding;
  text?: TransferEncoding;
}

/**
 * What nodemailer would choose for this text part. It decides per email by scanning the whole part's characters, twice
 * (for the header and for the body): 4 % of a worker's CPU per survey email in bench:distribution. Survey emails of
 * one rendering differ only in tokens and a name, so the choice is made once here and handed to nodemailer with
 * the email (OutgoingMail.transferEncodings), which then skips its scans. The same MimeNode makes the choice, so the
 * bytes sent do not change.
 */
export function transferEncodingOf(contentType: 'text/html' | 'text/plain', content: string): TransferEncoding | undefined {
  const chosen = new MimeNode(`${contentType}; charset=utf-8`).setContent(content).getTransferEncoding();
  return chosen === 'quoted-printable' || chosen === 'base64' ? chosen : undefined;
}

/** Both parts' choices for a rendered email. */
export function transferEncodingsOf({ html, text }: { html: string; text: string }): TransferEncodings {
  return { html: transferEncodingOf('text/html', html), text: transferEncodingOf('text/plain', text) };
}
