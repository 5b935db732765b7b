/**
 * The reporter registry: `--format` names one of these. Each reporter module exports one
 * `Reporter` (see ./types.ts) and is loaded on demand, so a pre-commit run (text) does not load
 * SARIF support. A new format is one module plus one line here.
 */
import type { Reporter } from './types.js';

const reporters = {
  text: async () => (await import('./text.js')).textReporter,
  json: async () => (await import('./json.js')).jsonReporter,
  sarif: async () => (await import('./sarif.js')).sarifReporter,
  github: async () => (await import('./github.js')).githubReporter,
} satisfies Record<string, () => Promise<Reporter>>;

export type ReportFormat = keyof typeof reporters;

export const reportFormats = Object.keys(reporters) as ReportFormat[];

export function loadReporter(format: ReportFormat): Promise<Reporter> {
  return reporters[format]();
}
