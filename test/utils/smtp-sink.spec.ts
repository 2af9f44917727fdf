import { SmtpSink } from './smtp-sink';
import { sendAndVanish } from './smtp-send-and-vanish';
import { waitFor } from './wait-for';

describe('SmtpSink: a client that vanishes mid-session', () => {
  let sink: SmtpSink;
  beforeEach(async () => {
    sink = await new SmtpSink().start();
  });
  afterEach(() => sink.close());

  it('keeps a message whose end-of-data mark it received, as an MTA does', async () => {
    await sendAndVanish(sink.url, true);
    await waitFor(() => sink.mails.length === 1, 15_000, 'the message to be kept');
    expect(sink.mails[0].messageId).toBe('<vanish@test>');
    expect(sink.cutOff).toBe(0);
  });

  it('keeps nothing of a message cut off before the mark', async () => {
    await sendAndVanish(sink.url, false);
    await waitFor(() => sink.cutOff === 1, 15_000, 'the transfer to be counted as cut off');
    expect(sink.mails).toHaveLength(0);
    expect(sink.dataStarted).toBe(1);
    expect(sink.cutOffMessageIds).toEqual(['<vanish@test>']);
  });
});
