/** Put in by the bundler (scripts/bundle.mjs) from package.json; undefined when the sources or the tsc output run. */
declare const __KEYGUARD_VERSION__: string | undefined;

/** The CLI's version, printed by --version and written into SARIF: the one in package.json. */
export const version: string =
  typeof __KEYGUARD_VERSION__ === 'string'
    ? __KEYGUARD_VERSION__
    : (process.getBuiltinModule('node:module').createRequire(import.meta.url)('../package.json') as { version: string }).version;
