import { createScanner, type Scanner } from '@keyguard/core';

/**
 * One scanner per ESLint process and configuration, built on first use: building the
 * catalog's keyword index costs far more than classifying one literal, and an ESLint run
 * lints thousands of files.
 */
const scanners = new Map<string, Scanner>();

export function sharedScanner(options: { allowValues: readonly string[]; includePublicKeys: boolean }): Scanner {
  const key = JSON.stringify(options);
  let scanner = scanners.get(key);
  if (scanner === undefined) {
    scanner = createScanner({
      config: {
        includePublicKeys: options.includePublicKeys,
        allow: { paths: [], values: [...options.allowValues], fingerprints: [] },
      },
    });
    scanners.set(key, scanner);
  }
  return scanner;
}
