import { Prisma } from './generated/client';

/**
 * The statement every writer of back-dated answers runs in its transaction,
 * after its insert: each workspace's retention mark (`retention_checked_until`:
 * every answer created before it is anonymised) comes down to the earliest
 * answer written, so retention's next run walks from there. It always takes
 * the workspace row's lock, even when the mark stays, because retention moves
 * the mark up under that lock after checking what is left (RetentionRepository
 * .advance): either this write committed before that check reads, or this
 * statement runs after the move and lowers the new mark. A workspace without a
 * mark keeps none (retention walks all of it).
 */
export function lowerRetentionMarks(answers: ReadonlyArray<{ workspaceId: string; createdAt: Date }>): Prisma.Sql | null {
  const earliest = new Map<string, Date>();
  for (const { workspaceId, createdAt } of answers) {
    const known = earliest.get(workspaceId);
    if (!known || createdAt < known) earliest.set(workspaceId, createdAt);
  }
  if (!earliest.size) return null;
  // UTC text cast to `timestamp`, the column's type, so the session's zone never shifts it.
  return Prisma.sql`
    UPDATE workspaces w
    SET retention_checked_until = CASE WHEN w.retention_checked_until IS NULL THEN NULL ELSE LEAST(w.retention_checked_until, x.at) END
    FROM unnest(${[...earliest.keys()]}::text[], ${[...earliest.values()].map((at) => at.toISOString())}::timestamp[]) AS x(id, at)
    WHERE w.id = x.id`;
}
