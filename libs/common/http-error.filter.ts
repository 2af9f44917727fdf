import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import { FastifyReply } from 'fastify';
import { DATABASE_RETRY_AFTER_SECONDS, isDatabaseUnavailable } from './database-unavailable';
import { reasonPhrase } from './reason-phrase';

/** Maps every error to { statusCode, error, message }; database constraint errors become 4xx, never 500. */
@Catch()
export class HttpErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger('HttpError');

  catch(exception: unknown, host: ArgumentsHost): void {
    const reply = host.switchToHttp().getResponse<FastifyReply>();
    if (!(exception instanceof HttpException) && isDatabaseUnavailable(exception)) {
      // An outage, not a bug: one line, and the client retries.
      this.logger.warn(`database unavailable: ${exception instanceof Error ? exception.message.split('\n')[0] : String(exception)}`);
      void reply
        .status(HttpStatus.SERVICE_UNAVAILABLE)
        .header('Retry-After', String(DATABASE_RETRY_AFTER_SECONDS))
        .type('application/json; charset=utf-8')
        .send(this.plain(HttpStatus.SERVICE_UNAVAILABLE, `Temporarily unavailable, retry in ${DATABASE_RETRY_AFTER_SECONDS} s`).body);
      return;
    }
    const { status, body } = this.describe(exception);
    if (status >= 500) this.logger.error(exception instanceof Error ? exception.stack : String(exception));
    // A route may have set its own content type (text/plain for /metrics, JavaScript for the widget)
    // before it failed; an error body is JSON whatever the route meant to send.
    void reply.status(status).type('application/json; charset=utf-8').send(body);
  }

  private describe(exception: unknown): { status: number; body: Record<string, unknown> } {
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const response = exception.getResponse();
      const body = typeof response === 'object' ? { ...(response as object) } : { message: response };
      return { status, body: { statusCode: status, error: reasonPhrase(status), ...body } };
    }
    const code = (exception as { code?: string }).code;
    const fastifyStatus = (exception as { statusCode?: number }).statusCode;
    if (code === 'P2002') return this.plain(HttpStatus.CONFLICT, 'A record with these unique values already exists');
    if (code === 'P2025' || code === 'P2003') return this.plain(HttpStatus.NOT_FOUND, 'Not found');
    if (fastifyStatus && fastifyStatus >= 400 && fastifyStatus < 500) {
      return this.plain(fastifyStatus, (exception as Error).message);
    }
    return this.plain(HttpStatus.INTERNAL_SERVER_ERROR, 'Internal server error');
  }

  private plain(status: number, message: string) {
    return { status, body: { statusCode: status, error: reasonPhrase(status), message } };
  }
}
