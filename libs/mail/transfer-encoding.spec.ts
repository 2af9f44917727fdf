import nodemailer from 'nodemailer';
import MimeNode from 'nodemailer/lib/mime-node';
import { nodemailerMessage, OutgoingMail } from './mail.repository';
import { renderSurveyEmail, type SurveyEmailInput } from './survey-email.renderer';
import { transferEncodingOf } from './transfer-encoding';

const transport = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'unix' });

const JAPANESE_QUESTION =
  'ご注文の商品はいかがでしたか？配送のスピード、梱包の丁寧さ、商品の状態、スタッフの対応など、今回のお買い物全体についての満足度を教えてください。いただいたご意見は今後のサービス改善に役立てさせていただきます。'.repeat(
    4,
  );

function input(overrides: Partial<SurveyEmailInput>): SurveyEmailInput {
  return {
    metric: 'nps',
    companyName: 'Acme',
    touchpointName: 'the delivery',
    person: { name: 'Anna', properties: {} },
    event: { properties: {} },
    responseUrl: (score) => `https://cairn.test/r/tok_1?score=${score}`,
    unsubscribeUrl: 'https://cairn.test/u/tok_1',
    ...overrides,
  };
}

/** The bytes nodemailer builds for a mail; boundary and date fixed, so two builds of one mail are equal. */
async function raw(mail: OutgoingMail): Promise<string> {
  const message = { ...nodemailerMessage('Cairn <surveys@cairn.test>', mail), baseBoundary: 'fixed', date: new Date(0) };
  const { message: bytes } = (await transport.sendMail(message)) as unknown as { message: Buffer };
  return bytes.toString();
}

describe('transfer encodings chosen once per rendering', () => {
  const cases: Array<[string, Partial<SurveyEmailInput>]> = [
    ['English', { locale: 'en' }],
    ['Swedish', { locale: 'sv', companyName: 'Åhléns', touchpointName: 'leveransen' }],
    ['Danish', { locale: 'da', person: { name: 'Søren', properties: {} } }],
    // Mostly non-Latin text: nodemailer picks base64 for the text part, quoted-printable for the HTML's markup.
    ['a question in Japanese', { metric: 'csat', companyName: '山田商店', touchpointName: '配送', question: { en: JAPANESE_QUESTION } }],
  ];

  it.each(cases)('sends the same bytes as when nodemailer chooses them itself (%s)', async (_name, overrides) => {
    const rendered = await renderSurveyEmail(input(overrides));
    const mail: OutgoingMail = { to: 'anna@example.com', messageId: '<1@cairn.test>', ...rendered };
    const { transferEncodings, ...withoutEncodings } = mail;
    expect(transferEncodings).toBeDefined();
    expect(await raw(mail)).toBe(await raw(withoutEncodings));
  });

  it('names the encoding nodemailer would use, base64 for mostly non-Latin text', async () => {
    const rendered = await renderSurveyEmail(input(cases[3][1]));
    expect(rendered.transferEncodings).toEqual({ html: 'quoted-printable', text: 'base64' });
    expect(transferEncodingOf('text/plain', 'short ASCII line')).toBeUndefined(); // sent as is (7bit)
  });

  it('spares nodemailer its scan of the parts', async () => {
    const rendered = await renderSurveyEmail(input({ locale: 'sv' }));
    const scan = jest.spyOn(MimeNode.prototype as unknown as { _getTextEncoding: (value: string) => string }, '_getTextEncoding');
    try {
      await raw({ to: 'anna@example.com', ...rendered });
      const scannedParts = scan.mock.calls.filter(([value]) => value === rendered.html || value === rendered.text);
      expect(scannedParts).toEqual([]);
      scan.mockClear();
      const { transferEncodings: _, ...withoutEncodings } = rendered;
      await raw({ to: 'anna@example.com', ...withoutEncodings });
      expect(scan.mock.calls.filter(([value]) => value === rendered.html).length).toBeGreaterThan(0);
    } finally {
      scan.mockRestore();
    }
  });
});
