import { createHash } from 'node:crypto';
import { runInNewContext } from 'node:vm';
import { browserScript } from './browser-script';
import { answerPage } from './views/answer-page.view';

// The scripts run as they are in node:vm with the few browser objects they
// touch stubbed; the real DOM behaviour is covered by answering-browser.e2e-spec.ts.
type Listener = (event: { isTrusted: boolean; preventDefault(): void }) => void;

function widgetRequests(src: string, dataset: Record<string, string>): string[] {
  const urls: string[] = [];
  const fetch = (url: string) => {
    urls.push(url);
    return new Promise(() => undefined); // never answers: only the request matters here
  };
  runInNewContext(browserScript('widget.js'), {
    window: { fetch },
    fetch,
    navigator: { language: 'da' },
    document: { currentScript: { src, dataset } },
  });
  return urls;
}

describe('browser scripts', () => {
  it('widget.js asks the server it was loaded from, whatever query or fragment its URL carries', () => {
    expect(
      widgetRequests('https://cairn.example.com/base/widget.js?v=2#x', { workspaceKey: 'pk_1', touchpoint: 'check out', locale: 'sv' }),
    ).toEqual(['https://cairn.example.com/base/api/v1/public/surveys/check%20out?workspaceKey=pk_1&locale=sv']);
    expect(widgetRequests('http://localhost:3000/widget.js', { workspaceKey: 'pk_2', touchpoint: 'a' })).toEqual([
      'http://localhost:3000/api/v1/public/surveys/a?workspaceKey=pk_2&locale=da',
    ]);
  });

  it('answer-page.js sends nothing for events no person caused (mail scanners)', () => {
    const listeners: Record<string, Listener> = {};
    const posts: unknown[] = [];
    const element = (id: string) => ({
      id,
      dataset: {},
      addEventListener: (type: string, fn: Listener) => (listeners[`${id}:${type}`] = fn),
      querySelector: () => ({ value: '9' }),
    });
    const fetch = (_url: string, init: { body: string }) => {
      posts.push(JSON.parse(init.body));
      return new Promise(() => undefined);
    };
    const document = { getElementById: element, visibilityState: 'visible', addEventListener: () => undefined };
    runInNewContext(browserScript('answer-page.js'), { window: { fetch }, fetch, document });
    listeners['answer:change']({ isTrusted: false, preventDefault: () => undefined });
    listeners['comment:focus']({ isTrusted: false, preventDefault: () => undefined });
    expect(posts).toEqual([]);
    listeners['answer:change']({ isTrusted: true, preventDefault: () => undefined });
    // A step: alerts wait until the person stops moving the score.
    expect(posts).toEqual([{ score: 9, settle: false }]);
  });

  it('the answer page inlines answer-page.js byte for byte, allowed by its hash in the CSP', () => {
    const script = browserScript('answer-page.js');
    const texts = { submit: 'Send', saved: 'Saved', thanks: 'Thanks', error: 'Error', chooseScore: 'Choose' };
    const page = answerPage({
      locale: 'en',
      token: 't',
      intro: null,
      question: 'Q?',
      lowLabel: 'low',
      highLabel: 'high',
      scores: [0, 1],
      selected: null,
      click: false,
      comment: null,
      commentPrompt: 'Why?',
      texts,
    });
    expect(page.html).toContain(`<script>${script}</script>`);
    const hash = createHash('sha256').update(script).digest('base64');
    expect(page.headers['content-security-policy']).toContain(`script-src 'sha256-${hash}'`);
  });
});
