import { Injectable, NestMiddleware } from '@nestjs/common';
import type { IncomingMessage, ServerResponse } from 'node:http';

/**
 * Delighted's clients send `Content-Type: application/json` on every request,
 * GET and DELETE included, with no body; Fastify refuses an empty JSON body.
 * A request that carries no body has no content type to honour.
 */
@Injectable()
export class BodylessJsonMiddleware implements NestMiddleware {
  use(request: IncomingMessage, _response: ServerResponse, next: () => void): void {
    const length = request.headers['content-length'];
    const hasBody = request.headers['transfer-encoding'] !== undefined || (length !== undefined && length !== '0');
    if (!hasBody) delete request.headers['content-type'];
    next();
  }
}
