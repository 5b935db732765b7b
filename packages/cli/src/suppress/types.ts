/** A suppression step: what every filter of suppress/ implements (no imports of its own, so no cycle). */
import type { Finding } from '@keyguard/core';
import type { UnusedIgnore } from '../report/types.js';

export interface FindingFilter {
  name: string;
  /** Returns the findings that are still reported. */
  apply(findings: Finding[]): Finding[] | Promise<Finding[]>;
  /** After apply: the entries of this filter that matched nothing (for --report-unused). */
  unused?(): UnusedIgnore[];
}
