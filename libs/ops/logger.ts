import { LoggerService } from '@nestjs/common';
import pino, { Logger } from 'pino';
import { scrubbingSerializers, scrubLogArgs } from './log-scrubbing';

/** One pino logger per process; structured JSON lines (to stdout unless a destination is given). */
export function createRootLogger(level: string, destination?: pino.DestinationStream): Logger {
  return pino(
    {
      level,
      base: { service: process.env.CAIRN_PROCESS ?? 'cairn' },
      // Email addresses and tokens must never reach the logs.
      redact: { paths: ['req.headers.authorization', 'req.headers.cookie', '*.email', '*.token'], censor: '[redacted]' },
      // Fastify prefers these to its own, so request URLs lose their link tokens too.
      serializers: scrubbingSerializers,
      hooks: { logMethod: scrubLogArgs as never },
    },
    destination,
  );
}

// Nest announces every module and route at boot (~170 lines for the API):
// useful when debugging wiring, noise otherwise, so `npm start` fits a screen.
const BOOT_CHATTER = new Set(['NestFactory', 'InstanceLoader', 'RoutesResolver', 'RouterExplorer', 'NestApplication']);

/** Nest's logger interface on top of pino. */
export class PinoNestLogger implements LoggerService {
  constructor(private readonly logger: Logger) {}

  log(message: unknown, context?: string) {
    if (context !== undefined && BOOT_CHATTER.has(context)) this.logger.debug({ context }, String(message));
    else this.logger.info({ context }, String(message));
  }

  error(message: unknown, trace?: string, context?: string) {
    this.logger.error({ context, trace }, String(message));
  }

  warn(message: unknown, context?: string) {
    this.logger.warn({ context }, String(message));
  }

  debug(message: unknown, context?: string) {
    this.logger.debug({ context }, String(message));
  }

  verbose(message: unknown, context?: string) {
    this.logger.trace({ context }, String(message));
  }
}
