let loaded: typeof import('node:crypto') | undefined;

/**
 * node:crypto, loaded on first use. Importing it costs a few milliseconds of every start-up (it
 * loads webcrypto, keys, X.509…), and a commit whose scan reports nothing needs none of it
 * (issue 10): fingerprints, the BIP-39 checksum and temporary file names call this instead.
 * `process.getBuiltinModule` (Node 20.16+), not `createRequire`: node:module brings Node's ES
 * module loader with it, ~0.5 ms of a commit's start-up.
 */
export function nodeCrypto(): typeof import('node:crypto') {
  return (loaded ??= process.getBuiltinModule('node:crypto'));
}
