/**
 * Adding keyguard's config must not change what any other rule reports. The real ESLint CLI
 * over a small project laid out as the README shows it (typescript-eslint's recommended config,
 * then `keyguard.configs.recommended`), linted with and without keyguard's config: every
 * message of the other rules is the same, on JS, JSX, CJS, MJS, TS and TSX files. Before, the
 * config's own parser replaced typescript-eslint's for JavaScript files (espree), and JSX in a
 * `.js` file lost its `React` reference (2 extra `no-unused-vars` on excalidraw).
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { testSecret } from '@keyguard/core/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const workspaceRoot = fileURLToPath(new URL('../../..', import.meta.url));
const pluginDist = pathToFileURL(join(workspaceRoot, 'packages/eslint-plugin/dist/index.js')).href;
const eslintBin = join(workspaceRoot, 'node_modules/eslint/bin/eslint.js');

const key = testSecret('stripe-secret-key');
const files: Record<string, string> = {
  'package.json': JSON.stringify({ name: 'app', private: true, type: 'module' }),
  // JSX in .js (Create React App, Docusaurus): the classic runtime's React is used by the JSX.
  'src/App.js': "import React from 'react';\nimport { useState } from 'react';\nexport const App = () => <div>{React.version}</div>;\n",
  'src/Button.jsx': "import React from 'react';\nconst unused = 1;\nexport const Button = () => <button />;\n",
  'src/legacy.cjs': "const fs = require('node:fs');\nconst path = require('node:path');\nmodule.exports = { read: (f) => fs.readFileSync(f) };\n",
  'src/tool.mjs': "import fs from 'node:fs';\nlet count = 0;\nexport function tick(x) { if (x == null) return; count++; }\n",
  'src/keys.js': `export const stripe = '${key}';\nvar old = 1;\n`,
  'src/config.ts': `const stripe: string = '${key}';\nconst notUsed: any = 1;\nexport default stripe;\n`,
  'src/View.tsx': "import React from 'react';\nexport function View(props: any) { const extra = 1; return <div {...props} />; }\n",
};

/** The user's configs before keyguard's: typescript-eslint's (the README), or ESLint's own only. */
const setups = {
  'typescript-eslint': "js.configs.recommended,\n  tseslint.configs.recommended,",
  // A React project on espree turns JSX on itself (without it a file with JSX cannot be parsed).
  'espree (ESLint alone)': "js.configs.recommended,\n  { files: ['**/*.{js,jsx}'], languageOptions: { parserOptions: { ecmaFeatures: { jsx: true } } } },",
};
type Setup = keyof typeof setups;

const config = (setup: Setup, withKeyguard: boolean) => `import { defineConfig } from 'eslint/config';
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
${withKeyguard ? `import keyguard from ${JSON.stringify(pluginDist)};\n` : ''}
export default defineConfig([
  { files: ['**/*.{js,jsx,mjs,cjs,ts,tsx,mts,cts}'] },
  { ignores: ['eslint.config.*'${setup === 'typescript-eslint' ? '' : ", '**/*.{ts,tsx}'"}] },
  ${setups[setup]}
${withKeyguard ? '  keyguard.configs.recommended,\n' : ''}]);
`;

interface Message {
  ruleId: string | null;
  line: number;
  column: number;
  message: string;
}

let root: string;
beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'keyguard-other-rules-'));
  mkdirSync(join(root, '.git'));
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, file)), { recursive: true });
    writeFileSync(join(root, file), text);
  }
  // The project's own node_modules: ESLint, @eslint/js and typescript-eslint as installed here.
  symlinkSync(join(workspaceRoot, 'node_modules'), join(root, 'node_modules'), 'dir');
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

function lint(setup: Setup, withKeyguard: boolean): Record<string, Message[]> {
  writeFileSync(join(root, 'eslint.config.mjs'), config(setup, withKeyguard));
  const result = spawnSync(process.execPath, [eslintBin, '--format', 'json', '.'], { cwd: root, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (result.status !== 0 && result.status !== 1) throw new Error(`ESLint failed (${result.status}):\n${result.stderr}`);
  const parsed = JSON.parse(result.stdout) as Array<{ filePath: string; messages: Message[] }>;
  return Object.fromEntries(
    parsed.map((file) => [
      relative(root, file.filePath).split('\\').join('/'),
      file.messages.map(({ ruleId, line, column, message }) => ({ ruleId, line, column, message })),
    ]),
  );
}

describe("keyguard's recommended config after the user's own (the README's order)", () => {
  const others = (byFile: Record<string, Message[]>) =>
    Object.fromEntries(Object.entries(byFile).map(([file, messages]) => [file, messages.filter((m) => !m.ruleId?.startsWith('@keyguard/'))]));

  it.each(Object.keys(setups) as Setup[])("leaves every other rule's messages as they are without it, on every file kind (%s)", (setup) => {
    const without = lint(setup, false);
    const withKeyguard = lint(setup, true);
    const linted = Object.keys(files).filter((file) => file.startsWith('src/') && (setup === 'typescript-eslint' || !/\.tsx?$/.test(file)));
    // Every file gives some rule something to say, so "the same" is not "both empty".
    expect(Object.keys(without).sort()).toEqual(linted.sort());
    for (const [file, messages] of Object.entries(without)) {
      expect(messages.length, file).toBeGreaterThan(0);
      expect(messages.filter((m) => m.ruleId === null), file).toEqual([]);
    }
    expect(others(withKeyguard)).toEqual(without);
    // And keyguard ran.
    const ours = Object.entries(withKeyguard).flatMap(([file, messages]) => messages.filter((m) => m.ruleId?.startsWith('@keyguard/')).map((m) => `${file} ${m.ruleId}`));
    expect(ours).toEqual(setup === 'typescript-eslint' ? ['src/config.ts @keyguard/no-hardcoded-api-key', 'src/keys.js @keyguard/no-hardcoded-api-key'] : ['src/keys.js @keyguard/no-hardcoded-api-key']);
  });
});
