// One rule count everywhere: rewrites every "<N> key shapes" in the docs to the size of the
// built catalog (@keyguard/core's `rules`). `pnpm build` runs it, so adding a rule updates the
// docs; test/rule-count.test.ts fails when a doc says another number. `--check` only reports.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const documents = [
  'README.md',
  'packages/cli/README.md',
  'packages/core/README.md',
  'packages/eslint-plugin/README.md',
  ...readdirSync(join(root, 'docs')).filter((file) => file.endsWith('.md')).map((file) => `docs/${file}`),
];
const pattern = /\b(\d+)\+? key shapes\b/g;

const { rules } = await import(pathToFileURL(join(root, 'packages/core/dist/index.js')).href);
const count = rules.length;
const check = process.argv.includes('--check');
let stale = 0;
for (const document of documents) {
  const file = join(root, document);
  let text;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    continue;
  }
  const next = text.replace(pattern, `${count} key shapes`);
  if (next === text) continue;
  stale++;
  if (check) console.error(`${document}: says another number than the catalog's ${count} key shapes`);
  else writeFileSync(file, next);
}
if (check && stale > 0) process.exit(1);
