// Relationship invitations made by the real scheduler and sent by the real worker to a real SMTP server, without
// steering any clock: the survey's anchor is moved back so that each person's slot in period 0 has just come.
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { emailHash } from '@cairn/common';
import { RelationshipSchedulerService, slotOffsetSeconds } from '@cairn/distribution';
import { uniqueEmail } from './utils/distribution-fixtures';
import type { SmtpSink } from './utils/smtp-sink';
import type { TestContext } from './utils/test-app';
import { waitFor } from './utils/test-worker';

const DAY = 86_400_000;
export const EVERY_DAYS = 30;

export interface Asked {
  personId: string;
  email: string;
  invitationId: string;
  /** The response token of the email's score links, and the links themselves by score. */
  token: string;
  links: Map<number, string>;
}

/** A relationship survey on the journey that asks only people whose `cohort` property is `cohort`. */
export async function createRelationshipSurvey(ctx: TestContext, journeyId: string, cohort: string, extra: Record<string, unknown> = {}) {
  const res = await ctx
    .api('post', '/api/v1/surveys')
    .send({ kind: 'relationship', metric: 'nps', journeyId, schedule: { everyDays: EVERY_DAYS }, segment: { cohort }, ...extra })
    .expect(201);
  return res.body.id as string;
}

/**
 * People of the cohort, asked by one scheduler tick and emailed by the worker: each one's invitation, with the token
 * and score links read from the email they received.
 */
export async function askCohort(
  ctx: TestContext,
  worker: NestFastifyApplication,
  sink: SmtpSink,
  surveyId: string,
  cohort: string,
  people: Array<{ locale?: string; name?: string }>,
): Promise<Asked[]> {
  const now = Date.now();
  const emails = people.map(() => uniqueEmail(cohort));
  // Made well before the anchor below, so each one's slot in period 0 counts.
  await ctx.prisma.person.createMany({
    data: people.map((p, i) => ({
      workspaceId: ctx.workspaceId,
      email: emails[i],
      emailHash: emailHash(emails[i]),
      name: p.name ?? null,
      locale: p.locale ?? null,
      properties: { cohort },
      createdAt: new Date(now - 2 * EVERY_DAYS * DAY),
    })),
  });
  const rows = await ctx.prisma.person.findMany({ where: { workspaceId: ctx.workspaceId, email: { in: emails } } });
  // Period 0 starts so that the latest slot came a minute ago: everyone is due now, nobody twice.
  const latest = Math.max(...rows.map((p) => slotOffsetSeconds(surveyId, p.id, EVERY_DAYS)));
  const anchor = new Date(Math.floor((now - latest * 1000 - 60_000) / 1000) * 1000);
  await ctx.prisma.survey.update({ where: { id: surveyId }, data: { scheduleAnchor: anchor } });
  await worker.get(RelationshipSchedulerService).tick();
  const sent = await waitFor(
    async () => {
      const invitations = await ctx.prisma.invitation.findMany({ where: { surveyId, personId: { in: rows.map((p) => p.id) } } });
      return invitations.length === rows.length && invitations.every((i) => i.status === 'sent') && invitations;
    },
    60_000,
    'the relationship invitations sent',
  );
  return rows.map((person) => {
    const invitation = sent.find((i) => i.personId === person.id)!;
    const [mail] = sink.to(person.email!);
    const links = new Map<number, string>();
    for (const [, url, score] of mail.html.matchAll(/href="([^"]*\/r\/[A-Za-z0-9_-]+\?score=(\d+))"/g)) links.set(Number(score), url);
    const token = /\/r\/([A-Za-z0-9_-]+)\?/.exec([...links.values()][0] ?? '')?.[1];
    if (!token) throw new Error(`no score link in the email to ${person.email}`);
    return { personId: person.id, email: person.email!, invitationId: invitation.id, token, links };
  });
}
