// Bundles the CLI into one entry file (plus lazily loaded chunks), so `git commit` pays
// for loading only what the staged scan needs.
import { build } from 'esbuild';
import { rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
// Chunk names carry content hashes: drop the previous build's, so dist (and the packed tarball)
// holds only what the entry can load.
rmSync(new URL('../dist/chunks', import.meta.url), { recursive: true, force: true });
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
