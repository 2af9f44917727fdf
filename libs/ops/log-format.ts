import pino from 'pino';
import pretty from 'pino-pretty';

/** `pretty`: one coloured human line per entry (a terminal); `json`: one JSON object per line (files, collectors). */
export type LogFormat = 'json' | 'pretty';

/** LOG_FORMAT wins; unset, a terminal gets pretty lines and anything else (pipes, files, log shippers) JSON. */
export function parseLogFormat(raw: string | undefined, isTTY: boolean): LogFormat {
  if (raw === undefined || raw === '') return isTTY ? 'pretty' : 'json';
  if (raw === 'json' || raw === 'pretty') return raw;
  throw new Error(`LOG_FORMAT must be json or pretty, got "${raw}"`);
}

/**
 * Where the root logger writes: undefined keeps pino's JSON on stdout. The
 * pretty stream only formats lines pino has already redacted and scrubbed, so
 * the log scrubbing (log-scrubbing.ts) applies to both formats alike.
 */
export function logDestination(format: LogFormat, out: NodeJS.WritableStream = process.stdout): pino.DestinationStream | undefined {
  if (format === 'json') return undefined;
  return pretty({
    destination: out,
    sync: true, // lines are written before a crashing process exits
    colorize: 'isTTY' in out && Boolean(out.isTTY),
    translateTime: 'SYS:HH:MM:ss.l',
    ignore: 'pid,hostname,service',
    messageFormat: '{service} {if context}[{context}] {end}{msg}',
  });
}
