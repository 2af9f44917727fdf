import { Injectable, Logger } from '@nestjs/common';
import { uuid7 } from '@cairn/common';
import type { PastAnswer } from '@cairn/responses';
import { RollupRepository, SCALES } from '@cairn/scoring';
import { DemoRepository } from './demo.repository';
import { DEMO_COMMENTS, DEMO_JOURNEY, DEMO_SEGMENTS, DEMO_STAGES, DemoTouchpoint } from './demo-data';

const LOCALES = ['en', 'sv', 'da'] as const;
const DAY = 86_400_000;
const HOUR = 3_600_000;

/** The demo's cases, newest answer first. */
const DEMO_CASES: Array<{ status: 'open' | 'in_progress' | 'resolved'; assigned: boolean; dueInHours?: number; notes: string[] }> = [
  { status: 'open', assigned: false, dueInHours: 30, notes: [] },
  { status: 'open', assigned: false, dueInHours: -6, notes: [] },
  { status: 'in_progress', assigned: true, dueInHours: 10, notes: ['Called, left a voicemail. Trying again tomorrow morning.'] },
  {
    status: 'resolved',
    assigned: true,
    notes: ['Reached the customer: the parcel was late twice.', 'Refunded the shipping fee; customer happy.'],
  },
  { status: 'resolved', assigned: true, notes: ['Explained the new returns flow and sent a voucher.'] },
];

