#!/usr/bin/env node
// Loads the CLI bundle (dist/keyguard.cjs and its chunks) and runs it.
//
// `git commit` pays for start-up on every commit, and compiling the 380 KB scan chunk was the
// largest part of it (issue 10). So the bundle's chunks are compiled with V8's code cache, by this
// file, as v8-compile-cache does, with `vm.Script`'s `cachedData`, on every Node version: Node
// 22+'s own `module.enableCompileCache` keeps what the compile produced, not the functions that
// ran, and a 10-file staged scan cost 14% more instructions with it (docs/benchmarks.md). The cache is written after a run, so it
// holds the functions that ran, not only the top level, into node_modules/.cache/keyguard of the
// node_modules keyguard is installed in; nothing is written anywhere else. A chunk's file name
// carries a hash of its content and the cache file's name carries the chunk's, Node's version
// and the architecture; V8 rejects data made by another V8 or with other flags (and the run
// writes it again). A file that cannot be read, is rejected, or a folder that cannot be written
// only means compiling without the cache, as without this file. NODE_DISABLE_COMPILE_CACHE=1
// turns the cache off, as it does Node's own.
//
// This file and the bundle are CommonJS (bin/package.json, scripts/bundle.mjs): with a CommonJS
// main, Node does not start its ES module loader, ~15 ms of CPU per run (docs/benchmarks.md).
//
// The V8 flag the CLI runs with (src/main.ts, which sets it too) is set here, before any of the
// bundle is compiled: V8 accepts cached code only when made under the same flags, and the entry
// and the chunk it loads first would otherwise compile before it and be rejected on every run.
// For the same reason Node's own modules that a command needs are loaded before it: Node compiles
// its built-in modules from a code cache made under the default flags, and V8 rejects that cache
// for every built-in loaded after the flag is set (child_process, net, dgram and parseArgs were
// then compiled from source on every commit: ~30 M instructions; docs/benchmarks.md, h33).
const { closeSync, constants, existsSync, fstatSync, mkdirSync, openSync, readFileSync, readSync, readdirSync, renameSync, unlinkSync, writeFileSync } = require('node:fs');
const { dirname, join, sep } = require('node:path');
const vm = require('node:vm');
const command = process.argv[2];
if (command === 'scan' || command === 'baseline' || command === 'init') {
  // every one of them runs git (src/git/run.ts) and parses its options (src/main.ts)
  require('node:child_process');
  void require('node:util').parseArgs;
  // process.stdout on a terminal (a commit from a shell: git gives the hook its terminal)
  require('node:tty');
}
require('node:v8').setFlagsFromString('--enable-experimental-regexp-engine-on-excessive-backtracks');

const packageDir = join(__dirname, '..');
const entry = join(packageDir, 'dist', 'keyguard.cjs');

/** node_modules/.cache/keyguard in the node_modules that holds this package, or the nearest above it. */
function cacheDirectory() {
  const parts = packageDir.split(sep);
  const installedIn = parts.indexOf('node_modules');
  if (installedIn > 0) return join(parts.slice(0, installedIn + 1).join(sep), '.cache', 'keyguard');
  // a checkout of keyguard itself (the workspace): its packages have node_modules
  for (let dir = packageDir, up = dirname(dir); ; dir = up, up = dirname(dir)) {
    if (existsSync(join(dir, 'node_modules'))) return join(dir, 'node_modules', '.cache', 'keyguard');
    if (up === dir) return undefined;
  }
}

/** The biggest cache file read; a chunk's cache is a few hundred KB. */
const MAX_CACHE_BYTES = 32 * 1024 * 1024;

/**
 * A cache file's bytes, or undefined when it is missing, unreadable, not a regular file (a symlink,
 * a FIFO, a device: never followed or waited on, as scanned files are not) or over MAX_CACHE_BYTES.
 */
