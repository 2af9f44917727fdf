import { parseSmsReply } from './sms-reply';

describe('parseSmsReply', () => {
  it.each(['STOP', 'stop', 'Stopp', 'AFMELD', 'afmeld', 'unsubscribe', ' STOP. ', 'Stop!'])('%p opts out', (body) => {
    expect(parseSmsReply(body)).toEqual({ kind: 'stop' });
  });

  it('reads a number, with what follows it as the comment', () => {
    expect(parseSmsReply('9')).toEqual({ kind: 'answer', score: 9, comment: null });
    expect(parseSmsReply(' 10! ')).toEqual({ kind: 'answer', score: 10, comment: null });
    expect(parseSmsReply('7 fast delivery,  nice   box')).toEqual({ kind: 'answer', score: 7, comment: 'fast delivery, nice box' });
    expect(parseSmsReply('3. Late again')).toEqual({ kind: 'answer', score: 3, comment: 'Late again' });
  });

  it('takes anything else as text (a comment), not as an opt-out or a score', () => {
    expect(parseSmsReply('please stop the late deliveries')).toEqual({ kind: 'text', text: 'please stop the late deliveries' });
    expect(parseSmsReply('9.5')).toEqual({ kind: 'text', text: '9.5' });
    expect(parseSmsReply('123')).toEqual({ kind: 'text', text: '123' });
    expect(parseSmsReply('Thanks')).toEqual({ kind: 'text', text: 'Thanks' });
  });
});
