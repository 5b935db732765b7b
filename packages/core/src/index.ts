export type * from './types.js';
export { redact, fingerprint } from './redact.js';
export { shannonEntropy } from './entropy.js';
