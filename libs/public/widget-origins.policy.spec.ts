import { parseAllowedOrigins } from './widget-origins.policy';

describe('parseAllowedOrigins', () => {
  it('keeps origins as browsers send them: lowercase, default port dropped, no trailing slash, once each', () => {
    expect(
      parseAllowedOrigins([
        'https://Shop.Example.com/',
        'http://localhost:8080',
        'https://shop.example.com:443',
        ' * ',
        'https://a.b:8443',
      ]),
    ).toEqual({ ok: true, origins: ['https://shop.example.com', 'http://localhost:8080', '*', 'https://a.b:8443'] });
    expect(parseAllowedOrigins([])).toEqual({ ok: true, origins: [] });
  });

  it.each([
    'shop.example.com',
    'ftp://shop.example.com',
    'https://shop.example.com/checkout',
    'https://shop.example.com?x=1',
    'https://user:pw@shop.example.com',
    'javascript:alert(1)',
    'null',
    '',
  ])('refuses %p and names it', (entry) => {
    const verdict = parseAllowedOrigins(['https://ok.example', entry]);
    expect(verdict.ok).toBe(false);
    if (!verdict.ok) expect(verdict.reason).toContain(`"${entry}"`);
  });

  it('refuses more than 50 origins', () => {
    const many = Array.from({ length: 51 }, (_, i) => `https://s${i}.example`);
    expect(parseAllowedOrigins(many)).toEqual({ ok: false, reason: 'at most 50 origins' });
  });
});
