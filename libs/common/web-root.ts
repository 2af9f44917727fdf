import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** apps/web from the source tree (tests, ts-node) or from dist/ (npm start): walk up to the folder that has it. */
export function findWebRoot(from = __dirname): string {
  for (let dir = from; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'apps/web/index.html'))) return join(dir, 'apps/web');
    if (dirname(dir) === dir) throw new Error('apps/web/index.html not found: the dashboard files are missing');
  }
}