function readCache(file) {
  let fd;
  try {
    fd = openSync(file, constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0) | (constants.O_NONBLOCK ?? 0));
    const stat = fstatSync(fd);
    if (!stat.isFile() || stat.size > MAX_CACHE_BYTES) return undefined;
    const data = Buffer.allocUnsafe(stat.size);
    let read = 0;
    while (read < data.length) {
      const n = readSync(fd, data, read, data.length - read, read);
      if (n === 0) return undefined; // shrank while being read
      read += n;
    }
    return data;
  } catch {
    return undefined; // not cached yet, or not readable: compile as usual
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/** CommonJS's module wrapper (`Module.wrap`, without loading node:module, which brings Node's ES module loader). */
const WRAPPER = ['(function (exports, require, module, __filename, __dirname) { ', '\n});'];

/** Requires the bundle's entry; its chunks are compiled with the code cache. */
function requireWithCodeCache() {
  const cacheDir = cacheDirectory();
  const suffix = `.${process.version}-${process.arch}.v8cache`;
  const loaded = new Map();
  /** @type {{ script: vm.Script, cacheFile: string }[]} */
  const toWrite = [];

  const load = (file) => {
    const known = loaded.get(file);
    if (known !== undefined) return known.exports;
    const mod = { exports: {} };
    loaded.set(file, mod);
    // Chunks only: their names carry their content's hash (the entry's does not, and it is small).
    // And the entry sets a V8 flag as it loads (src/main.ts): V8 rejects code cached under other
    // flags, so code compiled before that could never be read back.
    const cacheFile = cacheDir !== undefined && dirname(file) !== dirname(entry) ? join(cacheDir, `${file.slice(file.lastIndexOf(sep) + 1)}${suffix}`) : undefined;
    const cachedData = cacheFile === undefined ? undefined : readCache(cacheFile);
    const script = new vm.Script(`${WRAPPER[0]}${readFileSync(file, 'utf8')}${WRAPPER[1]}`, { filename: file, cachedData });
    if (cacheFile !== undefined && (cachedData === undefined || script.cachedDataRejected === true)) toWrite.push({ script, cacheFile });
    const dir = dirname(file);
    const requireHere = (id) => (id.startsWith('.') ? load(join(dir, id)) : require(id));
    script.runInThisContext().call(mod.exports, mod.exports, requireHere, mod, file, dir);
    return mod.exports;
  };

  const bundle = load(entry);
  /** Writes the code of what ran for the next run; a folder that cannot be written skips it. */
  const writeCache = () => {
    if (toWrite.length === 0) return;
    try {
      mkdirSync(cacheDir, { recursive: true });
      for (const { script, cacheFile } of toWrite) {
        const temporary = `${cacheFile}.${process.pid}.tmp`;
        // created exclusively: a symlink planted at this name is never followed
        writeFileSync(temporary, script.createCachedData(), { flag: 'wx' });
        renameSync(temporary, cacheFile); // whole or not at all for a process reading it now
      }
      // the caches of chunks this build no longer has (an earlier keyguard's)
      const chunks = join(packageDir, 'dist', 'chunks');
      for (const name of readdirSync(cacheDir)) {
        // unlinkSync, not rmSync: rmSync loads Node's rimraf module, compiled from source after the flag
        if (!name.endsWith(suffix) || existsSync(join(chunks, name.slice(0, -suffix.length)))) continue;
        try {
          unlinkSync(join(cacheDir, name));
        } catch {
          // gone already (another run removed it)
        }
      }
    } catch {
      // a read-only install: run without a cache
    }
  };
  return { main: bundle.main, writeCache };
}

// Not Node 22+'s module.enableCompileCache: its cache holds each script's compiled top level, this
// file's the functions that ran. Process tree of a 10-file staged scan under cachegrind (git
// included): Node 22.23 297-303 M instructions with Node's cache, 255-260 M with this one; Node
// 24.22 288-290 against 247-253 M. Node's also writes into os.tmpdir(), which this file never does.
const cached = !process.env.NODE_DISABLE_COMPILE_CACHE;
const { main, writeCache } = cached ? requireWithCodeCache() : { main: require(entry).main, writeCache: () => {} };

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
    writeCache();
  },
  (error) => {
    process.stderr.write(`keyguard: internal error: ${error instanceof Error ? error.stack : String(error)}\n`);
    process.exitCode = 2;
  },
);
