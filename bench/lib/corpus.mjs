// The full-scan corpus: the published sources of popular npm packages, installed once into
// the bench cache with `npm install --ignore-scripts` and reused on later runs.
// npm puts them under node_modules/, which every scanner skips by default, so the tree is
// moved to `<cache>/corpus/pkgs` and its .bin symlinks dropped: what is left is plain files.
import { execFileSync } from 'node:child_process';
import { existsSync, linkSync, mkdirSync, readFileSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { lstat, readdir } from 'node:fs/promises';
import path from 'node:path';
import { cacheDir } from './paths.mjs';

// Pinned so that every run measures the same bytes; all install on Node 20.
export const corpusPackages = {
  typescript: '5.9.3',
  '@babel/core': '7.27.4',
  '@babel/preset-env': '7.27.2',
  '@babel/preset-react': '7.27.1',
  '@babel/preset-typescript': '7.27.1',
  eslint: '9.28.0',
  webpack: '5.99.9',
  rxjs: '7.8.2',
  lodash: '4.17.21',
  'lodash-es': '4.17.21',
  three: '0.170.0',
  'monaco-editor': '0.52.2',
  'aws-sdk': '2.1692.0',
  '@mui/material': '6.4.12',
  '@mui/icons-material': '6.4.12',
  react: '19.1.0',
  'react-dom': '19.1.0',
};

const corpusRoot = path.join(cacheDir, 'corpus');
const stampFile = path.join(corpusRoot, 'stamp.json');
const stamp = JSON.stringify(corpusPackages);

/** Installs the corpus if it is missing or stale; returns its root folder. */
export function ensureCorpus(log = (m) => process.stderr.write(`${m}\n`)) {
  const pkgs = path.join(corpusRoot, 'pkgs');
  if (existsSync(stampFile) && readFileSync(stampFile, 'utf8') === stamp && existsSync(pkgs)) return pkgs;

  log(`corpus: installing ${Object.keys(corpusPackages).length} packages into ${corpusRoot} (once; reused later)`);
  rmSync(corpusRoot, { recursive: true, force: true });
  const install = path.join(corpusRoot, 'install');
  mkdirSync(install, { recursive: true });
  writeFileSync(
    path.join(install, 'package.json'),
    JSON.stringify({ name: 'keyguard-bench-corpus', private: true, dependencies: corpusPackages }, null, 2),
  );
  execFileSync(
    'npm',
    ['install', '--ignore-scripts', '--no-audit', '--no-fund', '--legacy-peer-deps', '--loglevel=error'],
    { cwd: install, stdio: ['ignore', 'inherit', 'inherit'] },
  );
  renameSync(path.join(install, 'node_modules'), pkgs);
  rmSync(install, { recursive: true, force: true });
  dropSymlinkFolders(pkgs);
  writeFileSync(stampFile, stamp);
  return pkgs;
}

function dropSymlinkFolders(dir) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.name === '.bin' || entry.isSymbolicLink()) rmSync(full, { recursive: true, force: true });
    else if (entry.isDirectory()) dropSymlinkFolders(full);
  }
}

/** Every regular file under `root`, sorted, with its size. */
export async function listFiles(root) {
  const files = [];
  async function walk(dir) {
    const entries = await readdir(dir, { withFileTypes: true });
    for (const entry of entries) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) await walk(full);
      else if (entry.isFile()) files.push({ path: full, size: (await lstat(full)).size });
    }
  }
  await walk(root);
  files.sort((a, b) => (a.path < b.path ? -1 : 1));
  return files;
}

/**
 * A sample of the corpus: every `every`-th file (in path order), hard-linked into its own
 * folder with the same layout, so it holds the same mix of packages and file sizes at a
 * fraction of the bytes, costs no disk, and shares the page cache with the full corpus.
 */
export function ensureSample(root, files, every) {
  const sampleRoot = path.join(cacheDir, 'corpus', `sample-1-in-${every}`);
  const chosen = files.filter((_, i) => i % every === 0);
  const mapped = chosen.map((f) => ({ path: path.join(sampleRoot, path.relative(root, f.path)), size: f.size }));
  const stamp = path.join(cacheDir, 'corpus', `sample-1-in-${every}.stamp`);
  const expected = `${chosen.length}:${chosen.reduce((sum, f) => sum + f.size, 0)}`;
  if (!(existsSync(stamp) && readFileSync(stamp, 'utf8') === expected)) {
    rmSync(sampleRoot, { recursive: true, force: true });
    chosen.forEach((f, i) => {
      mkdirSync(path.dirname(mapped[i].path), { recursive: true });
      linkSync(f.path, mapped[i].path);
    });
    writeFileSync(stamp, expected);
  }
  return { root: sampleRoot, files: mapped };
}
