/** Path spelling: reports use posix paths relative to the cwd; globs match repo-relative paths. */
import { realpathSync } from 'node:fs';
import { basename, dirname, join, relative, resolve, sep } from 'node:path';

export function toPosix(path: string): string {
  return sep === '/' ? path : path.split(sep).join('/');
}

/** posix path of `absolute` relative to `base` ('' → '.'). */
export function relativePosix(base: string, absolute: string): string {
  return toPosix(relative(base, absolute)) || '.';
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
