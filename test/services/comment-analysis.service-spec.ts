import { CommentAnalysisService, InsightsModule } from '@cairn/insights';
import { JourneyModule } from '@cairn/journey';
import { ResponsesModule } from '@cairn/responses';
import { createResponse, createTouchpointWithJourney, createWorkspace } from '../factories';
import { createServiceTest, ServiceTest } from '../utils/service-test';

// Issue 12: a detractor's comment is analysed for its webhooks (analyseNow) and by its response.created subscriber,
// which run beside each other in either order; the comment is read and written once, and a payload never carries
// the analysis of a comment the answer no longer has.
describe('CommentAnalysisService: one analysis per comment, whichever asks first', () => {
  let t: ServiceTest;

  beforeAll(async () => {
    t = await createServiceTest([InsightsModule, JourneyModule, ResponsesModule]);
    // A row per write of an analysis, kept by a trigger in this file's own database.
    await t.prisma.$executeRawUnsafe(`CREATE TABLE test_analysis_writes (response_id text NOT NULL)`);
    await t.prisma.$executeRawUnsafe(`CREATE FUNCTION test_note_analysis_write() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN INSERT INTO test_analysis_writes VALUES (NEW.response_id); RETURN NEW; END $$`);
    await t.prisma.$executeRawUnsafe(`CREATE TRIGGER test_analysis_writes AFTER INSERT OR UPDATE ON comment_analyses
      FOR EACH ROW EXECUTE FUNCTION test_note_analysis_write()`);
  });
  afterAll(() => t.close());

  const writes = async (responseId: string) =>
    (
      await t.prisma.$queryRawUnsafe<Array<{ n: number }>>(
        `SELECT count(*)::int AS n FROM test_analysis_writes WHERE response_id = $1`,
        responseId,
      )
    )[0].n;
  const created = (responseId: string) =>
    t.get(CommentAnalysisService).onAnswer({ type: 'response.created', workspaceId: '', data: { responseId } } as never);
  const sentiment = async (responseId: string) =>
    (await t.prisma.commentAnalysis.findUniqueOrThrow({ where: { responseId } })).sentimentLabel;

  async function answer(comment: string) {
    const workspaceId = (await createWorkspace(t)).id;
    const { touchpoint } = await createTouchpointWithJourney(t, workspaceId);
    return createResponse(t, { workspaceId, touchpoint, score: 2, comment });
  }

  it('the subscriber first, done before the payload asks: the payload joins it', async () => {
    const comment = 'The parcel arrived broken, awful';
    const { id } = await answer(comment);
    await created(id);
    await t.get(CommentAnalysisService).analyseNow(id, comment);
    expect(await writes(id)).toBe(1);
  });

  it('the payload first: the subscriber joins it, running or done', async () => {
    const comment = 'Slow delivery and a rude driver';
    const running = await answer(comment);
    await Promise.all([t.get(CommentAnalysisService).analyseNow(running.id, comment), created(running.id)]);
    expect(await writes(running.id)).toBe(1);
    const done = await answer(comment);
    await t.get(CommentAnalysisService).analyseNow(done.id, comment);
    await created(done.id);
    expect(await writes(done.id)).toBe(1);
  });

  it('a payload carrying an edited comment gets it analysed afresh, not the analysis of the first', async () => {
    const { id } = await answer('Great service, thank you');
    await created(id);
    expect(await sentiment(id)).toBe('positive');
    const edited = 'Actually the parcel was broken, terrible';
    await t.prisma.response.update({ where: { id }, data: { comment: edited } });
    await t.get(CommentAnalysisService).analyseNow(id, edited);
    expect(await writes(id)).toBe(2);
    expect(await sentiment(id)).toBe('negative');
  });
});
