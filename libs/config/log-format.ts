/** `pretty`: one coloured human line per entry (a terminal); `json`: one JSON object per line (files, collectors). */
export type LogFormat = 'json' | 'pretty';

/** LOG_FORMAT wins; unset, a terminal gets pretty lines and anything else (pipes, files, log shippers) JSON. */
export function parseLogFormat(raw: string | undefined, isTTY: boolean): LogFormat {
  if (raw === undefined || raw === '') return isTTY ? 'pretty' : 'json';
  if (raw === 'json' || raw === 'pretty') return raw;
  throw new Error(`LOG_FORMAT must be json or pretty, got "${raw}"`);
}
