/**
 * Writing the files keyguard writes (`--output` reports, `baseline` / `baseline --update`) so that
 * a hostile checkout cannot redirect them and an interrupted run cannot lose them: the text goes
 * to a new temp file in the same folder (created exclusively, so a planted symlink is never
 * followed) and is renamed over the target in one step, which replaces a path and never writes
 * through it. A target that is a symlink is refused: CI writes `--output keyguard.sarif` in the
 * pull request's checkout, where a committed symlink could point anywhere.
 */
import { closeSync, fsyncSync, lstatSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { nodeCrypto } from '@keyguard/core';
import { RuntimeError } from './errors.js';

/** The refusal for a target that is a symlink; `--output` says it before the scan, the writer again after. */
export function symlinkRefused(label: string, what: string): RuntimeError {
  return new RuntimeError(
    `${label}: is a symlink; keyguard does not write the ${what} through a symlink (it could replace a file outside the repo): remove it or write to another path`,
  );
}

export function writeFileAtomically(file: string, text: string, label: string, what: string): void {
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
