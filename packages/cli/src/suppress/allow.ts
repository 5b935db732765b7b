/**
 * Config `allow.*` entries that hide findings, and what `--report-unused` says about them:
 * - `allow.fingerprints`: accepted findings by content fingerprint (a hash of the rule id and
 *   the secret), so an entry survives any edit that does not change the secret itself;
 * - `allow.paths`: picomatch globs of paths that are never scanned (the sources ask before
 *   reading a file; history workers build the same allowlist for themselves).
 * Each tracker remembers which entries matched something, so stale ones can be listed and a
 * strict CI can fail on them.
 */
import picomatch from 'picomatch';
import type { Finding } from '@keyguard/core';
import type { UnusedIgnore } from '../report/types.js';
import type { FindingFilter } from './types.js';

/** Hides findings whose fingerprint is listed in config `allow.fingerprints`. */
export function fingerprintFilter(fingerprints: readonly string[], configSource = 'config'): FindingFilter {
  const listed = new Set(fingerprints.map((value) => value.trim().toLowerCase()));
  const used = new Set<string>();
  return {
    name: 'allow.fingerprints',
    apply(findings: Finding[]): Finding[] {
      return findings.filter((finding) => {
        // an entry written by an older keyguard holds the legacy (unsalted) fingerprint
        const print = listed.has(finding.fingerprint) ? finding.fingerprint : finding.legacyFingerprint;
        if (print === undefined || !listed.has(print)) return true;
        used.add(print);
        return false;
      });
    },
    unused(): UnusedIgnore[] {
      return [...listed]
        .filter((value) => !used.has(value))
        .map((value) => ({ kind: 'fingerprint', file: configSource, detail: `allow.fingerprints entry ${value}` }));
    },
  };
}

export interface PathAllowlist {
  /** true for repository-relative paths that must not be scanned; records which glob matched. */
  isPathAllowed(repoPath: string): boolean;
  unused(): UnusedIgnore[];
  /** How many paths the globs allowed (not scanned): the summary says so. */
  allowedCount(): number;
}

/**
 * Config `allow.paths`: each glob is checked on its own so an unused one can be named. Globs are
 * relative to `base` (the config's folder, as a repo-relative posix path; '' = the repo root),
 * as the ESLint plugin reads them; a path outside `base` is never allowed.
 */
export function createPathAllowlist(globs: readonly string[], configSource = 'config', base = ''): PathAllowlist {
  const matchers = globs.map((glob) => ({ glob, matches: picomatch(glob, { dot: true }) }));
  const prefix = base === '' ? '' : `${base}/`;
  const used = new Set<string>();
  let allowedCount = 0;
  return {
    allowedCount: () => allowedCount,
    isPathAllowed(repoPath) {
      if (matchers.length === 0 || !repoPath.startsWith(prefix)) return false;
      const path = repoPath.slice(prefix.length);
      let allowed = false;
      for (const { glob, matches } of matchers) {
        if (matches(path)) {
          used.add(glob);
          allowed = true;
        }
      }
      if (allowed) allowedCount++;
      return allowed;
    },
    unused() {
      return matchers
        .filter(({ glob }) => !used.has(glob))
        .map(({ glob }) => ({ kind: 'path', file: configSource, detail: `allow.paths entry ${glob}` }));
    },
  };
}
