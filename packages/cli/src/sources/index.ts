/**
 * Picks the source for a scan. The staged source is loaded with this module (it is small), so
 * `openSource` starts its git processes at once and the engine can be built while they run;
 * the others are loaded only when used.
 */
import type { KeyguardConfig } from '@keyguard/core';
import { openStagedSource } from './staged.js';
import type { ScanOptions } from '../options.js';
import type { ScanMode } from '../report/types.js';
import type { Source } from './types.js';

export interface SourceContext {
  options: ScanOptions;
  config: KeyguardConfig;
  /** Where config allow.paths globs start (see LoadedConfig). */
  allowBase: string;
  isPathAllowed: (repoPath: string) => boolean;
}

export async function openSource(context: SourceContext): Promise<{ source: Source; mode: ScanMode }> {
  const { options, config, allowBase, isPathAllowed } = context;
  if (options.staged) {
    const source = await openStagedSource({
      cwd: options.cwd,
      paths: options.paths,
      allLines: options.allLines,
      maxFileSize: config.maxFileSize,
      isPathAllowed,
    });
    return { source, mode: 'staged' };
  }
  if (options.since !== undefined || options.history) {
    const { openHistorySource } = await import('./history.js');
    const source = openHistorySource({ cwd: options.cwd, since: options.since, config, allowBase, threads: options.threads, isPathAllowed });
    return { source, mode: 'history' };
  }
  const { openFilesSource } = await import('./files.js');
  const source = await openFilesSource({
    cwd: options.cwd,
    paths: options.paths,
    maxFileSize: config.maxFileSize,
    isPathAllowed,
    config,
    ...(options.threads === undefined ? {} : { threads: options.threads }),
  });
  return { source, mode: 'files' };
}
