// secretlint with its recommended preset, installed into the bench cache (never the
// workspace). The current release: 13.x declares Node 22 in its engines, so npm prints an
// engines warning on Node 20.19+, and it runs there all the same.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { cacheDir } from './paths.mjs';

export const secretlintVersion = '13.0.6';
const packages = {
  secretlint: secretlintVersion,
  '@secretlint/secretlint-rule-preset-recommend': secretlintVersion,
};

const toolDir = path.join(cacheDir, 'secretlint');
const stampFile = path.join(toolDir, 'stamp.json');

/**
 * Installs secretlint once; returns its bin, the folder whose node_modules holds the
 * preset, and a config file that enables the preset.
 */
export function ensureSecretlint(log = (m) => process.stderr.write(`${m}\n`)) {
  const stamp = JSON.stringify(packages);
  if (!(existsSync(stampFile) && readFileSync(stampFile, 'utf8') === stamp)) {
    log(`secretlint: installing secretlint@${secretlintVersion} into ${toolDir} (once)`);
    mkdirSync(toolDir, { recursive: true });
    writeFileSync(
      path.join(toolDir, 'package.json'),
      JSON.stringify({ name: 'keyguard-bench-secretlint', private: true, dependencies: packages }, null, 2),
    );
    execFileSync('npm', ['install', '--no-audit', '--no-fund', '--loglevel=error'], {
      cwd: toolDir,
      stdio: ['ignore', 'inherit', 'inherit'],
    });
    writeFileSync(stampFile, stamp);
  }
  const config = path.join(toolDir, '.secretlintrc.json');
  writeFileSync(config, JSON.stringify({ rules: [{ id: '@secretlint/secretlint-rule-preset-recommend' }] }, null, 2));
  return {
    version: secretlintVersion,
    bin: path.join(toolDir, 'node_modules', 'secretlint', 'bin', 'secretlint.js'),
    nodeModules: path.join(toolDir, 'node_modules'),
    config,
    dir: toolDir,
  };
}
