import pino from 'pino';
import pretty from 'pino-pretty';
import type { LogFormat } from '@cairn/config';

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
