import { Controller, Get, Header, Headers, Inject, NotFoundException, Res, UnauthorizedException } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { safeEqual } from '@cairn/common';
import { AppConfig, APP_CONFIG } from '@cairn/config';
import { MetricsService } from './metrics.service';

/**
 * Prometheus metrics, for a scraper holding METRICS_TOKEN. Without a token
 * configured the route does not exist (404): "loopback only" would not do,
 * since behind a reverse proxy on the same host every request is loopback.
 */
@ApiExcludeController()
@Controller('metrics')
export class MetricsController {
  constructor(
    private readonly metrics: MetricsService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Get()
  @Header('Content-Type', 'text/plain; version=0.0.4')
  scrape(@Headers('authorization') authorization: string | undefined, @Res({ passthrough: true }) reply: FastifyReply): Promise<string> {
    const token = this.config.metricsToken;
    if (!token) throw new NotFoundException('Metrics are off; set METRICS_TOKEN to enable them');
    const sent = /^Bearer (\S+)$/i.exec(authorization ?? '')?.[1];
    if (!sent || !safeEqual(sent, token)) {
      reply.header('WWW-Authenticate', 'Bearer realm="metrics"');
      throw new UnauthorizedException('Send Authorization: Bearer <METRICS_TOKEN>');
    }
    return this.metrics.registry.metrics();
  }
}
