// GSM 03.38: the 7-bit alphabet every handset reads. A text made only of these fits 160 characters in one segment;
// one character outside it turns the whole message into UCS-2, 70 characters a segment.
const BASIC =
  '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà';
/** Reached through the escape code: each costs two of the 160. */
const EXTENSION = '\f^{}\\[~]|€';

const basic = new Set(BASIC);
const extension = new Set(EXTENSION);

export const GSM7_SEGMENT = 160;

/** True when every character of `text` is in the GSM-7 alphabet (basic or extension table). */
export function isGsm7(text: string): boolean {
  for (const char of text) if (!basic.has(char) && !extension.has(char)) return false;
  return true;
}

/** Septets the text takes in GSM-7 (extension characters count twice); null when it is not GSM-7 at all. */
export function gsm7Length(text: string): number | null {
  let length = 0;
  for (const char of text) {
    if (basic.has(char)) length += 1;
    else if (extension.has(char)) length += 2;
    else return null;
  }
  return length;
}

/** Whether the text goes out as one GSM-7 segment. */
export function fitsOneSegment(text: string): boolean {
  const length = gsm7Length(text);
  return length !== null && length <= GSM7_SEGMENT;
}
