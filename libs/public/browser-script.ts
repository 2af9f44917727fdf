import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { findWebRoot } from '@cairn/common';

/** Scripts that run in other people's browsers: the widget on customers' sites, the answer page's enhancement. */
export type BrowserScriptName = 'widget.js' | 'answer-page.js' | 'kiosk-page.js';

// They live as plain .js files in apps/web/embed, so they are linted with
// browser globals and tested as they are. Each is read once per process: every
// page carries the very same bytes, so the answer page's CSP hash stays constant.
const scripts = new Map<BrowserScriptName, string>();

export function browserScript(name: BrowserScriptName): string {
  let text = scripts.get(name);
  if (text === undefined) scripts.set(name, (text = readFileSync(join(findWebRoot(), 'embed', name), 'utf8')));
  return text;
}
