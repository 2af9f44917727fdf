import { ArgumentsHost, Catch, ExceptionFilter } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { HttpErrorFilter } from '@cairn/common';
import { DELIGHTED_PATH, DelightedExceptionFilter } from '@cairn/delighted';

/**
 * The global error filter. Errors raised before a route's own filters run (a body that is not JSON, a body over the
 * size limit) are answered in Delighted's shape (`status`, `message`) on Delighted's paths, Cairn's everywhere else.
 */
@Catch()
export class DelightedAwareErrorFilter implements ExceptionFilter {
  private readonly cairn = new HttpErrorFilter();
  private readonly delighted = new DelightedExceptionFilter();

  catch(exception: unknown, host: ArgumentsHost): void {
    const url = host.switchToHttp().getRequest<FastifyRequest>().url ?? '';
    const filter = url.startsWith(`/${DELIGHTED_PATH}/`) ? this.delighted : this.cairn;
    filter.catch(exception, host);
  }
}
