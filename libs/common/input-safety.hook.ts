import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { inputProblem } from './input-safety.policy';

/**
 * Refuses, with 400 and before any guard, pipe or handler of the route runs,
 * a request whose path, query string or body holds a prototype key, a NUL
 * character or nesting deep enough to overflow a recursive reader. One hook
 * for every route, so no route can forget it.
 */
export function registerInputSafety(fastify: FastifyInstance): void {
  fastify.addHook('preValidation', async (request: FastifyRequest, reply: FastifyReply) => {
    const problem = inputProblem(request.params, 'path') ?? inputProblem(request.query, 'query') ?? inputProblem(request.body, 'body');
    if (problem) return reply.code(400).send({ statusCode: 400, error: 'Bad Request', message: problem });
  });
}
