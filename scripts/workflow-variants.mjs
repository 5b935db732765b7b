// The pnpm and Yarn variants of examples/github-actions/keyguard.yml: the same workflow with
// the install and run lines of that package manager. `node scripts/workflow-variants.mjs`
// writes them; test/ci-docs.test.ts checks they are up to date.
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const dir = fileURLToPath(new URL('../examples/github-actions/', import.meta.url));
export const variants = {
  pnpm: [
    ['npm; the pnpm and Yarn\n# variants (keyguard-pnpm.yml, keyguard-yarn.yml) differ only in the install and run lines.', 'This is the\n# pnpm variant of keyguard.yml (npm): only the install and run lines differ.'],
    ['      - uses: actions/setup-node@v4\n', '      - uses: pnpm/action-setup@v4 # the pnpm version of package.json#packageManager\n      - uses: actions/setup-node@v4\n'],
    ['cache: npm', 'cache: pnpm'],
    ['- run: npm ci', '- run: pnpm install --frozen-lockfile'],
    [/npx --no-install /g, 'pnpm exec '],
  ],
  yarn: [
    ['npm; the pnpm and Yarn\n# variants (keyguard-pnpm.yml, keyguard-yarn.yml) differ only in the install and run lines.', 'This is the\n# Yarn (1 and 2+) variant of keyguard.yml (npm): only the install and run lines differ.'],
    ['      - uses: actions/setup-node@v4\n', '      - run: corepack enable # Yarn 2+ at the version of package.json#packageManager\n      - uses: actions/setup-node@v4\n'],
    ['cache: npm', 'cache: yarn'],
    ['- run: npm ci', '- run: yarn install --immutable # Yarn 1: yarn install --frozen-lockfile'],
    [/npx --no-install /g, 'yarn '],
  ],
};

export function variant(npmWorkflow, name) {
  let text = npmWorkflow;
  for (const [from, to] of variants[name]) {
    const next = text.replace(from, to);
    if (next === text) throw new Error(`keyguard.yml no longer contains ${from}: update scripts/workflow-variants.mjs`);
    text = next;
  }
  return text;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const npmWorkflow = readFileSync(`${dir}keyguard.yml`, 'utf8');
  for (const name of Object.keys(variants)) writeFileSync(`${dir}keyguard-${name}.yml`, variant(npmWorkflow, name));
}
