import Fastify from 'fastify';
import { Writable } from 'node:stream';
import { createRootLogger, PinoNestLogger } from './logger';

const TOKEN = 'kP3x_9Qm-ZtY2bVw8LrN4sHdJfGa7EcU';

function capture() {
  const lines: string[] = [];
  const stream = new Writable({ write: (chunk, _enc, done) => void (lines.push(chunk.toString()), done()) });
  return { lines, logger: createRootLogger('debug', stream as never) };
}

describe('root logger', () => {
  it('logs request URLs of public links without their tokens, as Fastify logs them', async () => {
    const { lines, logger } = capture();
    const app = Fastify({ loggerInstance: logger });
    app.get('/r/:token', async () => 'page');
    app.get('/api/v1/people', async () => []);
    await app.inject({ method: 'GET', url: `/r/${TOKEN}?score=3` });
    await app.inject({ method: 'GET', url: '/api/v1/people?email=bob%40x.test' });
    await app.inject({ method: 'POST', url: `/u/${TOKEN}` }); // no such route: Fastify logs its own 404 line
    await app.close();
    const all = lines.join('');
    expect(all).toContain('/r/[redacted]?score=3');
    expect(all).toContain('/api/v1/people?email=[redacted]');
    expect(all).toContain('/u/[redacted]');
    expect(all).not.toContain(TOKEN);
    expect(all).not.toMatch(/bob/);
  });

  it('scrubs messages, flat fields and errors of every line', () => {
    const { lines, logger } = capture();
    const nest = new PinoNestLogger(logger);
    nest.warn('job send-invitation 1 failed: 550 <bob@x.test> unknown', 'JobRepository');
    nest.error(`boom at /r/${TOKEN}`, `Error: boom\n    at mail to carol@x.test`, 'HttpError');
    logger.child({ request: 1 }).error({ err: new Error('451 dave@x.test busy') }, 'request errored');
    const all = lines.join('');
    expect(lines).toHaveLength(3);
    expect(all).toContain('550 <[redacted]> unknown');
    expect(all).not.toMatch(/bob@|carol@|dave@|kP3x_/);
  });
});
