import pino from 'pino';
import { scrubError, scrubSecrets } from '@cairn/common';

// How every log line of every process loses addresses and link tokens: one
// request serializer (Fastify logs each request's URL at info level, and
// /r/:token, /u/:token are credentials), one error serializer, and a hook
// over messages and flat fields for whatever else quotes a URL or an SMTP reply.

interface LoggedRequest {
  method?: string;
  url?: string;
  host?: string;
  ip?: string;
  socket?: { remotePort?: number };
}

export const scrubbingSerializers = {
  req: (req: LoggedRequest) => ({
    method: req.method,
    url: typeof req.url === 'string' ? scrubSecrets(req.url) : req.url,
    host: req.host,
    remoteAddress: req.ip,
    remotePort: req.socket?.remotePort,
  }),
  err: (err: Error) => {
    const serialized = pino.stdSerializers.err(err) as unknown as Record<string, unknown>;
    for (const key of ['message', 'stack']) {
      if (typeof serialized[key] === 'string') serialized[key] = scrubSecrets(serialized[key] as string);
    }
    return serialized;
  },
};

// Fields with a serializer of their own are left to it.
const SERIALIZED = new Set(['req', 'res', 'err']);

function scrubArg(arg: unknown): unknown {
  if (typeof arg === 'string') return scrubSecrets(arg);
  if (arg instanceof Error) return scrubError(arg);
  if (typeof arg !== 'object' || arg === null || Array.isArray(arg)) return arg;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(arg))
    out[key] = typeof value === 'string' && !SERIALIZED.has(key) ? scrubSecrets(value) : value;
  return out;
}

/** pino's `hooks.logMethod`: the message and the flat string fields of every line, scrubbed. */
export function scrubLogArgs(this: pino.Logger, args: unknown[], method: (...args: unknown[]) => void): void {
  method.apply(this, args.map(scrubArg));
}
