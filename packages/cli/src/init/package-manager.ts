/** Which package manager a repo uses, from its packageManager field or its lockfile. */
import { existsSync } from 'node:fs';
import { join } from 'node:path';

export type PackageManagerName = 'npm' | 'pnpm' | 'yarn' | 'bun';

export interface PackageManager {
  name: PackageManagerName;
  /** Why we think so, for the printed summary. */
  evidence: string;
  /** Yarn 2+ (berry) has no `-W`: its workspace root takes dependencies without it. */
  yarnBerry?: boolean;
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
    const [name, version = ''] = field.split('@');
    if (name === 'yarn') {
      const major = Number(version.split('.')[0]);
      return { name, evidence: `packageManager "${field}" in package.json`, yarnBerry: major >= 2 || (Number.isNaN(major) && isBerry(root)) };
    }
    if (name === 'npm' || name === 'pnpm' || name === 'bun') {
      return { name, evidence: `packageManager "${field}" in package.json` };
    }
  }
  for (const [file, name] of lockfiles) {
    if (existsSync(join(root, file))) return name === 'yarn' ? { name, evidence: file, yarnBerry: isBerry(root) } : { name, evidence: file };
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
  return existsSync(join(root, '.yarnrc.yml'));
}
