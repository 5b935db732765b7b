import path from 'node:path';

/** `file` relative to `from`, with `/` between its parts on every platform (as globs and messages write paths). */
export function posixRelative(from: string, file: string): string {
  const relative = path.relative(from, file);
  return path.sep === '/' ? relative : relative.split(path.sep).join('/');
}
