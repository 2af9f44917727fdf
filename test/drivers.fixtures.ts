// Loads the labelled synthetic data (test/eval/drivers-synthetic.ts) into a real journey: touchpoints with their
// surveys, a relationship survey, people, their touchpoint answers before their relationship answer, and comment
// analyses. Bulk SQL (jsonb_to_recordset), so 500 people take one statement per table.
import type { PrismaService } from '@cairn/database';
import type { Metric } from '@cairn/scoring';
import type request from 'supertest';
import { SYNTHETIC_TOUCHPOINTS, syntheticPeople, type SyntheticKey } from './eval/drivers-synthetic';

export const DAY = 86_400_000;
const SCALE: Record<Metric, [number, number]> = { nps: [0, 10], csat: [1, 5], ces: [1, 7] };

export interface SeedContext {
  api: (method: 'get' | 'post', path: string) => request.Test;
  prisma: PrismaService;
  workspaceId: string;
}

export interface SeededJourney {
  journeyId: string;
  relationshipSurveyId: string;
  /** Touchpoint ids by synthetic key, plus `rare` (5 answers: below minN). */
  tp: Record<SyntheticKey | 'rare', string>;
  /** Every touchpoint answer inserted, for computing expected performance. */
  answers: Array<{ key: SyntheticKey | 'rare'; metric: Metric; score: number; at: number }>;
  people: number;
}

interface Row {
  id: string;
  person_id: string;
  touchpoint_id: string | null;
  stage_id: string | null;
  survey_id: string;
  metric: Metric;
  score: number;
  comment: string | null;
  created_at: string;
}

/**
 * Relationship answers fall 1–10 days before `now` (one per person), touchpoint answers 1–60 days before them.
 * `late` extra people answered the relationship survey but their touchpoint answers are 120 days older: outside the
 * 90-day window, so they count in outcome.n and nowhere else.
 */
