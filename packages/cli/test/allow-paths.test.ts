import picomatch from 'picomatch';
import { describe, expect, it } from 'vitest';
import { createPathAllowlist, GlobIndex } from '../src/suppress/allow.js';

const globs = [
  'dist/**',
  'dist',
  'vendor/lib1/**',
  'vendor/lib1/*.js',
  'src/gen/*.ts',
  'src/**/fixtures/**',
  'a/b/c.txt',
  '**/secrets.json',
  'secrets.json',
  '**/*.min.js',
  '*.min.js',
  '**/*-lock.json',
  '**/{a,b}.js',
  '{a/b,c}.js',
  'src/{a,b/c}/x.js',
  '**/*.{js,ts}',
  '**/!(keep).md',
  '!src/**',
  './local/**',
  '**/.env*',
  '**/.github/**',
  '**/test?/**',
  '**/[abc]*.json',
  'docs/**/*.md',
  '**',
  '*',
  'src/*',
  '**/x\\*y.js',
  'weird name/**',
  '@scope/pkg/**',
  '+plus/**',
  '**/*.',
  '**/*.d.ts',
  'src/**/*.test.ts',
  '**/fixtures/**',
  '**/sub/*.ts',
  '**/lib1/**/a.*',
  '*/deep/**',
  '**/fixtures/**/x.json',
  '**/.github/workflows/*',
  '**/fix*/**',
  '**/dee?/**',
  'vend*/lib1/a.js',
  '**/b.te*',
  '**/.git*/**',
  '{src,vendor}/{gen,lib1}/**',
  '**/{fixtures,sub}/*',
];

const paths = [
  'dist',
  'dist/a.js',
  'dist/deep/b.min.js',
  'vendor/lib1/a.js',
  'vendor/lib1/sub/b.ts',
  'vendor/lib2/a.js',
  'src/gen/a.ts',
  'src/gen/sub/a.ts',
  'src/a/fixtures/k.json',
  'src/fixtures/k.json',
  'a/b/c.txt',
  'a/b/c.txt.bak',
  'secrets.json',
  'config/secrets.json',
  'app.min.js',
  'public/app.min.js',
  'package-lock.json',
  'sub/pnpm-lock.json',
  'a.js',
  'x/b.js',
  'a/b.js',
  'c.js',
  'src/a/x.js',
  'src/b/c/x.js',
  'README.md',
  'docs/keep.md',
  'docs/guide/intro.md',
  'local/a.txt',
  '.env',
  'deep/.env.local',
  '.github/workflows/ci.yml',
  'test1/a.txt',
  'a/tests/b.txt',
  'abc.json',
  'x/bcd.json',
  'x/x*y.js',
  'weird name/file.txt',
  '@scope/pkg/index.js',
  '+plus/a',
  'trailing.',
  'types/index.d.ts',
  'src/a/b.test.ts',
  'a/fixtures/b/x.json',
  'fixtures',
  'fixtures/x.json',
  'x/sub/y.ts',
  'sub/y.ts',
  '.github/workflows/ci.yml',
  'lib1/z/a.b',
  'q/deep/r',
  'fixtures/fixtures/x.json',
  '.hidden/file',
  'noext',
];

describe('allow.paths as one index', () => {
  it('offers every glob that matches a path among its candidates (picomatch decides the match)', () => {
    const index = new GlobIndex(globs);
    for (const path of paths) {
      const matching = globs.filter((glob) => picomatch(glob, { dot: true })(path));
      const candidates = new Set(index.candidates(path).map((candidate) => candidate.glob));
      for (const glob of matching) expect(candidates.has(glob), `${glob} matches ${path}`).toBe(true);
    }
  });

  it('allows exactly the paths, and lists exactly the unused globs, that testing every glob on every path does', () => {
    for (const subset of [globs, globs.filter((glob) => glob !== '**' && glob !== '*'), globs.slice(0, 12), globs.slice(12)]) {
      const allowlist = createPathAllowlist(subset, 'keyguard.config.json');
      const used = new Set<string>();
      for (const path of paths) {
        const matching = subset.filter((glob) => picomatch(glob, { dot: true })(path));
        for (const glob of matching) used.add(glob);
        expect(allowlist.isPathAllowed(path), path).toBe(matching.length > 0);
      }
      expect(allowlist.unused().map((entry) => entry.detail)).toEqual(subset.filter((glob) => !used.has(glob)).map((glob) => `allow.paths entry ${glob}`));
      expect(allowlist.allowedCount()).toBe(paths.filter((path) => subset.some((glob) => picomatch(glob, { dot: true })(path))).length);
    }
  });

  it('tests a path against a few of 10,000 folder globs, not all of them', () => {
    const many = Array.from({ length: 10_000 }, (_, i) => `vendor/pkg${i}/**`);
    const index = new GlobIndex([...many, '**/*.min.js']);
    expect(index.candidates('vendor/pkg42/lib/a.js').map((candidate) => candidate.glob)).toEqual(['vendor/pkg42/**']);
    expect(index.candidates('vendor/pkg42/lib/a.ts').map((candidate) => candidate.glob)).toEqual(['vendor/pkg42/**']);
    expect(index.candidates('src/app.min.js').map((candidate) => candidate.glob)).toEqual(['**/*.min.js']);
  });

  it('tests a path against a few of 1,000 globs of a folder anywhere (`**/fixture42/**`), not all of them', () => {
    const many = Array.from({ length: 1000 }, (_, i) => `**/fixture${i}/**`);
    const index = new GlobIndex([...many, '**/snapshots/*.snap']);
    expect(index.candidates('packages/app/fixture42/data/a.json').map((candidate) => candidate.glob)).toEqual(['**/fixture42/**']);
    expect(index.candidates('fixture7/fixture7/a.json').map((candidate) => candidate.glob)).toEqual(['**/fixture7/**']);
    expect(index.candidates('src/snapshots/a.snap').map((candidate) => candidate.glob)).toEqual(['**/snapshots/*.snap']);
    expect(index.candidates('src/app.ts')).toEqual([]);
    const prefixed = new GlobIndex(Array.from({ length: 1000 }, (_, i) => `**/build${i}-*/**`));
    expect(prefixed.candidates('out/build42-x/a.js').map((candidate) => candidate.glob)).toEqual(['**/build42-*/**']);
    const braced = new GlobIndex(Array.from({ length: 1000 }, (_, i) => `{apps,libs}/p${i}/**`));
    expect(braced.candidates('libs/p42/src/a.ts').map((candidate) => candidate.glob)).toEqual(['{apps,libs}/p42/**']);
  });
});

