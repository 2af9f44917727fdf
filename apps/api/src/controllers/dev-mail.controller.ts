import { Controller, Get, Inject, NotFoundException, Param, Res, UseGuards } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { ApiBearerAuth, ApiExcludeController } from '@nestjs/swagger';
import { AuthGuard, RequireRole } from '@cairn/auth';
import { AppConfig, APP_CONFIG } from '@cairn/config';
import { DevMailStore, escapeHtml } from '@cairn/mail';

// The mail's own HTML is shown as a mail client would: no scripts, no remote loads; links still work.
const MAIL_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:";

/** The development mail catcher's inbox, for admins, only while the catcher is in use (SMTP_URL unset). */
@ApiExcludeController()
@ApiBearerAuth()
@UseGuards(AuthGuard)
@RequireRole('admin')
@Controller('dev/mail')
export class DevMailController {
  constructor(
    private readonly store: DevMailStore,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  // Content types are set only once the answer is known, so errors still go out as JSON.
  @Get()
  async page(@Res({ passthrough: true }) reply: FastifyReply): Promise<string> {
    const mails = await this.list();
    reply.type('text/html; charset=utf-8');
    const rows = mails
      .map(
        (mail) =>
          `<tr><td>${escapeHtml(mail.receivedAt)}</td><td>${escapeHtml(mail.to)}</td>` +
          `<td><a href="/dev/mail/${escapeHtml(mail.id)}">${escapeHtml(mail.subject || '(no subject)')}</a></td>` +
          `<td><a href="/dev/mail/${escapeHtml(mail.id)}/text">text</a></td></tr>`,
      )
      .join('');
    return `<!doctype html><html><head><meta charset="utf-8"><title>Caught mail · Cairn</title>
<style>body{font-family:system-ui,sans-serif;margin:2rem}td,th{padding:.3rem .8rem;text-align:left;border-bottom:1px solid #ddd}</style></head>
<body><h1>Caught mail</h1><p>SMTP_URL is not set, so survey emails are kept here instead of being delivered. Open one and click a score to answer it.</p>
<table><thead><tr><th>Received</th><th>To</th><th>Subject</th><th></th></tr></thead><tbody>${rows || '<tr><td colspan="4">Nothing yet.</td></tr>'}</tbody></table></body></html>`;
  }

  @Get('messages')
  async messages() {
    return { data: await this.list() };
  }

  @Get(':id')
  async html(@Param('id') id: string, @Res({ passthrough: true }) reply: FastifyReply): Promise<string> {
    const mail = await this.find(id);
    reply.type('text/html; charset=utf-8').header('Content-Security-Policy', MAIL_CSP);
    return mail.html ?? `<pre>${escapeHtml(mail.text)}</pre>`;
  }

  @Get(':id/text')
  async text(@Param('id') id: string, @Res({ passthrough: true }) reply: FastifyReply): Promise<string> {
    const mail = await this.find(id);
    reply.type('text/plain; charset=utf-8');
    const headers = Object.entries(mail.headers)
      .map(([key, value]) => `${key}: ${value}`)
      .join('\n');
    return `${headers}\n\n${mail.text}`;
  }

  private async list() {
    this.assertEnabled();
    return this.store.list();
  }

  private async find(id: string) {
    this.assertEnabled();
    const mail = await this.store.get(id);
    if (!mail) throw new NotFoundException('No such caught mail');
    return mail;
  }

  private assertEnabled(): void {
    if (this.config.smtpUrl || !process.env.CAIRN_DEV_SMTP_URL) {
      throw new NotFoundException('The development mail catcher is off (SMTP_URL is set)');
    }
  }
}
