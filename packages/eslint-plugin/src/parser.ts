/**
 * The parser of the shared configs, so `export default [keyguard.configs.recommended]` lints
 * TypeScript as well as JavaScript without any other setup: TypeScript files go to
 * @typescript-eslint/parser (the user's, found from ESLint's cwd, else next to the plugin),
 * JavaScript files to espree, ESLint's own default parser, with JSX on. Without
 * @typescript-eslint/parser a TypeScript file is a parsing error that says what to install,
 * never a file skipped in silence.
 */
import type { Linter } from 'eslint';
import { createRequire } from 'node:module';
import path from 'node:path';

interface LoadedParser {
  parse?: (code: string, options?: Record<string, unknown>) => unknown;
  parseForESLint?: (code: string, options?: Record<string, unknown>) => { ast: unknown };
}

export const TYPESCRIPT_FILE = /\.[cm]?tsx?$/i;
export const lintedFiles = ['**/*.{js,jsx,mjs,cjs,ts,tsx,mts,cts}'];

/** Loads `id` as the user's project sees it (from ESLint's cwd), else as the plugin sees it. */
function load(id: string, from?: string): LoadedParser | undefined {
  const bases = from !== undefined ? [from] : [path.join(process.cwd(), 'package.json'), import.meta.url];
  for (const base of bases) {
    try {
      return createRequire(base)(id) as LoadedParser;
    } catch {
      // try the next base
    }
  }
  return undefined;
}

let typescript: LoadedParser | null | undefined;
let espree: LoadedParser | null | undefined;

function typescriptParser(): LoadedParser | undefined {
  if (typescript === undefined) typescript = load('@typescript-eslint/parser') ?? null;
  return typescript ?? undefined;
}

/** espree, from the ESLint that runs us (it is ESLint's dependency, not ours). */
function espreeParser(): LoadedParser | undefined {
  if (espree === undefined) {
    let found: LoadedParser | undefined;
    for (const base of [path.join(process.cwd(), 'package.json'), import.meta.url]) {
      try {
        found = load('espree', createRequire(base).resolve('eslint'));
      } catch {
        // ESLint not resolvable from here: try the next base
      }
      if (found) break;
    }
    espree = found ?? null;
  }
  return espree ?? undefined;
}

function parseWith(parser: LoadedParser, code: string, options: Record<string, unknown>): { ast: unknown; scopeManager?: unknown } {
  if (parser.parseForESLint) return parser.parseForESLint(code, options);
  return { ast: parser.parse?.(code, options) };
}

export const parser: Linter.Parser = {
  meta: { name: '@keyguard/eslint-plugin/parser', version: '1' },
  parseForESLint(code: string, options: Record<string, unknown> = {}) {
    const file = typeof options.filePath === 'string' ? options.filePath : '';
    if (TYPESCRIPT_FILE.test(file)) {
      const ts = typescriptParser();
      if (ts === undefined) {
        throw new Error(
          `${path.basename(file)} is TypeScript and @typescript-eslint/parser is not installed: ` +
            'run `npm install --save-dev typescript-eslint` (or @typescript-eslint/parser) so keyguard.configs.recommended can parse it',
        );
      }
      return parseWith(ts, code, options)
    }
    const js = espreeParser() ?? typescriptParser();
    if (js === undefined) throw new Error(`${path.basename(file)}: neither espree (ESLint's parser) nor @typescript-eslint/parser could be loaded`);
    const ecmaFeatures = { jsx: true, ...(options.ecmaFeatures as Record<string, unknown> | undefined) };
    return parseWith(js, code, { ecmaVersion: 'latest', ...options, ecmaFeatures });
  },
};
