import { Body, Controller, Get, HttpException, Param, Post, Query, Req, Res, UseGuards } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { formatDeadline, t } from '@cairn/i18n';
import { isClick, parseAnswerBody, AnswerService, messagePage } from '@cairn/public';
import { RateLimit, RateLimitGuard } from '@cairn/rate-limit';
import { browserLocale, sendPage, wantsJson } from './html-reply';

/** The links in survey emails. GET and HEAD only show; POST records. */
@ApiExcludeController()
@UseGuards(RateLimitGuard)
@Controller('r')
export class AnswerController {
  constructor(private readonly answers: AnswerService) {}

  @Get(':token')
  @RateLimit('answer-page')
  async page(@Param('token') token: string, @Query('score') score: unknown, @Req() request: FastifyRequest, @Res() reply: FastifyReply) {
    try {
      sendPage(reply, 200, await this.answers.page(token, score));
    } catch (error) {
      await this.failPage(request, reply, token, error);
    }
  }

  @Post(':token')
  @RateLimit('answer-submit')
  async submit(@Param('token') token: string, @Body() body: unknown, @Req() request: FastifyRequest, @Res() reply: FastifyReply) {
    const json = wantsJson(request);
    try {
      const input = parseAnswerBody(body);
      // The page's report of a click is held, not recorded: 202 whether or not it will count.
      if (isClick(body)) {
        await this.answers.click(token, input.score);
        return void reply.status(202).send({ outcome: 'held' });
      }
      const { response, outcome, locale } = await this.answers.submit(token, input);
      // The thank-you says until when the answer can still be changed (issue 20, point 10).
      const editNote = response.editableUntil
        ? t(locale, 'page.editUntil', { when: formatDeadline(locale, response.editableUntil) })
        : null;
      if (json) {
        const { id, score, comment, editableUntil } = response;
        return void reply.status(outcome === 'created' ? 201 : 200).send({ id, score, comment, editableUntil, editNote, outcome });
      }
      sendPage(reply, 200, messagePage(locale, t(locale, outcome === 'created' ? 'page.thanks' : 'page.updated'), editNote ?? undefined));
    } catch (error) {
      if (json) throw error;
      await this.failPage(request, reply, token, error);
    }
  }

  /** Errors as pages for people; anything unexpected goes to the JSON error filter. */
  private async failPage(request: FastifyRequest, reply: FastifyReply, token: string, error: unknown): Promise<void> {
    if (!(error instanceof HttpException)) throw error;
    const status = error.getStatus();
    if (status === 404) return sendPage(reply, 404, messagePage(browserLocale(request), t(browserLocale(request), 'page.invalidLink')));
    if (status !== 400 && status !== 409) throw error;
    const locale = await this.answers.localeFor(token);
    sendPage(reply, status, messagePage(locale, t(locale, status === 409 ? 'page.locked' : 'page.chooseScore')));
  }
}
