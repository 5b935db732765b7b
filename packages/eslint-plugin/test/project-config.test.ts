import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ESLint, Linter } from 'eslint';
import { fingerprint } from '@keyguard/core';
import { describe, expect, it } from 'vitest';
import { testSecret } from '@keyguard/core/testing';
import plugin from '../src/index.js';
import { workspace } from './eslint-cli.js';
import { inProject } from './rule-tester.js';

describe('the project keyguard config', () => {
  it('a broken package.json#keyguard is one lint message naming the file and the problem, not a crash', () => {
    const messages = new Linter({ cwd: '/' }).verify(
      "const a = 'value';",
      plugin.configs.recommended,
      inProject('broken-config', 'src/index.ts'),
    );
    expect(messages.map((m) => [m.ruleId, m.line])).toEqual([['@keyguard/no-hardcoded-api-key', 1]]);
    expect(messages[0]?.message).toMatch(/broken-config\/package\.json#keyguard: .*disabledRules/);
  });

  it('a catastrophic allow.values regex is one lint message naming the config, before it can hang the editor', () => {
    const dir = mkdtempSync(join(tmpdir(), 'keyguard-redos-'));
    try {
      mkdirSync(join(dir, '.git'));
      writeFileSync(join(dir, 'keyguard.config.json'), JSON.stringify({ allow: { values: ['(a|a)*$'] } }));
      const messages = new Linter({ cwd: dir }).verify(
        `const a = '${'a'.repeat(40)}b';`,
        plugin.configs.recommended,
        join(dir, 'src/index.ts'),
      );
      expect(messages.map((m) => m.message)).toEqual([expect.stringMatching(/keyguard\.config\.json: "allow\.values\[0\]" may backtrack catastrophically/)]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('the built plugin loads its ReDoS check (dist/regex-safety.cjs) only for a config that brings regexes, and still reports a catastrophic one', () => {
    const dir = mkdtempSync(join(tmpdir(), 'keyguard-lazy-redos-'));
    try {
      for (const [name, config] of [['plain', { disabledRules: ['github-pat'] }], ['regexes', { allow: { values: ['(a|a)*$'] } }]] as const) {
        mkdirSync(join(dir, name, '.git'), { recursive: true });
        writeFileSync(join(dir, name, 'keyguard.config.json'), JSON.stringify(config));
        writeFileSync(join(dir, name, 'index.js'), "export const a = 'not a key at all';\n");
      }
      // The real ESLint API with the bundled plugin, in a process of its own: which modules it loaded.
      const script = [
        "import { createRequire } from 'node:module';",
        "import { ESLint } from 'eslint';",
        `const { default: keyguard } = await import(${JSON.stringify(join(workspace.root, 'packages/eslint-plugin/dist/index.js'))});`,
        'const out = {};',
        "for (const name of ['plain', 'regexes']) {",
        `  const cwd = ${JSON.stringify(dir)} + '/' + name;`,
        "  const eslint = new ESLint({ cwd, overrideConfigFile: true, overrideConfig: keyguard.configs.recommended });",
        "  const [result] = await eslint.lintFiles(['index.js']);",
        "  out[name] = { messages: result.messages.map((m) => m.message), chunk: Object.keys(createRequire(import.meta.url).cache).some((file) => file.endsWith('regex-safety.cjs')) };",
        '}',
        'console.log(JSON.stringify(out));',
      ].join('\n');
      const run = spawnSync(process.execPath, ['--input-type=module', '-e', script], { cwd: join(workspace.root, 'packages/eslint-plugin'), encoding: 'utf8' });
      expect(run.stderr).toBe('');
      const out = JSON.parse(run.stdout) as Record<string, { messages: string[]; chunk: boolean }>;
      expect(out.plain).toEqual({ messages: [], chunk: false });
      expect(out.regexes?.chunk).toBe(true);
      expect(out.regexes?.messages).toEqual([expect.stringMatching(/keyguard\.config\.json: "allow\.values\[0\]" may backtrack catastrophically/)]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('allow.fingerprints hides exactly the allowed secret, as keyguard scan does', () => {
    const allowed = testSecret('github-pat', 1);
    const other = testSecret('github-pat', 2);
    const dir = mkdtempSync(join(tmpdir(), 'keyguard-eslint-allow-'));
    try {
      mkdirSync(join(dir, '.git'));
      const lint = (project: string) =>
        new Linter({ cwd: project })
          .verify(
            `const token = '${allowed}';\nconst second = '${other}';\n`,
            plugin.configs.recommended,
            join(project, 'src/server.ts'),
          )
          .map((m) => [m.ruleId, m.line]);
      const rule = '@keyguard/no-hardcoded-api-key';
      expect(lint(dir)).toEqual([[rule, 1], [rule, 2]]);
      mkdirSync(join(dir, 'allowing/.git'), { recursive: true });
      writeFileSync(join(dir, 'allowing/keyguard.config.json'), JSON.stringify({ allow: { fingerprints: [fingerprint('github-pat', allowed)] } }));
      expect(lint(join(dir, 'allowing'))).toEqual([[rule, 2]]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('one process that lints again after each edit (an editor\'s language server) sees a config edited, created or removed', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'keyguard-config-edits-'));
    try {
      mkdirSync(join(dir, '.git'));
      mkdirSync(join(dir, 'src'));
      writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'app', private: true }));
      const eslint = new ESLint({ cwd: dir, overrideConfigFile: true, overrideConfig: plugin.configs.recommended });
      const code = `export const token = '${testSecret('github-pat')}';\n`;
      const lint = async () => (await eslint.lintText(code, { filePath: join(dir, 'src/server.ts') }))[0]?.messages.map((m) => m.ruleId);
      /** Writes a file as an editor saving a second later would: same size maybe, a later mtime. */
      let clock = Math.floor(statSync(dir).mtimeMs / 1000);
      const save = (file: string, text: string) => {
        writeFileSync(join(dir, file), text);
        clock += 1;
        utimesSync(join(dir, file), clock, clock);
      };
      const rule = '@keyguard/no-hardcoded-api-key';
      expect(await lint()).toEqual([rule]);
      save('keyguard.config.json', JSON.stringify({ allow: { paths: ['src/**'] } }));
      expect(await lint()).toEqual([]);
      // the same size, another glob: only the time says it changed
      save('keyguard.config.json', JSON.stringify({ allow: { paths: ['lib/**'] } }));
      expect(await lint()).toEqual([rule]);
      rmSync(join(dir, 'keyguard.config.json'));
      save('package.json', JSON.stringify({ name: 'app', private: true, keyguard: { allow: { paths: ['src/*.ts'] } } }));
      expect(await lint()).toEqual([]);
      save('src/package.json', JSON.stringify({ name: 'inner', keyguard: { disabledRules: [] } }));
      expect(await lint()).toEqual([rule]);
      save('src/package.json', '{ "name": "inner", "keyguard": { "disabledRules": 7 } }');
      expect((await eslint.lintText(code, { filePath: join(dir, 'src/server.ts') }))[0]?.messages[0]?.message).toMatch(/src\/package\.json#keyguard/);
      rmSync(join(dir, 'src/package.json'));
      expect(await lint()).toEqual([]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
