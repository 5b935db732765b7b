/**
 * Writing the files keyguard writes (`--output` reports, `baseline` / `baseline --update`) so that
 * a hostile checkout cannot redirect them and an interrupted run cannot lose them: the text goes
 * to a new temp file in the same folder (created exclusively, so a planted symlink is never
 * followed) and is renamed over the target in one step, which replaces a path and never writes
 * through it. A target that is a symlink is refused: CI writes `--output keyguard.sarif` in the
 * pull request's checkout, where a committed symlink could point anywhere.
 */
import { closeSync, fsyncSync, lstatSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import { basename, dirname, isAbsolute, join, relative, sep } from 'node:path';
import { nodeCrypto } from '@keyguard/core';
import { RuntimeError } from './errors.js';

/**
 * The refusal for a target that is a symlink, or that lies in a folder under the cwd that is one
 * (`folder`); `--output` says it before the scan, the writer again after.
 */
export function symlinkRefused(label: string, what: string, folder?: string): RuntimeError {
  const which = folder === undefined ? 'is a symlink' : `is in ${folder}, which is a symlink`;
  return new RuntimeError(
    `${label}: ${which}; keyguard does not write the ${what} through a symlink (it could replace a file outside the repo): remove it or write to another path`,
  );
}

/**
 * The first folder between `cwd` and `file` that is a symlink (relative to `cwd`), when `file` is
 * under `cwd`: a committed `reports -> /home/me/.ssh` would carry `--output reports/x` out of
 * the checkout. A path the user gives outside the cwd (`$RUNNER_TEMP/x.sarif`) is theirs.
 */
export function symlinkedFolderOf(file: string, cwd: string): string | undefined {
  const inside = relative(cwd, dirname(file));
  if (inside === '' || inside === '..' || inside.startsWith(`..${sep}`) || isAbsolute(inside)) return undefined;
  let folder = cwd;
  for (const part of inside.split(sep)) {
    folder = join(folder, part);
    const stats = lstatSync(folder, { throwIfNoEntry: false });
    if (stats === undefined) return undefined;
    if (stats.isSymbolicLink()) return relative(cwd, folder);
  }
  return undefined;
}

/** Writes `text` to `file` by rename; `cwd`: refuse a folder under it that is a symlink (symlinkedFolderOf). */
export function writeFileAtomically(file: string, text: string, label: string, what: string, cwd?: string): void {
  const folder = cwd === undefined ? undefined : symlinkedFolderOf(file, cwd);
  if (folder !== undefined) throw symlinkRefused(label, what, folder);
  let existing;
  try {
    existing = lstatSync(file, { throwIfNoEntry: false });
  } catch (error) {
    throw new RuntimeError(`${label}: cannot write the ${what} (${(error as NodeJS.ErrnoException).code ?? String(error)})`);
  }
  if (existing?.isSymbolicLink()) throw symlinkRefused(label, what);
  if (existing && !existing.isFile()) throw new RuntimeError(`${label}: is not a regular file; keyguard writes the ${what} only to a regular file`);
  const temp = join(dirname(file), `.${basename(file)}.${process.pid}-${nodeCrypto().randomBytes(4).toString('hex')}.tmp`);
  try {
    const fd = openSync(temp, 'wx', existing ? existing.mode & 0o777 : 0o644);
    try {
      writeSync(fd, text);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(temp, file);
  } catch (error) {
    rmSync(temp, { force: true });
    throw new RuntimeError(`${label}: cannot write the ${what} (${(error as NodeJS.ErrnoException).code ?? String(error)})`);
  }
}
