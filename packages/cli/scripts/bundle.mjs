// Bundles the CLI into one entry file (plus lazily loaded chunks), so `git commit` pays
// for loading only what the staged scan needs.
import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
await build({
  absWorkingDir: root,
  // keyguard-worker.js: the worker-thread entry of history scans (src/workers/pool.ts finds it).
  entryPoints: { keyguard: 'src/main.ts', 'keyguard-worker': 'src/workers/scan-worker.ts' },
  outdir: 'dist',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  sourcemap: 'linked',
  chunkNames: 'chunks/[name]-[hash]',
  logLevel: 'warning',
  banner: { js: "import { createRequire as __kgCreateRequire } from 'node:module'; const require = __kgCreateRequire(import.meta.url);" },
});
