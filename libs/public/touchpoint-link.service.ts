import { Inject, Injectable, NotFoundException } from '@nestjs/common';
import { Clock } from '@cairn/common';
import { AppConfig, APP_CONFIG } from '@cairn/config';
import { AnswerLimitsPolicy, PageSource } from './answer-limits.policy';
import { qrPng } from './qr-png';
import { TouchpointPageRepository } from './touchpoint-page.repository';
import { KioskStatsResponse, TouchpointLinksResponse } from './touchpoint-link.response';

export type QrFormat = 'svg' | 'png';

export interface QrFile {
  body: Buffer;
  contentType: string;
  fileName: string;
}

// Level M survives a scuffed poster or a crease in a delivery slip; ~1000 px (whole pixels per module, at most
// 1024) prints sharp at 8 cm and more.
const QR_OPTIONS = { errorCorrectionLevel: 'M' as const, margin: 4 };
const PNG_WIDTH = 1024;
const STATS_DAYS = 30;

/** A touchpoint's public answer link, its QR code, and what its page recorded and refused. */
@Injectable()
export class TouchpointLinkService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly pages: TouchpointPageRepository,
    private readonly limits: AnswerLimitsPolicy,
    private readonly clock: Clock,
  ) {}

  /** `w` names the workspace: keys are unique only inside one, and a printed code must never become ambiguous. */
  async links(workspaceId: string, touchpointId: string): Promise<TouchpointLinksResponse> {
    return this.linksOf(await this.find(workspaceId, touchpointId));
  }

  private linksOf(touchpoint: { key: string; workspace: { slug: string }; surveys: unknown[] }): TouchpointLinksResponse {
    const answer = `${this.config.publicBaseUrl.replace(/\/+$/, '')}/t/${encodeURIComponent(touchpoint.key)}?w=${encodeURIComponent(touchpoint.workspace.slug)}`;
    return { answer, kiosk: `${answer}&kiosk=1`, active: touchpoint.surveys.length > 0 };
  }

  async qr(workspaceId: string, touchpointId: string, format: QrFormat, kiosk: boolean): Promise<QrFile> {
    const touchpoint = await this.find(workspaceId, touchpointId);
    const links = this.linksOf(touchpoint);
    const text = kiosk ? links.kiosk : links.answer;
    const fileName = `${touchpoint.key}${kiosk ? '-kiosk' : ''}-qr.${format}`;
    // qrcode (57 files) is loaded with the first code asked for, not by every process at start.
    const QRCode = await import('qrcode');
    if (format === 'svg') {
      const svg = await QRCode.toString(text, { ...QR_OPTIONS, type: 'svg' });
      return { body: Buffer.from(svg, 'utf8'), contentType: 'image/svg+xml', fileName };
    }
    const { modules } = QRCode.create(text, { errorCorrectionLevel: QR_OPTIONS.errorCorrectionLevel });
    const scale = Math.max(1, Math.floor(PNG_WIDTH / (modules.size + 2 * QR_OPTIONS.margin)));
    return { body: qrPng(modules, scale, QR_OPTIONS.margin), contentType: 'image/png', fileName };
  }

  /** The last 30 days: answers by source, and the answers refused over a limit (by source, limit and day). */
  async stats(workspaceId: string, touchpointId: string): Promise<KioskStatsResponse> {
    await this.find(workspaceId, touchpointId);
    const now = this.clock.now();
    const since = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() - (STATS_DAYS - 1)));
    const [answers, blocked] = await Promise.all([
      this.pages.answersBySource(touchpointId, since),
      this.pages.blocked(touchpointId, since),
    ]);
    const answered = { qr: 0, kiosk: 0 };
    for (const row of answers) answered[row.source as PageSource] = row._count._all;
    const bySource = { qr: 0, kiosk: 0 };
    const byReason = { device: 0, ip: 0, touchpoint: 0 };
    for (const row of blocked) {
      bySource[row.source as PageSource] += row.count;
      byReason[row.reason as keyof typeof byReason] += row.count;
    }
    const limitsOf = (source: PageSource) => ({ ...this.limits.get(source) });
    return {
      touchpointId,
      since: since.toISOString(),
      answers: answered,
      blocked: { total: bySource.qr + bySource.kiosk, bySource, byReason },
      days: blocked.map((row) => ({ day: row.day.toISOString().slice(0, 10), source: row.source, reason: row.reason, count: row.count })),
      limits: { qr: limitsOf('qr'), kiosk: limitsOf('kiosk') },
    };
  }

  private async find(workspaceId: string, touchpointId: string) {
    const touchpoint = await this.pages.byId(workspaceId, touchpointId);
    if (!touchpoint) throw new NotFoundException('Touchpoint not found');
    return touchpoint;
  }
}
