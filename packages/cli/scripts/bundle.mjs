// Bundles the CLI into one entry file plus lazily loaded chunks, so `git commit` pays for loading
// only what the staged scan needs.
//
// CommonJS, not ESM: Node 20 can compile a script with V8's code cache (`vm.Script`'s
// `cachedData`, which bin/keyguard.js uses for the chunks) but not an ES module; the entry and
// chunks are `.cjs` since the package is `"type": "module"`.
//
// Rolldown, not esbuild: esbuild gives every module its own chunk per set of entry points that
// reach it, so the staged scan loaded 23 files, and Node 20's ESM loader costs about a
// millisecond of CPU per file (resolve, read, module job) before any of it runs. Rolldown's
// chunk groups put the scan path in one chunk (issue 10; docs/benchmarks.md has the figures).
import { existsSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { rolldown } from 'rolldown';

const root = fileURLToPath(new URL('..', import.meta.url));
const { version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
// The keyword automaton of the default config's rules, computed now from the engine just built:
// the bundle carries it, so creating a scanner (every commit) does not build the trie of the
// catalog's 1,400+ keywords; the engine uses it only for the very keyword list it was made from.
const { keywordAutomaton } = await import(pathToFileURL(join(root, '../core/dist/scanner.js')).href);
const automaton = keywordAutomaton();

// The modules the entry loads before it knows the command: they stay in the entry, so
// `keyguard --version` and `keyguard init` do not load the scanner.
// core's terminal.js too: main.ts escapes its error messages with terminalSafe, and in the scan
// chunk it made `--version` load and build the whole catalog (docs/benchmarks.md).
// git/run.ts, git/staged-calls.ts and paths.ts too: main.ts starts a staged scan's git processes
// before the scan chunk loads, so git reads the index while the chunk compiles.
const entryOnly = [
  'src/main.ts',
  'src/errors.ts',
  'src/options.ts',
  'src/version.ts',
  'src/report/index.ts',
  '../core/dist/terminal.js',
  'src/git/run.ts',
  'src/git/staged-calls.ts',
  'src/paths.ts',
];
// What a scan loads only on request: other commands, history scans and their workers, the other
// report formats, and the ReDoS analysis of a config's own regexes (with its parser libraries).
const onRequest = [
  'src/commands/init.ts',
  'src/init/',
  'src/sources/history.ts',
  'src/workers/',
  'src/git/log.ts',
  'src/report/sarif.ts',
  'src/report/json.ts',
  'src/report/github.ts',
  'src/suppress/history-merge.ts',
  '../core/dist/regex-safety.js',
];
for (const path of [...entryOnly, ...onRequest]) {
  if (!existsSync(join(root, path))) throw new Error(`bundle.mjs names ${path}, which does not exist: update the lists`);
}
const inside = (id, paths) => paths.some((path) => id === join(root, path) || (path.endsWith('/') && id.startsWith(join(root, path))));
// The scan chunk: the CLI's and the engine's code (picomatch too) a `keyguard scan` or
// `keyguard baseline` of files or of the index loads, all in one file.
const scanPath = (id) =>
  (id.startsWith(join(root, 'src') + sep) || id.startsWith(join(root, '../core/dist') + sep) || id.includes(`${sep}picomatch${sep}`)) &&
  !inside(id, entryOnly) &&
  !inside(id, onRequest);

const bundle = await rolldown({
  cwd: root,
  // keyguard-worker.cjs: the worker-thread entry of history scans (src/workers/pool.ts finds it).
  input: { keyguard: 'src/main.ts', 'keyguard-worker': 'src/workers/scan-worker.ts' },
  platform: 'node',
  // src/version.ts: the version comes from package.json, so it cannot drift from it
  transform: { define: { __KEYGUARD_VERSION__: JSON.stringify(version), __KEYGUARD_KEYWORD_AUTOMATON__: JSON.stringify(automaton) }, target: 'node20' },
  logLevel: 'warn',
  // The entries export only what the bin and the worker use; chunks may add exports to them.
  preserveEntrySignatures: 'allow-extension',
  // A module that is both imported and `import()`ed stays where the static import puts it.
  checks: { ineffectiveDynamicImport: false },
});
const result = await bundle.write({
  dir: join(root, 'dist'),
  format: 'cjs',
  // Non-ASCII characters (messages' ✔ and →, a regex's …) written as escapes: Node reads a file
  // that is all ASCII into a one-byte string at memcpy speed, where one non-ASCII character made
  // the 450 KB scan chunk a two-byte string decoded byte by byte (~10 M instructions per commit;
  // docs/benchmarks.md, h33). The bundle-entry test checks that the chunks stay ASCII.
  charset: 'ascii',
  entryFileNames: '[name].cjs',
  // Maps for working on keyguard, never shipped (package.json "files"): the bundle is not minified,
  // so a stack trace already names the function and a readable line; maps were 2.7 MB of the
  // 4.5 MB unpacked package (issue 10). 'hidden': no sourceMappingURL comment pointing at a file
  // the package does not hold.
  sourcemap: 'hidden',
  comments: { legal: true, annotation: false, jsdoc: false },
  chunkFileNames: 'chunks/[name]-[hash].cjs',
  codeSplitting: { includeDependenciesRecursively: false, groups: [{ name: 'scan', test: scanPath }] },
});
await bundle.close();

// Chunk names carry content hashes: drop the previous builds' chunks so dist (and the packed
// tarball) holds only what the entry can load. Only after the new build is written: a CLI
// process started just before (another test, a commit) still finds the files it loads.
const chunks = join(root, 'dist/chunks');
const written = new Set(result.output.map((file) => relative(chunks, join(root, 'dist', file.fileName))));
if (existsSync(chunks)) {
  for (const name of readdirSync(chunks)) if (!written.has(name)) rmSync(join(chunks, name), { force: true });
}
// the ES module bundle of earlier builds
for (const name of ['keyguard.js', 'keyguard.js.map', 'keyguard-worker.js', 'keyguard-worker.js.map']) rmSync(join(root, 'dist', name), { force: true });
