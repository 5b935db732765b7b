// Lints files one at a time, in the order given, with the real ESLint API and one ESLint
// instance (the configs are loaded once, as the CLI does): `node eslint-in-order.mjs
// <eslint's lib/api.js> <config> <output.json> <file>...`. The CLI reads up to 100 files at once
// and lints each as its read completes, so the order, and with it what V8 has compiled when,
// varies from run to run; counted instructions must not. Writes the results as the CLI's JSON
// format does (file path and messages).
import { writeFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';

const [eslintApi, config, output, ...files] = process.argv.slice(2);
const { ESLint } = await import(pathToFileURL(eslintApi).href);
const eslint = new ESLint({ overrideConfigFile: config });
const results = [];
for (const file of files) results.push(...(await eslint.lintFiles([file])));
writeFileSync(output, JSON.stringify(results.map(({ filePath, messages }) => ({ filePath, messages }))));
