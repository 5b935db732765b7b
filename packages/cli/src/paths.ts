/** Path spelling: reports use posix paths relative to the cwd; globs match repo-relative paths. */
import { realpathSync } from 'node:fs';
import { basename, dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';

export function toPosix(path: string): string {
  return sep === '/' ? path : path.split(sep).join('/');
}

/** posix path of `absolute` relative to `base` ('' → '.'). */
export function relativePosix(base: string, absolute: string): string {
  // A scan asks this of every file: a path under `base` spelled plainly is a slice, not the
  // resolve-and-normalise of path.relative (which showed up at 5% of a full-corpus profile).
  if (sep === '/' && absolute.length > base.length + 1 && absolute.startsWith(base) && isPlainBase(base)) {
    const prefix = base.endsWith('/') ? base.length : base.length + 1;
    const rest = absolute.slice(prefix);
    if ((prefix === base.length || absolute[base.length] === '/') && isPlainRelative(rest)) return rest;
  }
  return toPosix(relative(base, absolute)) || '.';
}

/** The last base found plain: a scan asks with the same base (the cwd, the repo root) for every file. */
let plainBase: string | undefined;

function isPlainBase(base: string): boolean {
  if (base === plainBase) return true;
  if (!isPlainAbsolute(base)) return false;
  plainBase = base;
  return true;
}

/** An absolute posix path with no `.`/`..`/empty segments (`/` itself included). */
function isPlainAbsolute(path: string): boolean {
  return path.startsWith('/') && (path === '/' || (!path.endsWith('/') && isPlainRelative(path.slice(1))));
}

function isPlainRelative(path: string): boolean {
  if (path.length === 0 || path.startsWith('/') || path.endsWith('/') || path.includes('//')) return false;
  if (path === '.' || path === '..' || path.startsWith('./') || path.startsWith('../')) return false;
  return !path.includes('/./') && !path.includes('/../') && !path.endsWith('/.') && !path.endsWith('/..');
}

/**
 * posix path of `file` relative to `base`, where a relative `file` is relative to `from`: the one
 * helper for every path a report, a baseline or a glob shows ('' or the same folder → '.').
 */
export function relativeTo(base: string, file: string, from: string): string {
  return relativePosix(base, isAbsolute(file) ? file : resolve(from, file));
}

/**
 * Resolves symlinks in a path that may not exist any more (a file deleted from the work tree but
 * still staged), so it compares equal with what git prints (git resolves the repo root).
 */
export function realPath(path: string): string {
  const absolute = resolve(path);
  try {
    return realpathSync(absolute);
  } catch {
    const parent = dirname(absolute);
    return parent === absolute ? absolute : join(realPath(parent), basename(absolute));
  }
}
