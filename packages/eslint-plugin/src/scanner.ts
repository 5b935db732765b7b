import { createScanner, type KeyguardConfig, type Scanner } from '@keyguard/core';

/**
 * One scanner per ESLint process and configuration, built on first use: building the
 * catalog's keyword index costs far more than classifying one literal, and an ESLint run
 * lints thousands of files.
 */
const scanners = new Map<string, Scanner>();

export function sharedScanner(
  project: { config: KeyguardConfig; source: string | undefined },
  options: { allowValues: readonly string[]; includePublicKeys: boolean },
): Scanner {
  // Built per linted file, so cheaper than JSON.stringify.
  const key = `${project.source ?? ''}\0${options.includePublicKeys ? 1 : 0}${options.allowValues.join('\0')}`;
  let scanner = scanners.get(key);
  if (scanner === undefined) {
    const { config } = project;
    scanner = createScanner({
      config: {
        ...config,
        includePublicKeys: config.includePublicKeys || options.includePublicKeys,
        allow: { ...config.allow, values: [...config.allow.values, ...options.allowValues] },
      },
    });
    scanners.set(key, scanner);
  }
  return scanner;
}
