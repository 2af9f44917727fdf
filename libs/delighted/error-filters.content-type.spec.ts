// Found by the API fuzzer: a route that set its own content type (text/plain
// for Prometheus) and then refused the request answered 500, because Fastify
// will not send the filter's JSON object as text/plain.
// Kept beside the Delighted filter (not in libs/common): it checks both filters, and libs/common depends on no feature lib.
import { Controller, Get, Header, Module, NotFoundException, UnauthorizedException, UseFilters } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { DelightedExceptionFilter } from './delighted-exception.filter';
import { HttpErrorFilter } from '@cairn/common';

@Controller('plain')
class PlainController {
  @Get()
  @Header('Content-Type', 'text/plain; version=0.0.4')
  scrape(): string {
    throw new UnauthorizedException('Send a token');
  }
}

@Controller('delighted')
@UseFilters(DelightedExceptionFilter)
class DelightedStyleController {
  @Get()
  @Header('Content-Type', 'text/csv')
  export(): string {
    throw new NotFoundException();
  }
}

@Module({ controllers: [PlainController, DelightedStyleController] })
class ErrorsModule {}

describe('error filters answer JSON whatever content type the route had set', () => {
  let app: NestFastifyApplication;

  beforeAll(async () => {
    app = await NestFactory.create<NestFastifyApplication>(ErrorsModule, new FastifyAdapter(), { logger: false });
    app.useGlobalFilters(new HttpErrorFilter());
    await app.init();
    await app.getHttpAdapter().getInstance().ready();
  });
  afterAll(() => app.close());

  it.each([
    ['/plain', 401, { statusCode: 401, error: 'Unauthorized', message: 'Send a token' }],
    ['/delighted', 404, { status: 404, statusCode: 404, message: 'Not Found' }],
  ])('%s answers %i as JSON, not 500', async (url, status, body) => {
    const res = await app.inject({ method: 'GET', url });
    expect(res.statusCode).toBe(status);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    expect(res.json()).toMatchObject(body);
  });
});
