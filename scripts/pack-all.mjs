// `pnpm pack:all`: builds nothing, packs what `pnpm build` built. Writes the two packages a user
// installs, under names without the version so the README's install line never changes:
//   packed/keyguard-cli.tgz  packed/keyguard-eslint-plugin.tgz
// Each is self-contained (the engine is bundled in), so they install from the tarballs alone.
// `node scripts/pack-all.mjs <dir>` writes them into <dir>/packed instead (the tests do).
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const out = join(process.argv[2] ?? root, 'packed');
const packages = [
  ['packages/cli', 'keyguard-cli.tgz', 'dist/keyguard.cjs'],
  ['packages/eslint-plugin', 'keyguard-eslint-plugin.tgz', 'dist/index.js'],
];
// pnpm pack turns workspace:* into real versions; run the pnpm that runs us when there is one.
const execPath = process.env.npm_execpath ?? '';
const [command, prefix] = /pnpm/.test(execPath) ? [process.execPath, [execPath]] : ['npx', ['-y', 'pnpm@10.34.9']];

mkdirSync(out, { recursive: true });
for (const [dir, name, entry] of packages) {
  if (!existsSync(join(root, dir, entry))) {
    console.error(`${dir}/${entry} is missing: run \`npx -y pnpm@10.34.9 build\` first`);
    process.exit(2);
  }
  const scratch = mkdtempSync(join(tmpdir(), 'keyguard-pack-'));
  execFileSync(command, [...prefix, 'pack', '--pack-destination', scratch], { cwd: join(root, dir), stdio: ['ignore', 'ignore', 'inherit'] });
  const [tarball] = readdirSync(scratch).filter((file) => file.endsWith('.tgz'));
  if (tarball === undefined) throw new Error(`pnpm pack wrote no tarball for ${dir}`);
  renameSync(join(scratch, tarball), join(out, name));
  rmSync(scratch, { recursive: true, force: true });
  console.log(join(out, name));
}
