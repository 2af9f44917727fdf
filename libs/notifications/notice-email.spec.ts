import { renderNotice } from './notice-email';

describe('renderNotice', () => {
  it('escapes every value in the HTML part and keeps the text part plain', () => {
    const mail = renderNotice({
      subject: 'New case',
      intro: 'A detractor answered.',
      facts: [
        ['Score', '2'],
        ['Person', '<script>x</script>'],
        ['Skipped', null],
      ],
      quote: 'Bad & slow',
      link: { label: 'Open the case', url: 'http://h/cases/1?a=1&b=2' },
    });
    expect(mail.html).toContain('&lt;script&gt;x&lt;/script&gt;');
    expect(mail.html).not.toContain('<script>');
    expect(mail.html).toContain('Bad &amp; slow');
    expect(mail.html).toContain('href="http://h/cases/1?a=1&amp;b=2"');
    expect(mail.text).toBe(
      'A detractor answered.\n\nScore: 2\nPerson: <script>x</script>\n\n"Bad & slow"\n\nOpen the case: http://h/cases/1?a=1&b=2',
    );
  });
});
