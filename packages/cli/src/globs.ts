/**
 * The options every glob of the CLI is compiled with (picomatch): dotfiles included, and `windows`
 * given as picomatch would decide it on Node. Left out, picomatch reads `globalThis.navigator`,
 * which on Node 21+ loads Node's navigator module after the bin's V8 flag is set, so it is compiled
 * from source on every run (test/code-cache.test.ts).
 */
export const PICOMATCH = { dot: true, windows: process.platform === 'win32' } as const;
