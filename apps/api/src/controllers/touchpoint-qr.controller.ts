import { Controller, Get, Query, Res, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiProduces, ApiQuery, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Auth, AuthContext, AuthGuard, RequireRole } from '@cairn/auth';
import { ApiErrors, UuidParam } from '@cairn/common';
import { KioskStatsResponse, QrFormat, TouchpointLinkService, TouchpointLinksResponse } from '@cairn/public';

/** A physical touchpoint's way in: its public link, the QR code for a poster or a slip, and what the page refused. */
@ApiTags('touchpoints')
@ApiBearerAuth()
@UseGuards(AuthGuard)
@ApiErrors(401, 403)
@Controller('api/v1/touchpoints')
export class TouchpointQrController {
  constructor(private readonly links: TouchpointLinkService) {}

  @Get(':id/links')
  @ApiOperation({ summary: "The touchpoint's public answer page and its kiosk mode" })
  @ApiOkResponse({ type: TouchpointLinksResponse })
  @ApiErrors(400, 404)
  get(@Auth() auth: AuthContext, @UuidParam() id: string): Promise<TouchpointLinksResponse> {
    return this.links.links(auth.workspaceId, id);
  }

  @Get(':id/qr.svg')
  @RequireRole('manager')
  @ApiOperation({ summary: 'QR code of the public answer page as SVG (manager); kiosk=1 encodes the kiosk link' })
  @ApiProduces('image/svg+xml')
  @ApiResponse({ status: 200, description: 'image/svg+xml', content: { 'image/svg+xml': { schema: { type: 'string' } } } })
  @ApiQuery({ name: 'kiosk', required: false, enum: ['1'], enumName: 'KioskFlag' })
  @ApiErrors(400, 404)
  svg(@Auth() auth: AuthContext, @UuidParam() id: string, @Query('kiosk') kiosk: unknown, @Res({ passthrough: true }) reply: FastifyReply) {
    return this.send(auth, id, 'svg', kiosk, reply);
  }

  @Get(':id/qr.png')
  @RequireRole('manager')
  @ApiOperation({ summary: 'QR code of the public answer page as a 1024 px PNG (manager); kiosk=1 encodes the kiosk link' })
  @ApiProduces('image/png')
  @ApiResponse({ status: 200, description: 'image/png', content: { 'image/png': { schema: { type: 'string', format: 'binary' } } } })
  @ApiQuery({ name: 'kiosk', required: false, enum: ['1'], enumName: 'KioskFlag' })
  @ApiErrors(400, 404)
  png(@Auth() auth: AuthContext, @UuidParam() id: string, @Query('kiosk') kiosk: unknown, @Res({ passthrough: true }) reply: FastifyReply) {
    return this.send(auth, id, 'png', kiosk, reply);
  }

  @Get(':id/kiosk-stats')
  @ApiOperation({ summary: 'Answers through the public page (QR, kiosk) and the answers it refused over a limit, last 30 days' })
  @ApiOkResponse({ type: KioskStatsResponse })
  @ApiErrors(400, 404)
  stats(@Auth() auth: AuthContext, @UuidParam() id: string): Promise<KioskStatsResponse> {
    return this.links.stats(auth.workspaceId, id);
  }

  private async send(auth: AuthContext, id: string, format: QrFormat, kiosk: unknown, reply: FastifyReply): Promise<Buffer> {
    const file = await this.links.qr(auth.workspaceId, id, format, kiosk === '1' || kiosk === 'true');
    reply.header('content-type', file.contentType);
    reply.header('content-disposition', `attachment; filename="${file.fileName}"`);
    reply.header('cache-control', 'private, no-store');
    return file.body;
  }
}
