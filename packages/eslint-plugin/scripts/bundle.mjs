// Bundles the plugin into dist/index.js with the engine (@keyguard/core) and its small runtime
// helpers inside (the ReDoS check of user regexes goes to dist/regex-safety.cjs, loaded
// lazily), so the published package installs on its own: its only peers are ESLint and, for
// TypeScript files, @typescript-eslint/parser (loaded by the parser wrapper when present).
// tsc still writes the .d.ts files next to it; the per-module .js files it also writes are
// left out of the tarball (package.json "files").
import { build } from 'esbuild';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
await build({
  absWorkingDir: root,
  entryPoints: { index: 'src/index.ts' },
  outdir: 'dist',
  bundle: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  // written for working on keyguard, never shipped, and not referenced from the bundle (see the CLI's bundle.mjs)
  sourcemap: 'external',
  logLevel: 'warning',
  // Loaded from the user's project at run time, never bundled.
  external: ['eslint', 'espree', '@typescript-eslint/parser', 'typescript'],
  banner: { js: "import { createRequire as __kgCreateRequire } from 'node:module'; const require = __kgCreateRequire(import.meta.url);" },
});

// Core's ReDoS check of a config's own regexes, with refa, scslre and regexpp: a chunk of its
// own that src/lazy-regex-safety.ts requires only for configs with custom rules or
// allow.values, so linting never loads those libraries otherwise. CommonJS, so a rule (which
// runs synchronously) can require it.
await build({
  absWorkingDir: root,
  entryPoints: { 'regex-safety': createRequire(join(root, 'package.json')).resolve('@keyguard/core/regex-safety') },
  outdir: 'dist',
  outExtension: { '.js': '.cjs' },
  bundle: true,
  format: 'cjs',
  // core's modules use import.meta.url (createRequire); in CommonJS it is the chunk's own URL
  define: { 'import.meta.url': '__kgImportMetaUrl' },
  banner: { js: "const __kgImportMetaUrl = require('node:url').pathToFileURL(__filename).href;" },
  platform: 'node',
  target: 'node20',
  sourcemap: 'external',
  logLevel: 'warning',
});
