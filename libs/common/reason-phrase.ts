import { STATUS_CODES } from 'node:http';

/** The standard reason phrase of an HTTP status ("Unprocessable Entity"), as both error shapes carry it. */
export function reasonPhrase(status: number): string {
  return STATUS_CODES[status] ?? 'Error';
}