/** A deterministic pseudo-random generator, so a failure reproduces. */
function generator(seed: number): (n: number) => number {
  let x = seed;
  return (n) => {
    x = (x * 1103515245 + 12345) % 2147483648;
    return x % n;
  };
}

describe('allow.paths globs with no literal folder, name or extension (issue 13, item 15)', () => {
  const random = generator(15);
  const pick = <T>(list: readonly T[]): T => list[random(list.length)]!;
  // segments of a glob: wildcards, classes, extglobs, braces and short literal runs, in any order
  const parts = ['*', '?', '**', '[ab]', '[!a]', '[a-c]', '[[:digit:]]', '*.[jt]s', '.', 'a', 'b1', 'x', '.env', '+(a|b)', '@(x|y)', '!(a)', '{a,b}', '{a,b/c}', 'A', '\\*', 'é', '-', '_'];
  const segment = () => Array.from({ length: 1 + random(3) }, () => pick(parts)).join('');
  const glob = () => (random(10) === 0 ? '!' : random(8) === 0 ? './' : '') + Array.from({ length: 1 + random(3) }, () => (random(4) === 0 ? '**' : segment())).join('/');
  const names = ['a', 'b', 'b1', 'a1', 'x', 'ab', '.env', 'a.js', 'b.ts', 'x.jts', '[ab]', '*', 'A1', 'é', 'c-d', '_1', '.hidden', 'y1.ts', '1'];
  const path = () => Array.from({ length: 1 + random(4) }, () => pick(names)).join('/');

  it('a path is allowed, and a glob used, exactly as testing every glob with picomatch says (random globs and paths)', () => {
    for (let round = 0; round < 40; round++) {
      const globs = [...new Set(Array.from({ length: 50 + random(150) }, glob))];
      const allowlist = createPathAllowlist(globs, 'keyguard.config.json');
      const index = new GlobIndex(globs);
      const matchers = globs.map((g) => picomatch(g, { dot: true }));
      const used = new Set<string>();
      for (let i = 0; i < 300; i++) {
        const p = path();
        const matching = globs.filter((_, k) => matchers[k]!(p));
        for (const g of matching) used.add(g);
        const offered = new Set(index.candidates(p).map((candidate) => candidate.glob));
        expect(matching.filter((g) => !offered.has(g)), `${p} in round ${round}`).toEqual([]);
        expect(allowlist.isPathAllowed(p), p).toBe(matching.length > 0);
      }
      expect(allowlist.unused().map((entry) => entry.detail)).toEqual(globs.filter((g) => !used.has(g)).map((g) => `allow.paths entry ${g}`));
    }
  });

  it('a path equal to a glob’s text is matched as picomatch matches it, in a combined chunk too', () => {
    const globs = ['**/*', '*', '?', '[ab]', '*.[jt]s', '!x'];
    for (const p of ['[ab]', '*.[jt]s', '?', '*', 'a', 'x', 'y.ts', 'a/b']) {
      const allowlist = createPathAllowlist(globs);
      expect(allowlist.isPathAllowed(p), p).toBe(globs.some((g) => picomatch(g, { dot: true })(p)));
    }
  });

  it('tests a path against a few of 1,000 globs with literal runs only inside segments (`**/[ab]42/**`, `*.[jt]s42`), not all of them', () => {
    const many = Array.from({ length: 1000 }, (_, i) => (i % 2 === 0 ? `**/[ab]${i}x/**` : `*.[jt]s${i}`));
    const index = new GlobIndex(many);
    // found by the runs the path holds (`42x` also holds `2x`): a few candidates, the right one among them
    const offered = (p: string) => index.candidates(p).map((candidate) => candidate.glob);
    expect(offered('src/a42x/index.js')).toContain('**/[ab]42x/**');
    expect(offered('src/a42x/index.js').length).toBeLessThan(5);
    expect(offered('lib.ts43')).toEqual(['*.[jt]s43']);
    expect(offered('src/app.ts').length).toBeLessThan(5);
  });
});
