import { ArgumentsHost, Catch, ExceptionFilter, Logger } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { REDIS_RETRY_AFTER_SECONDS, RedisUnavailableError } from './redis-unavailable.error';

/** A Redis outage is temporary and not the client's fault: 503 with Retry-After, never a 500 or a hang. */
@Catch(RedisUnavailableError)
export class RedisUnavailableFilter implements ExceptionFilter {
  private readonly logger = new Logger('Redis');

  catch(exception: RedisUnavailableError, host: ArgumentsHost): void {
    this.logger.warn(exception.message);
    const reply = host.switchToHttp().getResponse<FastifyReply>();
    void reply
      .status(503)
      .header('Retry-After', String(REDIS_RETRY_AFTER_SECONDS))
      .send({ statusCode: 503, error: 'Service Unavailable', message: `Temporarily unavailable, retry in ${REDIS_RETRY_AFTER_SECONDS} s` });
  }
}
