import { Injectable, NotFoundException } from '@nestjs/common';
import type { Response } from '@cairn/database';
import { Prisma } from '@cairn/database';
import { PrismaService, Tx } from '@cairn/database';
import { OutboxRelayService } from '@cairn/outbox';
import { OutboxRepository } from '@cairn/outbox';
import type { AnswerTarget } from '@cairn/responses';
import { responseEvents } from '@cairn/responses';
import { SCALES } from '@cairn/scoring';
import { RollupRepository } from '@cairn/scoring';

export interface ResponseChange {
  score?: number;
  comment?: string | null;
  personProperties?: Record<string, unknown>;
}

/**
 * Response writes the answer pages never need: back-dated answers
 * (Delighted's `created_at`, CSV imports) and edits by id. Same rules as the
 * recorder: the row, its rollup counts and its outbox events in one transaction.
 */
@Injectable()
export class DelightedResponseWriter {
  constructor(
    private readonly prisma: PrismaService,
    private readonly rollups: RollupRepository,
    private readonly outbox: OutboxRepository,
    private readonly relay: OutboxRelayService,
  ) {}

  /** `announce: false` for history (imports): no alerts, cases or webhooks for answers given long ago. */
  async create(
    target: AnswerTarget,
    input: { score: number; comment: string | null },
    createdAt: Date,
    opts: { externalId?: string; announce?: boolean } = {},
  ) {
    const announce = opts.announce ?? true;
    const response = await this.prisma.$transaction(async (tx) => {
      const scale = SCALES[target.metric];
      const row = await tx.response.create({
        data: {
          ...target,
          personProperties: target.personProperties as Prisma.InputJsonObject,
          scaleMin: scale.min,
          scaleMax: scale.max,
          score: input.score,
          comment: input.comment,
          externalId: opts.externalId ?? null,
          createdAt,
          updatedAt: createdAt,
        },
      });
      await this.rollups.apply(tx, {
        touchpointId: target.touchpointId,
        metric: target.metric,
        at: createdAt,
        from: null,
        to: input.score,
      });
      if (announce) await this.outbox.add(tx, responseEvents(target.workspaceId, row.id, target.metric, input.score, null));
      return row;
    });
    if (announce) this.relay.flushSoon();
    return response;
  }

  async update(workspaceId: string, id: string, change: ResponseChange): Promise<Response> {
    const result = await this.prisma.$transaction(async (tx) => {
      const existing = await this.lock(tx, workspaceId, id);
      const score = change.score ?? existing.score;
      const comment = change.comment === undefined ? existing.comment : change.comment || null;
      const personProperties = change.personProperties ?? (existing.personProperties as Record<string, unknown>);
      const same =
        score === existing.score &&
        comment === existing.comment &&
        JSON.stringify(personProperties) === JSON.stringify(existing.personProperties);
      if (same) return { row: existing, changed: false };
      const row = await tx.response.update({
        where: { id },
        data: { score, comment, personProperties: personProperties as Prisma.InputJsonObject },
      });
      await this.rollups.apply(tx, {
        touchpointId: existing.touchpointId,
        metric: existing.metric,
        at: existing.createdAt,
        from: existing.score,
        to: score,
      });
      await this.outbox.add(tx, responseEvents(workspaceId, id, existing.metric, score, existing.score));
      return { row, changed: true };
    });
    if (result.changed) this.relay.flushSoon();
    return result.row;
  }

  private async lock(tx: Tx, workspaceId: string, id: string): Promise<Response> {
    const rows = await tx.$queryRaw<
      Array<{ id: string }>
    >`SELECT id FROM responses WHERE id = ${id} AND workspace_id = ${workspaceId} FOR UPDATE`;
    if (!rows.length) throw new NotFoundException('Not Found');
    return tx.response.findUniqueOrThrow({ where: { id } });
  }
}
