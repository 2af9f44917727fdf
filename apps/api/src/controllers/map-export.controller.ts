import { Controller, Get, Query, Res, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiProduces, ApiQuery, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Auth, AuthContext, AuthGuard } from '@cairn/auth';
import { ApiErrors, Clock, UuidParam } from '@cairn/common';
import { type ExportFormat, MapExportService, RenderUnavailable } from '@cairn/map-export';
import { parseMapQuery, RawQuery } from '@cairn/scores';

/** Seconds a client is told to wait after a 503 (no browser, or every render slot busy past the timeout). */
const RETRY_AFTER = '10';

/** The journey map as a PDF (landscape A4) or a 1600 px PNG, for slides: same query and roles as the map. */
@ApiTags('journeys')
@ApiBearerAuth()
@UseGuards(AuthGuard)
@Controller('api/v1/journeys')
export class MapExportController {
  constructor(
    private readonly exports: MapExportService,
    private readonly clock: Clock,
  ) {}

  @Get(':id/map.pdf')
  @ApiOperation({ summary: 'The journey map with its layers and current scores as a PDF (landscape A4)' })
  @ApiProduces('application/pdf')
  @ApiResponse({
    status: 200,
    description: 'application/pdf',
    content: { 'application/pdf': { schema: { type: 'string', format: 'binary' } } },
  })
  @ApiQuery({ name: 'since', required: false })
  @ApiQuery({ name: 'until', required: false })
  @ApiQuery({ name: 'tz', required: false })
  @ApiQuery({ name: 'personaId', required: false })
  @ApiErrors(400, 401, 403, 404, 503)
  pdf(@Auth() auth: AuthContext, @UuidParam() id: string, @Query() query: RawQuery, @Res({ passthrough: true }) reply: FastifyReply) {
    return this.send(auth, id, query, reply, 'pdf');
  }

  @Get(':id/map.png')
  @ApiOperation({ summary: 'The journey map with its layers and current scores as a PNG, 1600 px wide' })
  @ApiProduces('image/png')
  @ApiResponse({ status: 200, description: 'image/png', content: { 'image/png': { schema: { type: 'string', format: 'binary' } } } })
  @ApiQuery({ name: 'since', required: false })
  @ApiQuery({ name: 'until', required: false })
  @ApiQuery({ name: 'tz', required: false })
  @ApiQuery({ name: 'personaId', required: false })
  @ApiErrors(400, 401, 403, 404, 503)
  png(@Auth() auth: AuthContext, @UuidParam() id: string, @Query() query: RawQuery, @Res({ passthrough: true }) reply: FastifyReply) {
    return this.send(auth, id, query, reply, 'png');
  }

  private async send(auth: AuthContext, id: string, query: RawQuery, reply: FastifyReply, format: ExportFormat): Promise<Buffer> {
    const q = parseMapQuery(query, this.clock.now());
    try {
      const file = await this.exports.render(auth.workspaceId, id, q, format);
      reply.header('content-type', file.contentType);
      reply.header('content-disposition', `attachment; filename="${file.fileName}"`);
      reply.header('cache-control', 'private, no-store');
      return file.body;
    } catch (error) {
      if (error instanceof RenderUnavailable) reply.header('retry-after', RETRY_AFTER);
      throw error;
    }
  }
}
