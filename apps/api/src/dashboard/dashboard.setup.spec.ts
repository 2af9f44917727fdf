import { join, resolve } from 'node:path';
import { findWebRoot } from './dashboard.setup';

describe('findWebRoot', () => {
  const root = resolve(__dirname, '../../../..');

  it('finds apps/web from the sources and from the compiled dist/ tree', () => {
    expect(findWebRoot(__dirname)).toBe(join(root, 'apps/web'));
    expect(findWebRoot(join(root, 'dist/apps/api/src/dashboard'))).toBe(join(root, 'apps/web'));
  });

  it('says clearly when the dashboard files are missing', () => {
    expect(() => findWebRoot('/')).toThrow(/apps\/web\/index.html not found/);
  });
});