export async function seedSyntheticJourney(ctx: SeedContext, seed: number, now: number, people = 500, late = 20): Promise<SeededJourney> {
  const journey = await ctx
    .api('post', '/api/v1/journeys')
    .send({ name: `Synthetic ${seed}`, stages: [{ name: 'All' }] })
    .expect(201);
  const journeyId = journey.body.id as string;
  const stageId = journey.body.stages[0].id as string;
  const tp = {} as SeededJourney['tp'];
  const surveys = {} as Record<SyntheticKey | 'rare', string>;
  const metricOf: Record<SyntheticKey | 'rare', Metric> = { rare: 'nps' } as never;
  for (const t of [...SYNTHETIC_TOUCHPOINTS, { key: 'rare' as const, metric: 'nps' as Metric }]) {
    const key = `${t.key.toLowerCase()}-${seed}-${journeyId.slice(-6)}`;
    const res = await ctx.api('post', '/api/v1/touchpoints').send({ stageId, name: t.key, key, channel: 'web' }).expect(201);
    tp[t.key] = res.body.id;
    metricOf[t.key] = t.metric;
    const survey = await ctx
      .api('post', '/api/v1/surveys')
      .send({ touchpointId: tp[t.key], metric: t.metric, trigger: { event: `${key}.done` } })
      .expect(201);
    surveys[t.key] = survey.body.id;
  }
  const relationship = await ctx.prisma.survey.create({
    data: { workspaceId: ctx.workspaceId, kind: 'relationship', journeyId, metric: 'nps', everyDays: 90, active: true },
  });

  const data = syntheticPeople({ seed, people });
  const lateData = syntheticPeople({ seed: seed + 1000, people: late });
  const personIds = await insertPeople(ctx, data.length + lateData.length, seed);
  const rows: Row[] = [];
  const analyses: Array<{ response_id: string; themes: string[] }> = [];
  const answers: SeededJourney['answers'] = [];
  const row = (personId: string, key: SyntheticKey | 'rare' | 'relationship', score: number, at: number, comment: string | null): Row => ({
    id: crypto.randomUUID(),
    person_id: personId,
    // Relationship answers have no touchpoint or stage, as the answer path records them (relationship-answers e2e).
    touchpoint_id: key === 'relationship' ? null : tp[key],
    stage_id: key === 'relationship' ? null : stageId,
    survey_id: key === 'relationship' ? relationship.id : surveys[key],
    metric: key === 'relationship' ? 'nps' : metricOf[key],
    score,
    comment,
    created_at: new Date(at).toISOString(),
  });
  const all = [...data.map((p) => ({ p, late: false })), ...lateData.map((p) => ({ p, late: true }))];
  all.forEach(({ p, late: isLate }, i) => {
    const personId = personIds[i];
    const relAt = now - DAY - (i % 9) * DAY - i * 1000;
    rows.push(row(personId, 'relationship', p.outcome, relAt, null));
    let commented = false;
    for (const t of SYNTHETIC_TOUCHPOINTS) {
      const score = p.answers[t.key];
      if (score === undefined) continue;
      const at = relAt - (isLate ? 120 * DAY : DAY + ((i * 7 + t.key.length) % 59) * DAY);
      const withThemes = !commented && p.themes.length > 0;
      const r = row(personId, t.key, score, at, withThemes ? 'a comment' : null);
      if (withThemes) {
        analyses.push({ response_id: r.id, themes: p.themes });
        commented = true;
      }
      rows.push(r);
      if (!isLate) answers.push({ key: t.key, metric: t.metric, score, at });
    }
    if (i < 5) {
      const at = relAt - 2 * DAY;
      rows.push(row(personId, 'rare', 7 + (i % 3), at, null));
      answers.push({ key: 'rare', metric: 'nps', score: 7 + (i % 3), at });
    }
  });
  for (const r of rows) {
    const [lo, hi] = SCALE[r.metric];
    if (r.score < lo || r.score > hi) throw new Error(`fixture score ${r.score} outside ${r.metric}`);
  }
  await ctx.prisma.$executeRawUnsafe(
    `INSERT INTO responses (id, workspace_id, survey_id, person_id, touchpoint_id, stage_id, journey_id, metric, scale_min, scale_max,
       score, comment, source, created_at, updated_at)
     SELECT x.id, $1, x.survey_id, x.person_id, x.touchpoint_id, x.stage_id, $2, x.metric::"Metric",
       CASE x.metric WHEN 'nps' THEN 0 ELSE 1 END, CASE x.metric WHEN 'nps' THEN 10 WHEN 'csat' THEN 5 ELSE 7 END,
       x.score, x.comment, 'import', x.created_at, x.created_at
     FROM jsonb_to_recordset($3::jsonb) AS x(id text, survey_id text, person_id text, touchpoint_id text, stage_id text, metric text,
       score int, comment text, created_at timestamptz)`,
    ctx.workspaceId,
    journeyId,
    JSON.stringify(rows),
  );
  await ctx.prisma.$executeRawUnsafe(
    `INSERT INTO comment_analyses (response_id, workspace_id, language, sentiment_score, sentiment_label, themes, themes_version)
     SELECT x.response_id, $1, 'en', -0.5, 'negative', ARRAY(SELECT jsonb_array_elements_text(x.themes)), 0
     FROM jsonb_to_recordset($2::jsonb) AS x(response_id text, themes jsonb)`,
    ctx.workspaceId,
    JSON.stringify(analyses),
  );
  return { journeyId, relationshipSurveyId: relationship.id, tp, answers, people: all.length };
}

async function insertPeople(ctx: SeedContext, count: number, seed: number): Promise<string[]> {
  const ids = Array.from({ length: count }, () => crypto.randomUUID());
  await ctx.prisma.$executeRawUnsafe(
    `INSERT INTO people (id, workspace_id, email, updated_at)
     SELECT id, $1, 'driver-' || $2 || '-' || ord || '@example.com', now() FROM unnest($3::text[]) WITH ORDINALITY AS u(id, ord)`,
    ctx.workspaceId,
    String(seed),
    ids,
  );
  return ids;
}
