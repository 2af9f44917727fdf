import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { DelightedValidationError, FieldErrors } from './delighted-errors';
import { reasonPhrase } from '@cairn/common';

/**
 * Errors of the Delighted-compatible API in Delighted's shape (`status`,
 * `message`, per-field `errors` on 422) plus Cairn's `statusCode`/`error`.
 * Delighted answered bad parameters with 422, never 400, so 400 becomes 422.
 */
@Catch()
export class DelightedExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('DelightedApi');

  catch(exception: unknown, host: ArgumentsHost): void {
    const reply = host.switchToHttp().getResponse<FastifyReply>();
    const { status, message, errors } = this.describe(exception);
    if (status >= 500) this.logger.error(exception instanceof Error ? exception.stack : String(exception));
    const error = reasonPhrase(status);
    void reply
      .status(status)
      .type('application/json; charset=utf-8')
      .send({ status, message, ...(errors ? { errors } : {}), statusCode: status, error });
  }

  private describe(exception: unknown): { status: number; message: string; errors?: FieldErrors } {
    if (exception instanceof DelightedValidationError) return { status: 422, message: 'Unprocessable Entity', errors: exception.errors };
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const message = textOf(exception.getResponse());
      if (status === 400) return { status: 422, message: 'Unprocessable Entity', errors: { base: [message] } };
      return { status, message };
    }
    const code = (exception as { code?: string }).code;
    const fastifyStatus = (exception as { statusCode?: number }).statusCode;
    if (code === 'P2025') return { status: 404, message: 'Not Found' };
    if (code === 'P2002') return { status: 422, message: 'Unprocessable Entity', errors: { base: ['has already been taken'] } };
    if (fastifyStatus && fastifyStatus >= 400 && fastifyStatus < 500) {
      const status = fastifyStatus === 400 ? 422 : fastifyStatus;
      return {
        status,
        message: reasonPhrase(status),
        ...(status === 422 ? { errors: { base: [(exception as Error).message] } } : {}),
      };
    }
    return { status: 500, message: 'Internal Server Error' };
  }
}

function textOf(response: string | object): string {
  if (typeof response === 'string') return response;
  const message = (response as { message?: unknown }).message;
  return Array.isArray(message) ? message.join('; ') : String(message ?? 'Error');
}
