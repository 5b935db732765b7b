/**
 * Vitest global setup: one scratch dir per `vitest run`, shared by every test file (each runs in
 * its own worker), removed when the run ends. The end-to-end tests pack the release tarballs into
 * it once per run (`packAll` in helpers/package-managers.ts) instead of once per test file.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The run's shared scratch dir. */
    runDir: string;
  }
}

export default function setup(project: TestProject): () => void {
  const dir = mkdtempSync(join(tmpdir(), 'keyguard-run-'));
  project.provide('runDir', dir);
  return () => rmSync(dir, { recursive: true, force: true });
}
