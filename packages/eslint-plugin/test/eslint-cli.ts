/**
 * The real ESLint CLI over a small project written to a temp dir the way users lay one out
 * (package.json, framework folders, a `.git` root), with `keyguard.configs.recommended` and
 * the typescript-eslint parser. The plugin is the built one (packages/eslint-plugin/dist),
 * loaded the way ESLint loads any plugin.
 */
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const workspaceRoot = fileURLToPath(new URL('../../..', import.meta.url));
const pluginDist = join(workspaceRoot, 'packages/eslint-plugin/dist/index.js');
const eslintBin = join(workspaceRoot, 'node_modules/eslint/bin/eslint.js');
const parser = join(workspaceRoot, 'node_modules/@typescript-eslint/parser/dist/index.js');

export interface Finding {
  /** Path relative to the project root, with `/`. */
  file: string;
  ruleId: string | null;
  line: number;
  message: string;
  suggestions: string[];
  /** The first suggestion's edit, to apply it. */
  suggestionFix?: { range: [number, number]; text: string };
}

export interface LintRun {
  findings: Finding[];
  /** ESLint's exit code: 0 clean, 1 problems found, 2 crashed. */
  status: number | null;
  stderr: string;
  /** ESLint's stdout with each of `LintOptions.formats` (`stylish`, `json`, …), as printed. */
  printed: Record<string, string>;
}

/** A file's text; `null` makes a folder (e.g. a SvelteKit route named `package.json`). */
export type ProjectFiles = Record<string, string | null>;

export interface LintOptions {
  /** Extra ESLint config objects (as source text) placed after keyguard's recommended. */
  extraConfig?: string;
  /**
   * A framework's own configs, placed before keyguard's as users place them: `imports` are import
   * statements (see `workspaceImport`), `configs` config objects or spreads, as source text.
   */
  frameworkConfig?: { imports: string; configs: string };
  /** Leave out the typescript-eslint parser block (a project that lints JavaScript only). */
  withoutTypescriptParser?: boolean;
  /** Runs between writing the files and linting (chmod, symlinks). */
  prepare?: (root: string) => void;
  /** Lint only these paths (relative); default the whole project. */
  targets?: string[];
  /** Runs after linting, before the project is removed (apply fixes, run tsc). */
  inspect?: (root: string, run: LintRun) => void;
  /** Formatters to run again with, keeping what each prints (`run.printed`). */
  formats?: string[];
}

/** Writes `files` to a fresh git-rooted temp project, lints it, removes it. */
export function lintProject(files: ProjectFiles, options: LintOptions = {}): LintRun {
  if (!existsSync(pluginDist)) {
    throw new Error(`${pluginDist} is missing: run \`npx -y pnpm@10.34.9 build\` before the ESLint CLI tests`);
  }
  const root = mkdtempSync(join(tmpdir(), 'keyguard-eslint-project-'));
  try {
    mkdirSync(join(root, '.git'));
    for (const [file, text] of Object.entries(files)) {
      const target = join(root, file);
      if (text === null) {
        mkdirSync(target, { recursive: true });
      } else {
        mkdirSync(dirname(target), { recursive: true });
        writeFileSync(target, text);
      }
    }
    writeFileSync(
      join(root, 'eslint.config.mjs'),
      `import keyguard from ${JSON.stringify(pathToFileURL(pluginDist).href)};
import * as parser from ${JSON.stringify(pathToFileURL(parser).href)};
${options.frameworkConfig?.imports ?? ''}
export default [
  ${options.withoutTypescriptParser === true ? '' : "{ files: ['**/*.{js,jsx,mjs,cjs,ts,tsx,mts,cts}'], languageOptions: { parser, parserOptions: { ecmaFeatures: { jsx: true } } } },"}
  { ignores: ['eslint.config.mjs'] },
  ${options.frameworkConfig?.configs ?? ''}
  ...keyguard.configs.recommended,
  ${options.extraConfig ?? ''}
];
`,
    );
    options.prepare?.(root);
    const eslint = (format: string) =>
      spawnSync(process.execPath, [eslintBin, '--format', format, ...(options.targets ?? ['.'])], {
        cwd: root,
        encoding: 'utf8',
        maxBuffer: 64 * 1024 * 1024,
      });
    const result = eslint('json');
    const printed = Object.fromEntries((options.formats ?? []).map((format) => [format, eslint(format).stdout]));
    const parsed = result.status === 0 || result.status === 1 ? (JSON.parse(result.stdout) as EslintResult[]) : [];
    const findings = parsed.flatMap((fileResult) =>
      fileResult.messages.map((message) => ({
        file: relative(root, fileResult.filePath).split('\\').join('/'),
        ruleId: message.ruleId,
        line: message.line,
        message: message.message,
        suggestions: (message.suggestions ?? []).map((suggestion) => suggestion.fix.text),
        ...(message.suggestions?.[0] !== undefined ? { suggestionFix: message.suggestions[0].fix } : {}),
      })),
    );
    const run = { findings, status: result.status, stderr: result.stderr, printed };
    options.inspect?.(root, run);
    return run;
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

interface EslintResult {
  filePath: string;
  messages: Array<{ ruleId: string | null; line: number; message: string; suggestions?: Array<{ fix: { range: [number, number]; text: string } }> }>;
}

/**
 * `import <binding> from '<package>'` for a test project's eslint.config.mjs, with the package as
 * this workspace installs it (a devDependency of the root: eslint-plugin-vue, eslint-plugin-svelte).
 */
export function workspaceImport(binding: string, packageName: string): string {
  const resolved = createRequire(join(workspaceRoot, 'package.json')).resolve(packageName);
  return `import ${binding} from ${JSON.stringify(pathToFileURL(resolved).href)};`;
}

/** `eslint --print-config <file>` in a project: the parser ESLint gives the file (its meta name). */
export function parserFor(root: string, file: string): string | undefined {
  const result = spawnSync(process.execPath, [eslintBin, '--print-config', file], { cwd: root, encoding: 'utf8' });
  const config = JSON.parse(result.stdout) as { languageOptions?: { parser?: string } };
  return config.languageOptions?.parser;
}

/** The keyguard checkout (for its TypeScript and @types). */
export const workspace = { root: workspaceRoot };

/** `[file, ruleId]` pairs, the shape most assertions compare. */
export function where(run: LintRun): Array<[string, string | null]> {
  return run.findings.map((finding) => [finding.file, finding.ruleId]);
}
