/**
 * What a merge can leave behind unnoticed: conflict markers inside a comment or a document
 * compile and lint cleanly, so the build cannot catch them. One once sat in a JSDoc block of
 * commands/scan.ts.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { workspaceRoot } from './helpers/cli.js';

// Built at run time, so this file does not hold the markers it looks for.
const marker = new RegExp(`^(?:${'<'.repeat(7)}|${'>'.repeat(7)})(?: |$)`, 'm');

function trackedTextFiles(): string[] {
  const listed = spawnSync('git', ['ls-files', '-z'], { cwd: workspaceRoot, encoding: 'utf8' });
  expect(listed.status, listed.stderr).toBe(0);
  return listed.stdout.split('\0').filter((file) => file !== '' && !/\.(?:png|jpe?g|gif|ico|tgz|gz|zip|woff2?)$/i.test(file));
}

describe('repository hygiene', () => {
  it('finds a conflict marker when one is there (the check can fail)', () => {
    expect(marker.test(`a\n${'<'.repeat(7)} HEAD\nb`)).toBe(true);
    expect(marker.test(`a\n${'>'.repeat(7)} 1234abc (msg)\n`)).toBe(true);
    expect(marker.test('a <<<<<<<< b')).toBe(false);
  });

  it('no tracked file holds a merge conflict marker', () => {
    const files = trackedTextFiles();
    expect(files.length).toBeGreaterThan(50);
    const withMarkers = files.filter((file) => {
      let text: string;
      try {
        text = readFileSync(join(workspaceRoot, file), 'utf8');
      } catch {
        return false; // a tracked path missing from the working tree (sparse checkout)
      }
      return marker.test(text);
    });
    expect(withMarkers).toEqual([]);
  });
});
