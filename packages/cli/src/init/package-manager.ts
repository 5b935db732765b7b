/** Which package manager a repo uses, from its packageManager field or its lockfile. */
import { existsSync, readFileSync } from 'node:fs';
import { delimiter, join } from 'node:path';

export type PackageManagerName = 'npm' | 'pnpm' | 'yarn' | 'bun';

export interface PackageManager {
  name: PackageManagerName;
  /** Why we think so, for the printed summary. */
  evidence: string;
  /** Yarn 2+ (berry) has no `-W`: its workspace root takes dependencies without it. */
  yarnBerry?: boolean;
  /** Yarn 2+ with Plug'n'Play (no node_modules, no .bin): hooks run tools through `yarn`. */
  pnp?: boolean;
  /** The version pinned by the packageManager field, if any. */
  version?: string;
}

const lockfiles: Array<[string, PackageManagerName]> = [
  ['pnpm-lock.yaml', 'pnpm'],
  ['yarn.lock', 'yarn'],
  ['bun.lock', 'bun'],
  ['bun.lockb', 'bun'],
  ['package-lock.json', 'npm'],
  ['npm-shrinkwrap.json', 'npm'],
];

export function detectPackageManager(root: string, manifest: Record<string, unknown>): PackageManager {
  const field = manifest.packageManager;
  if (typeof field === 'string') {
    const [name, full = ''] = field.split('@');
    const version = full.split('+')[0] || undefined;
    if (name === 'yarn') {
      const major = Number((version ?? '').split('.')[0]);
      const yarnBerry = major >= 2 || (Number.isNaN(major) && isBerry(root));
      return { name, evidence: `packageManager "${field}" in package.json`, yarnBerry, pnp: yarnBerry && isPnp(root), version };
    }
    if (name === 'npm' || name === 'pnpm' || name === 'bun') {
      return { name, evidence: `packageManager "${field}" in package.json`, version };
    }
  }
  for (const [file, name] of lockfiles) {
    if (!existsSync(join(root, file))) continue;
    if (name !== 'yarn') return { name, evidence: file };
    const yarnBerry = isBerry(root);
    return { name, evidence: file, yarnBerry, pnp: yarnBerry && isPnp(root) };
  }
  if (existsSync(join(root, 'pnpm-workspace.yaml'))) return { name: 'pnpm', evidence: 'pnpm-workspace.yaml' };
  return { name: 'npm', evidence: 'no lockfile, the default' };
}

/** The command that adds dev dependencies at the root (of a workspace, too). */
export function addDevCommand(pm: PackageManager, packages: string[], workspaceRoot: boolean): [string, string[]] {
  switch (pm.name) {
    case 'pnpm':
      return ['pnpm', ['add', '-D', ...(workspaceRoot ? ['-w'] : []), ...packages]];
    case 'yarn':
      return ['yarn', ['add', '-D', ...(workspaceRoot && !pm.yarnBerry ? ['-W'] : []), ...packages]];
    case 'bun':
      return ['bun', ['add', '-d', ...packages]];
    case 'npm':
      return ['npm', ['install', '--save-dev', ...packages]];
  }
}

function isBerry(root: string): boolean {
  return existsSync(join(root, '.yarnrc.yml')) || existsSync(join(root, '.pnp.cjs'));
}

/** Yarn 2+ uses Plug'n'Play unless .yarnrc.yml says `nodeLinker: node-modules` (or pnpm). */
function isPnp(root: string): boolean {
  let rc = '';
  try {
    rc = readFileSync(join(root, '.yarnrc.yml'), 'utf8');
  } catch {
    // no .yarnrc.yml: the default linker, pnp
  }
  const linker = /^nodeLinker:\s*["']?([\w-]+)/m.exec(rc)?.[1];
  return linker === undefined || linker === 'pnp';
}

/** Whether `command` is an executable on PATH (what spawn would find). */
export function onPath(command: string, path = process.env.PATH ?? ''): boolean {
  const extensions = process.platform === 'win32' ? ['.cmd', '.exe', ''] : [''];
  return path.split(delimiter).some((dir) => dir !== '' && extensions.some((ext) => existsSync(join(dir, `${command}${ext}`))));
}

/**
 * How to run the package manager the way its users do: the one on PATH, else through npx at
 * the version the packageManager field pins (what corepack would run), else the current major.
 * npm itself comes with Node.
 */
export function packageManagerCommand(pm: PackageManager, path = process.env.PATH ?? ''): string[] {
  if (pm.name === 'npm' || onPath(pm.name, path)) return [pm.name];
  switch (pm.name) {
    case 'pnpm':
      return ['npx', '-y', `pnpm@${pm.version ?? '10'}`];
    case 'yarn':
      return pm.yarnBerry ? ['npx', '-y', '-p', `@yarnpkg/cli-dist@${pm.version ?? '4'}`, 'yarn'] : ['npx', '-y', `yarn@${pm.version ?? '1'}`];
    case 'bun':
      return ['bun'];
  }
}