/** A small deterministic PRNG (mulberry32), so demo data is the same on every machine. */
function prng(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Seeds a living demo journey: stages, touchpoints, surveys and a few thousand past responses. */
@Injectable()
export class DemoSeeder {
  private readonly logger = new Logger('Demo');

  constructor(
    private readonly demo: DemoRepository,
    private readonly rollups: RollupRepository,
  ) {}

  async seed(
    workspaceId: string,
    options: { responses?: number; days?: number; now?: Date } = {},
  ): Promise<{ journeyId: string; created: boolean; archived?: true }> {
    const existing = await this.demo.findJourney(workspaceId, DEMO_JOURNEY);
    // An archived demo journey stays archived: archiving is how a manager takes the demo off the map, and with
    // --demo (CAIRN_DEMO=true) this runs on every start, so bringing it back (or seeding a second one, whose
    // touchpoint keys would clash with the archived ones') would undo that on the next restart.
    if (existing?.archivedAt) {
      this.logger.log('the demo journey is archived: left as it is');
      return { journeyId: existing.id, created: false, archived: true };
    }
    if (existing) return { journeyId: existing.id, created: false };
    const total = options.responses ?? 4000;
    const days = options.days ?? 180;
    const now = options.now ?? new Date();
    const random = prng(42);
    const journey = await this.demo.createJourney({
      workspaceId,
      name: DEMO_JOURNEY,
      description: 'From first visit to loyal customer (demo data)',
    });
    const touchpoints: Array<DemoTouchpoint & { id: string; stageId: string; surveyId: string }> = [];
    for (const [position, stageDef] of DEMO_STAGES.entries()) {
      const stage = await this.demo.createStage({ workspaceId, journeyId: journey.id, name: stageDef.name, position });
      for (const [tpPosition, def] of stageDef.touchpoints.entries()) {
        const tp = await this.demo.createTouchpoint({
          workspaceId,
          journeyId: journey.id,
          stageId: stage.id,
          name: def.name,
          key: def.key,
          channel: def.channel,
          position: tpPosition,
        });
        const survey = await this.demo.createSurvey({
          workspaceId,
          touchpointId: tp.id,
          metric: def.metric,
          triggerEvent: def.event,
          delaySeconds: def.metric === 'nps' ? 172_800 : 3600,
        });
        touchpoints.push({ ...def, id: tp.id, stageId: stage.id, surveyId: survey.id });
      }
    }
    const people = await this.createPeople(workspaceId, random);
    const answers = Array.from({ length: total }, (): PastAnswer => {
      const tp = touchpoints[Math.floor(random() * touchpoints.length)];
      const person = people[Math.floor(random() * people.length)];
      // Older answers lean a little lower, so trends show an improving journey.
      const age = random();
      const createdAt = new Date(now.getTime() - age * days * DAY);
      const score = this.score(tp, random, age);
      const scale = SCALES[tp.metric];
      const level = (score - scale.min) / (scale.max - scale.min);
      const band = level < 0.6 ? 'low' : level < 0.8 ? 'mid' : 'high';
      const comment = random() < 0.35 ? pick(DEMO_COMMENTS[band][person.locale], random) : null;
      return {
        // Made at the answer's time, as imports make theirs: partitioned history files a row by its id's month.
        id: uuid7(createdAt.getTime()),
        target: {
          workspaceId,
          surveyId: tp.surveyId,
          personId: person.id,
          touchpointId: tp.id,
          stageId: tp.stageId,
          journeyId: journey.id,
          metric: tp.metric,
          locale: person.locale,
          source: tp.channel === 'web' || tp.channel === 'app' ? ('web' as const) : ('email' as const),
          personProperties: person.properties,
        },
        score,
        comment,
        createdAt,
        externalId: null,
      };
    });
    await this.demo.insertResponses(answers);
    await this.rollups.rebuild(touchpoints.map((t) => t.id));
    await this.seedCases(workspaceId, journey.id, now);
    this.logger.log(`demo journey seeded with ${total} responses`);
    return { journeyId: journey.id, created: true };
  }

  /**
   * A few detractor cases on the newest low answers, one of each state a
   * newcomer meets: overdue, due soon, assigned and in progress, resolved
   * with notes. Written as they would stand, around the product's write
   * paths (no emails or webhooks for the past).
   */
  private async seedCases(workspaceId: string, journeyId: string, now: Date): Promise<void> {
    const [answers, rule, user] = await Promise.all([
      this.demo.latestDetractors(journeyId, DEMO_CASES.length),
      this.demo.defaultRule(workspaceId),
      this.demo.firstUser(workspaceId),
    ]);
    for (const [i, r] of answers.entries()) {
      const plan = DEMO_CASES[i];
      const openedAt = new Date(r.createdAt.getTime() + 60_000);
      // Steps after the opening, never later than now (the newest answers are only hours old).
      const at = (hours: number) => new Date(Math.min(openedAt.getTime() + hours * HOUR, now.getTime()));
      const resolved = plan.status === 'resolved';
      await this.demo.insertCase(
        rule && {
          workspaceId,
          ruleId: rule.id,
          kind: 'response',
          responseId: r.id,
          value: r.score,
          details: { metric: r.metric, score: r.score, scoreAtMost: 6, touchpointId: r.touchpointId },
          createdAt: openedAt,
        },
        {
          workspaceId,
          responseId: r.id,
          personId: r.personId,
          touchpointId: r.touchpointId,
          status: plan.status,
          assignee: plan.assigned ? (user?.email ?? null) : null,
          // Due 48 h after opening, except the ones set to show the SLA's two faces.
          dueAt:
            plan.dueInHours === undefined ? new Date(openedAt.getTime() + 48 * HOUR) : new Date(now.getTime() + plan.dueInHours * HOUR),
          resolvedAt: resolved ? at(20) : null,
          createdAt: openedAt,
          updatedAt: resolved ? at(20) : openedAt,
        },
        plan.notes.map((body, n) => ({ author: 'Demo', body, createdAt: at(2 + n * 6) })),
      );
    }
  }

  private score(tp: DemoTouchpoint, random: () => number, age: number): number {
    const { min, max } = SCALES[tp.metric];
    const lean = Math.min(0.97, Math.max(0.03, tp.mood - 0.08 * age + (random() - 0.5) * 0.55));
    return Math.round(min + lean * (max - min));
  }

  private async createPeople(workspaceId: string, random: () => number) {
    const people = Array.from({ length: 300 }, (_, i) => {
      const locale = LOCALES[i % 3];
      const properties = { plan: pick(DEMO_SEGMENTS.plan, random), region: pick(DEMO_SEGMENTS.region, random) };
      return { workspaceId, email: `customer${i + 1}@demo.example`, name: `Demo Customer ${i + 1}`, locale, properties };
    });
    await this.demo.insertPeople(people);
    const rows = await this.demo.peopleByEmailDomain(workspaceId, '@demo.example');
    return rows.map((p) => ({
      id: p.id,
      locale: (p.locale ?? 'en') as (typeof LOCALES)[number],
      properties: p.properties as Record<string, string>,
    }));
  }
}

function pick<T>(list: readonly T[], random: () => number): T {
  return list[Math.floor(random() * list.length)];
}
