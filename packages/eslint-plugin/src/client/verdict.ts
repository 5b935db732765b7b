/** Where a file's code runs, and why keyguard thinks so (the why goes into messages). */
export interface Verdict {
  side: 'client' | 'server';
  reason: string;
}
