// `pnpm demo`: generates a small Next.js-like app with the mistakes keyguard exists to catch,
// makes it a git repo, and runs the real `keyguard scan` on it — first the text report a
// developer reads, then the JSON summary a script reads, then the commit-time check.
// Keys are assembled from parts with random bodies at run time: this repository holds none.
import { execFileSync, spawnSync } from 'node:child_process';
import { randomInt } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const cli = fileURLToPath(new URL('../packages/cli/bin/keyguard.js', import.meta.url));
const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const body = (length, alphabet = ALNUM) => Array.from({ length }, () => alphabet[randomInt(alphabet.length)]).join('');

const keys = {
  deframe: body(40),
  awsId: ['AK', 'IA'].join('') + body(16, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567'),
  awsSecret: body(40, `${ALNUM}/+`),
  stripe: ['sk', '_li', 've_'].join('') + body(32),
  deframeInEnv: body(40),
};

const project = {
  'package.json': JSON.stringify({ name: 'deframe-dashboard', private: true, scripts: { dev: 'next dev' } }, null, 2) + '\n',
  '.gitignore': 'node_modules/\n.next/\n',
  'README.md': '# Deframe dashboard\n\nSet `DEFRAME_API_KEY` in `.env.local` (see `.env.example`).\n',
  // A client component calling the Deframe API with a hardcoded key: it would ship to every browser.
  'app/portfolio/page.tsx': `'use client';

import { useEffect, useState } from 'react';

export default function Portfolio() {
  const [positions, setPositions] = useState([]);
  useEffect(() => {
    fetch('https://api.deframe.io/v1/positions', {
      headers: { 'x-api-key': '${keys.deframe}' },
    })
      .then((response) => response.json())
      .then(setPositions);
  }, []);
  return <pre>{JSON.stringify(positions, null, 2)}</pre>;
}
`,
  // AWS credentials in a config file.
  'config/storage.ts': `export const storage = {
  region: 'eu-west-1',
  bucket: 'deframe-dashboard-exports',
  accessKeyId: '${keys.awsId}',
  aws_secret_access_key: '${keys.awsSecret}',
};
`,
  // A Stripe secret key in a server route: server-side, but still hardcoded and committed.
  'app/api/checkout/route.ts': `import Stripe from 'stripe';

const stripe = new Stripe('${keys.stripe}');

export async function POST(request: Request) {
  const { priceId } = await request.json();
  const session = await stripe.checkout.sessions.create({ mode: 'subscription', line_items: [{ price: priceId, quantity: 1 }] });
  return Response.json({ url: session.url });
}
`,
  // A committed .env.local.
  '.env.local': `DEFRAME_API_KEY=${keys.deframeInEnv}\nNEXT_PUBLIC_APP_NAME=Deframe dashboard\n`,
  // Clean files: the right way, and placeholders.
  'lib/deframe.ts': `// Server-only: the key comes from the environment.
import 'server-only';

export async function deframe(path: string) {
  const response = await fetch(\`https://api.deframe.io\${path}\`, {
    headers: { 'x-api-key': process.env.DEFRAME_API_KEY ?? '' },
  });
  return response.json();
}
`,
  'app/layout.tsx': `export default function RootLayout({ children }: { children: React.ReactNode }) {
  return <html lang="en"><body>{children}</body></html>;
}
`,
  '.env.example': 'DEFRAME_API_KEY=your-deframe-api-key\nSTRIPE_SECRET_KEY=sk_live_xxxxxxxxxxxxxxxxxxxxxxxx\n',
  'docs/setup.md': 'Get a key from the Deframe dashboard and put it in `.env.local` as `DEFRAME_API_KEY=<your key>`.\n',
};

/** Where each planted mistake must be reported, and the clean files that must stay clean. */
const expected = [
  { file: 'app/portfolio/page.tsx', what: 'the Deframe key in a client component' },
  { file: 'config/storage.ts', what: 'the AWS keys in a config file' },
  { file: 'app/api/checkout/route.ts', what: 'the Stripe key in a server route' },
  { file: '.env.local', what: 'the committed .env.local', ruleId: 'env-file-committed' },
];
const clean = ['lib/deframe.ts', 'app/layout.tsx', '.env.example', 'docs/setup.md', 'README.md', 'package.json'];

const dir = mkdtempSync(join(tmpdir(), 'keyguard-demo-'));
const gitEnv = {
  ...process.env,
  GIT_AUTHOR_NAME: 'keyguard demo',
  GIT_AUTHOR_EMAIL: 'demo@keyguard.invalid',
  GIT_COMMITTER_NAME: 'keyguard demo',
  GIT_COMMITTER_EMAIL: 'demo@keyguard.invalid',
};
const git = (...args) => execFileSync('git', args, { cwd: dir, env: gitEnv, stdio: ['ignore', 'pipe', 'pipe'] });
const keyguard = (args, stdio = 'inherit') => spawnSync(process.execPath, [cli, ...args], { cwd: dir, env: gitEnv, stdio, encoding: 'utf8' });
const heading = (text) => console.log(`\n\u001b[1m== ${text}\u001b[22m\n`);

let failures = 0;
try {
  for (const [file, content] of Object.entries(project)) {
    mkdirSync(dirname(join(dir, file)), { recursive: true });
    writeFileSync(join(dir, file), content);
  }
  git('-c', 'init.defaultBranch=main', 'init', '-q');
  git('add', '-A');
  git('commit', '-q', '--no-verify', '-m', 'Deframe dashboard');
  console.log(`Generated an example project in ${dir}: ${Object.keys(project).length} files, committed to git.`);

  heading('keyguard scan (text)');
  const text = keyguard(['scan']);
  if (text.status !== 1) failures += report(`expected exit 1 (findings), got ${text.status}`);

  heading('keyguard scan --format json (summary)');
  const json = keyguard(['scan', '--format', 'json'], 'pipe');
  const result = JSON.parse(json.stdout);
  const counts = new Map();
  for (const finding of result.findings) counts.set(finding.ruleId, (counts.get(finding.ruleId) ?? 0) + 1);
  const byRule = [...counts].map(([rule, count]) => `${rule} ×${count}`);
  console.log(`version ${result.version}: ${result.findings.length} findings in ${new Set(result.findings.map((f) => f.file)).size} files`);
  console.log(`rules: ${byRule.join(', ')}`);
  console.log(`stats: ${result.stats.files} files, ${result.stats.bytes} bytes, ${result.stats.durationMs} ms, ${result.stats.skipped.length} skipped`);
  for (const { file, what, ruleId } of expected) {
    const found = result.findings.some((finding) => finding.file === file && (!ruleId || finding.ruleId === ruleId));
    console.log(`  ${found ? '✔' : '✖'} found ${what} (${file})`);
    if (!found) failures++;
  }
  for (const file of clean) {
    const flagged = result.findings.filter((finding) => finding.file === file);
    if (flagged.length > 0) failures += report(`false positive in clean file ${file}: ${flagged.map((f) => f.ruleId).join(', ')}`);
  }
  const leaked = Object.values(keys).filter((key) => (text.stdout ?? '').includes(key) || json.stdout.includes(key));
  if (leaked.length > 0) failures += report(`${leaked.length} secret(s) printed whole`);

  heading('git commit time: keyguard scan --staged');
  console.log('A developer pastes a new key into a server file and stages it; the pre-commit hook runs:\n');
  writeFileSync(join(dir, 'lib/admin.ts'), `export const adminKey = '${['sk', '_li', 've_'].join('')}${body(32)}';\n`);
  git('add', 'lib/admin.ts');
  const staged = keyguard(['scan', '--staged']);
  if (staged.status !== 1) failures += report(`expected the staged scan to block (exit 1), got ${staged.status}`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}

function report(problem) {
  console.error(`demo: ${problem}`);
  return 1;
}

console.log(failures === 0 ? '\ndemo: keyguard found every planted key and nothing else (exit 1 from the scans is the expected outcome).' : `\ndemo: ${failures} problem(s)`);
process.exitCode = failures === 0 ? 0 : 1;
