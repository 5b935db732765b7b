/**
 * The parser the shared configs set on TypeScript files only, so `[keyguard.configs.recommended]`
 * alone lints TypeScript: it hands each file to the project's @typescript-eslint/parser, the
 * very module typescript-eslint's own configs use when the project has them (so placed after
 * them it changes nothing), and without one a TypeScript file is a parsing error that says what
 * to install, never a file skipped in silence. JavaScript files get no parser from keyguard:
 * they keep whatever the user's other configs (or ESLint's default, espree) give them.
 */
import type { Linter } from 'eslint';
import { createRequire } from 'node:module';
import path from 'node:path';

interface LoadedParser {
  parse?: (code: string, options?: Record<string, unknown>) => unknown;
  parseForESLint?: (code: string, options?: Record<string, unknown>) => { ast: unknown };
}

export const typescriptFiles = ['**/*.{ts,tsx,mts,cts}'];
/**
 * Svelte 5 rune modules (`counter.svelte.ts`) are TypeScript that eslint-plugin-svelte's configs give
 * to svelte-eslint-parser, whose scope knows `$state`, `$derived`, …: keyguard's parser block leaves
 * them to it (placed after it, it would have replaced it for every rule).
 */
export const svelteModuleFiles = ['**/*.svelte.{ts,mts,cts}'];
/**
 * The `<script>` tags of an Astro component, which eslint-plugin-astro's processor hands to ESLint as
 * virtual files named `Component.astro/<n>.ts` (or `.js`) with typescript-eslint's parser set on them:
 * keyguard's parser block leaves them to that config, as it leaves rune modules to svelte-eslint-parser.
 */
export const astroScriptFiles = ['**/*.astro/*.{ts,mts,cts}'];
/**
 * Vue single-file components, Svelte components and Astro components: keyguard sets no parser on
 * them. The framework's own ESLint config (eslint-plugin-vue's `flat/*`, eslint-plugin-svelte's
 * `recommended`, Nuxt's `@nuxt/eslint`, eslint-plugin-astro's `recommended`) sets vue-eslint-parser /
 * svelte-eslint-parser / astro-eslint-parser, and
 * keyguard's rules read the `<script>` AST those give (and the template, where the parser
 * exposes it). Without such a parser ESLint reports a parsing error on each of these files:
 * never a component skipped in silence.
 */
export const componentFiles = ['**/*.vue', '**/*.svelte', '**/*.astro'];
export const lintedFiles = ['**/*.{js,jsx,mjs,cjs,ts,tsx,mts,cts}', ...componentFiles];

/**
 * @typescript-eslint/parser as the project sees it (from ESLint's cwd), else as the plugin does:
 * first the one `typescript-eslint` depends on (what `tseslint.configs.*` set, and under pnpm
 * the only one a project with `typescript-eslint` can reach), then a direct dependency.
 */
function loadTypescriptParser(): LoadedParser | undefined {
  for (const base of [path.join(process.cwd(), 'package.json'), import.meta.url]) {
    const from = createRequire(base);
    for (const load of [
      () => createRequire(from.resolve('typescript-eslint'))('@typescript-eslint/parser'),
      () => from('@typescript-eslint/parser'),
    ]) {
      try {
        return load() as LoadedParser;
      } catch {
        // not installed there: try the next way
      }
    }
  }
  return undefined;
}

let typescript: LoadedParser | null | undefined;

function typescriptParser(): LoadedParser | undefined {
  if (typescript === undefined) typescript = loadTypescriptParser() ?? null;
  return typescript ?? undefined;
}

export const parser: Linter.Parser = {
  meta: { name: '@keyguard/eslint-plugin/parser', version: '2' },
  parseForESLint(code: string, options: Record<string, unknown> = {}) {
    const ts = typescriptParser();
    if (ts === undefined) {
      const file = typeof options.filePath === 'string' ? path.basename(options.filePath) : 'This file';
      throw new Error(
        `${file} is TypeScript and @typescript-eslint/parser is not installed: ` +
          'run `npm install --save-dev typescript-eslint` (or @typescript-eslint/parser) so keyguard.configs.recommended can parse it',
      );
    }
    if (ts.parseForESLint) return ts.parseForESLint(code, options);
    return { ast: ts.parse?.(code, options) };
  },
};
