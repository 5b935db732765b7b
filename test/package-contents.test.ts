/**
 * What the packed tarballs hold: what a user runs, not the source maps of the build (they were
 * 2.7 MB of the CLI's 4.5 MB unpacked; the bundles are not minified, so a stack trace is
 * readable without them), and no shipped script points at a map the package does not hold.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from './helpers/git.js';
import { packAll } from './helpers/package-managers.js';

function unpack(tarball: string): string {
  const dir = join(tempDir('keyguard-unpacked-'), 'x');
  mkdirSync(dir);
  execFileSync('tar', ['xzf', tarball, '-C', dir]);
  return join(dir, 'package');
}

describe('the packed tarballs', () => {
  it.each(['keyguard-cli.tgz', 'keyguard-eslint-plugin.tgz'])('%s ships no source maps, and its scripts name none', (name) => {
    const tarball = join(packAll(), 'packed', name);
    const files = execFileSync('tar', ['tzf', tarball], { encoding: 'utf8' }).split('\n').filter(Boolean);
    // the tarball holds what it is run with
    expect(files.some((file) => /\.(m?js|cjs)$/.test(file))).toBe(true);
    expect(files.filter((file) => file.endsWith('.map'))).toEqual([]);
    const root = unpack(tarball);
    const scripts = files.filter((file) => /\.(m?js|cjs)$/.test(file)).map((file) => file.replace(/^package\//, ''));
    const naming = scripts.filter((file) => /^\/\/# sourceMappingURL=/m.test(readFileSync(join(root, file), 'utf8')));
    expect(naming).toEqual([]);
  });
});
