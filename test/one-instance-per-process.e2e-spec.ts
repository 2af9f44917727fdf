import { INestApplicationContext } from '@nestjs/common';
import { ModulesContainer } from '@nestjs/core';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { Pool } from 'pg';
import { PG_POOL, pgPoolsCreated, PrismaService } from '@cairn/database';
import { HandoverRepository } from '@cairn/distribution';
import { InvitationTokenRepository } from '@cairn/invitations';
import { MailRepository } from '@cairn/mail';
import { RollupRepository } from '@cairn/scoring';
import { createSurvey, sendEvent, uniqueEmail } from './utils/distribution-fixtures';
import { SmtpSink } from './utils/smtp-sink';
import { startTestApi, TestContext } from './utils/test-app';
import { startTestWorker, waitFor } from './utils/test-worker';

/** Every provider an app built, once each (a provider exported by a module appears in its importers too). */
function providers(app: INestApplicationContext): Array<{ instance: object; metatype: unknown }> {
  const found = new Map<object, unknown>();
  for (const module of app.get(ModulesContainer).values()) {
    for (const wrapper of module.providers.values()) {
      if (wrapper.instance !== null && typeof wrapper.instance === 'object') found.set(wrapper.instance as object, wrapper.metatype);
    }
  }
  return [...found].map(([instance, metatype]) => ({ instance, metatype }));
}

// By class, not instanceof: Prisma's client hands back a proxy of itself from its constructor.
const count = (app: INestApplicationContext, type: abstract new (...args: never[]) => unknown) =>
  providers(app).filter(({ metatype }) => metatype === type).length;
const pools = (app: INestApplicationContext) =>
  providers(app)
    .filter(({ instance }) => instance instanceof Pool)
    .map(({ instance }) => instance);

/**
 * One connection pool of each outside system per process (issue 11 point 1): one
 * MailRepository (each holds one pooled nodemailer transport, so one SMTP pool) and one
 * pg.Pool, which Prisma's adapter and the hand-over's raw COMMIT share. Counted on the real
 * apps: the providers Nest built, and the pools createPgPool opened (none is opened elsewhere).
 */
describe('one instance of each outside system per process', () => {
  let sink: SmtpSink;
  let ctx: TestContext;
  let worker: NestFastifyApplication;
  let poolsOfApi: number;

  beforeAll(async () => {
    sink = await new SmtpSink().start();
    const before = pgPoolsCreated();
    ctx = await startTestApi({ smtpUrl: sink.url });
    poolsOfApi = pgPoolsCreated() - before;
  });
  afterAll(async () => {
    await worker?.close();
    await ctx?.close();
    await sink?.close();
  });

  it('the API builds one MailRepository, RollupRepository, InvitationTokenRepository, Prisma client and pg pool', () => {
    expect(count(ctx.app, MailRepository)).toBe(1);
    expect(count(ctx.app, RollupRepository)).toBe(1);
    expect(count(ctx.app, InvitationTokenRepository)).toBe(1);
    expect(count(ctx.app, PrismaService)).toBe(1);
    expect(pools(ctx.app)).toHaveLength(1);
    expect(poolsOfApi).toBe(1);
  });

  it('the worker sends a survey email on the same single SMTP and pg pools', async () => {
    const before = pgPoolsCreated();
    worker = await startTestWorker(ctx.config);
    await createSurvey(ctx, { event: 'one.pool', throttleDays: 0 });
    const email = uniqueEmail('one-pool');
    const { invitations } = await sendEvent(ctx, { type: 'one.pool', person: { email } });
    const sent = async () => (await ctx.prisma.invitation.findUniqueOrThrow({ where: { id: invitations[0].id } })).status === 'sent';
    await waitFor(sent, 30_000, 'the survey email');
    expect(sink.to(email)).toHaveLength(1);

    expect(count(worker, MailRepository)).toBe(1);
    expect(count(worker, PrismaService)).toBe(1);
    // The hand-over (raw COMMIT on a pg client) has run: it used the process's pool, not one of its own.
    expect(pgPoolsCreated() - before).toBe(1);
    const pool = worker.get<Pool>(PG_POOL);
    expect(pools(worker)).toEqual([pool]);
    expect((worker.get(HandoverRepository) as unknown as { pool: Pool }).pool).toBe(pool);
  });
});
