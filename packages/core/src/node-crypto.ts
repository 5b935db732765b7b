import { createRequire } from 'node:module';

let loaded: typeof import('node:crypto') | undefined;

/**
 * node:crypto, loaded on first use. Importing it costs a few milliseconds of every start-up (it
 * loads webcrypto, keys, X.509…), and a commit whose scan reports nothing needs none of it
 * (issue 10): fingerprints, the BIP-39 checksum and temporary file names call this instead.
 */
export function nodeCrypto(): typeof import('node:crypto') {
  return (loaded ??= createRequire(import.meta.url)('node:crypto') as typeof import('node:crypto'));
}
