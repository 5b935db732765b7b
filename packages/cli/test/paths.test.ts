import { posix } from 'node:path';
import { describe, expect, it } from 'vitest';
import { relativePosix } from '../src/paths.js';

describe('relativePosix()', () => {
  it('agrees with path.relative on plain, dotted, doubled and outside paths', () => {
    const bases = ['/', '/repo', '/repo/sub', '/repo/', '/re', '/repo/./sub', '/repo/../other', 'relative/base'];
    const targets = [
      '/repo', '/repo/a.ts', '/repo/sub/b.ts', '/repo/.env', '/repo/sub/.env.local', '/repox/a.ts', '/re/po',
      '/repo//a.ts', '/repo/./a.ts', '/repo/sub/../a.ts', '/repo/a.ts/', '/other/c.ts', '/', '/repo/..', '/repo/.',
      '/repo/a/..b/c', '/repo/a..', '/repo/...', 'relative/base/x',
    ];
    for (const base of bases) {
      for (const target of targets) {
        const expected = posix.relative(base, target) || '.';
        expect(relativePosix(base, target), `${base} → ${target}`).toBe(expected);
      }
    }
  });
});
