import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { FastifyAdapter as BoardAdapter } from '@bull-board/fastify';
import { Logger } from '@nestjs/common';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { AuthGuard, AuthenticatedRequest } from '@cairn/auth';
import { JobRepository } from '@cairn/jobs';
import { OperatorService } from './operator.service';

export const QUEUE_BOARD_PATH = '/admin/queues';
const THIRD_PARTY_FONTS = /<link[^>]+href="https:\/\/fonts\.(googleapis|gstatic)\.com[^>]*>\s*/g;

/** bull-board at /admin/queues, for instance operators only (a dashboard session of an OPERATOR_EMAILS user). */
export async function mountQueueBoard(app: NestFastifyApplication): Promise<void> {
  const logger = new Logger('QueueBoard');
  const board = new BoardAdapter();
  board.setBasePath(QUEUE_BOARD_PATH);
  createBullBoard({
    queues: app
      .get(JobRepository)
      .allQueues()
      .map((queue) => new BullMQAdapter(queue)),
    serverAdapter: board,
  });
  const guard = app.get(AuthGuard);
  const operators = app.get(OperatorService);
  const fastify = app.getHttpAdapter().getInstance();
  await fastify.register(async (scope) => {
    scope.addHook('onRequest', async (request, reply) => {
      const auth = await guard.authenticate(request as unknown as AuthenticatedRequest).catch(() => null);
      if (!auth) return reply.code(401).send({ statusCode: 401, error: 'Unauthorized', message: 'Operator login required' });
      // Every queue of every workspace is on the board (and can be paused there): instance operators only.
      if (!(await operators.isOperator(auth))) {
        return reply.code(403).send({
          statusCode: 403,
          error: 'Forbidden',
          message: 'Instance operators only; workspace admins see their jobs at /api/v1/jobs',
        });
      }
    });
    // bull-board answers its own failures (a Redis command timing out, say) with a bare 500 and logs nothing.
    scope.addHook('onError', async (request, _reply, error) => {
      if (((error as { statusCode?: number }).statusCode ?? 500) < 500) return;
      logger.error(`${request.method} ${request.url.split('?')[0]} failed: ${error.message}`);
    });
    // bull-board's page links IBM Plex from Google Fonts: a third-party request carrying the operator's address and
    // referrer on every visit (and a failed one offline). Without it the page falls back to the system sans-serif.
    scope.addHook('onSend', async (_request, reply, payload) => {
      if (typeof payload !== 'string' || !String(reply.getHeader('content-type') ?? '').startsWith('text/html')) return payload;
      return payload.replace(THIRD_PARTY_FONTS, '');
    });
    await scope.register(board.registerPlugin() as never, { prefix: QUEUE_BOARD_PATH });
  });
}
