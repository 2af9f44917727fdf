import { escapeHtml } from './escape-html';

describe('escapeHtml', () => {
  it('escapes every character that can open markup or leave an attribute', () => {
    expect(escapeHtml(`<a href="x" title='y'>&</a>`)).toBe('&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;');
  });

  it('leaves plain text alone', () => {
    expect(escapeHtml('Hej Åsa, 10/10!')).toBe('Hej Åsa, 10/10!');
  });
});
