import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { FastifyAdapter as BoardAdapter } from '@bull-board/fastify';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { AuthGuard } from '../auth/auth.guard';
import { AuthenticatedRequest } from '../auth/auth-context';
import { JobRepository } from '../jobs/job.repository';

export const QUEUE_BOARD_PATH = '/admin/queues';

/** bull-board at /admin/queues, for admins only (admin API key or an admin's dashboard session). */
export async function mountQueueBoard(app: NestFastifyApplication): Promise<void> {
  const board = new BoardAdapter();
  board.setBasePath(QUEUE_BOARD_PATH);
  createBullBoard({
    queues: app.get(JobRepository).allQueues().map((queue) => new BullMQAdapter(queue)),
    serverAdapter: board,
  });
  const guard = app.get(AuthGuard);
  const fastify = app.getHttpAdapter().getInstance();
  await fastify.register(
    async (scope) => {
      scope.addHook('onRequest', async (request, reply) => {
        const auth = await guard.authenticate(request as unknown as AuthenticatedRequest).catch(() => null);
        if (!auth) return reply.code(401).send({ statusCode: 401, error: 'Unauthorized', message: 'Admin login required' });
        if (auth.role !== 'admin') return reply.code(403).send({ statusCode: 403, error: 'Forbidden', message: 'Admins only' });
      });
      await scope.register(board.registerPlugin() as never, { prefix: QUEUE_BOARD_PATH });
    },
  );
}
