// Bundles the CLI into one entry file (plus lazily loaded chunks), so `git commit` pays
// for loading only what the staged scan needs.
import { build } from 'esbuild';
import { existsSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const { version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const result = await build({
  metafile: true,
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
  // src/version.ts: the version comes from package.json, so it cannot drift from it
  define: { __KEYGUARD_VERSION__: JSON.stringify(version) },
  banner: { js: "import { createRequire as __kgCreateRequire } from 'node:module'; const require = __kgCreateRequire(import.meta.url);" },
});

// Chunk names carry content hashes: drop the previous builds' chunks so dist (and the packed
// tarball) holds only what the entry can load. Only after the new build is written: a CLI
// process started just before (another test, a commit) still finds the files it loads.
const chunks = join(root, 'dist/chunks');
const written = new Set(Object.keys(result.metafile.outputs).map((file) => relative(chunks, join(root, file))));
if (existsSync(chunks)) {
  for (const name of readdirSync(chunks)) if (!written.has(name)) rmSync(join(chunks, name), { force: true });
}
