import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { lineStarts, parseDirective, type Classification, type IncompleteRegion } from '@keyguard/core';
import { staticString } from '../ast/static-string.js';
import { valueTarget, type ValueTarget } from '../ast/value-target.js';
import { audienceWords, clientVerdictAt, fileEnvironment } from '../client/environment.js';
import { isInServerOnlyCode } from '../client/server-only-code.js';
import { createRule } from '../create-rule.js';
import { envVarName } from '../env/env-var-name.js';
import { projectConfig } from '../project-config.js';
import { sharedScanner } from '../scanner.js';
import { declaredParameterName, sinkArgument, sinkName } from '../sinks/sdk-sinks.js';
import { stringList } from '../schema.js';

type Options = [{ allow?: string[]; includePublicKeys?: boolean }];
type MessageIds = 'hardcodedKey' | 'hardcodedKeyInClient' | 'useEnvVar' | 'brokenConfig';

/** Shorter strings cannot hold any key in the catalog; skipping them is most of the speed. */
const MIN_LENGTH = 8;
/** Longer than any key, PEM block or connection string: embedded data, not a credential. */
const MAX_LENGTH = 16_384;
const AUTH_SCHEME = /^(Bearer|Basic|Token)\s+/i;

export default createRule<Options, MessageIds>({
  name: 'no-hardcoded-api-key',
  meta: {
    type: 'problem',
    hasSuggestions: true,
    docs: {
      description: 'Disallow API keys and other secrets written into source code',
      recommended: true,
      strict: true,
    },
    schema: [
      {
        type: 'object',
        properties: {
          allow: stringList('Regular expressions (sources); a value matching one is never reported.'),
          includePublicKeys: {
            type: 'boolean',
            description: 'Also report keys that are public by design (Stripe pk_, Firebase web config, Sentry DSN).',
          },
        },
        additionalProperties: false,
      },
    ],
    defaultOptions: [{ allow: [], includePublicKeys: false }],
    messages: {
      hardcodedKey:
        '{{description}} ({{match}}) is hardcoded. Keys in source code end up in git history, bundles and logs; read it from a server-side environment variable or a secret manager instead.',
      hardcodedKeyInClient:
        '{{description}} ({{match}}) is hardcoded in client-side code ({{why}}), so it ships in {{bundle}}. An env var would ship there too: move the call that uses it behind a server route or server action that reads the key from a server-side environment variable.',
      useEnvVar: 'Read it from `process.env.{{envName}}` instead.',
      brokenConfig: 'keyguard could not use its project config, so this file was checked with the built-in defaults: {{problem}}. Fix the config (`keyguard scan` shows the same error).',
    },
  },
  create(context, [{ allow = [], includePublicKeys = false }]) {
    const { sourceCode } = context;
    const path = context.filename;
    const project = projectConfig(path, context.cwd);
    if (project.problem !== undefined) {
      context.report({ loc: { line: 1, column: 0 }, messageId: 'brokenConfig', data: { problem: project.problem } });
    }
    if (project.isAllowedPath(path)) return {};
    const scanner = sharedScanner(project, { allowValues: allow, includePublicKeys });
    const isTypeScript = /\.[cm]?tsx?$/.test(path);
    const honoursIgnores = project.config.inlineIgnores;
    let mentionsDeframe: boolean | undefined;
    /** Line → the rule ids directives name for it (empty: every rule). */
    let ignoredLines: Map<number, string[][]> | undefined;

    let fileVerdicts: FileVerdict[] | undefined;
    let unreadLines: IncompleteRegion[] | undefined;

    /**
     * What `keyguard scan` says about the text inside `range`: the whole file is scanned
     * once, as the CLI scans it, so a value is judged with its surrounding text (a Firebase
     * web config, a `keyguard-ignore` comment) and the editor and the hook agree. Scanning a
     * file costs about 20 times more than classifying its literals, so only a file with a
     * literal that `classify` flags on its own is scanned, and the scan has the last word.
     */
    function confirmedVerdict(range: TSESTree.Range, value: string, context: { name?: string; header?: string }): Classification | undefined {
      const alone = scanner.classify(value, { ...context, path });
      if (alone === undefined) return undefined;
      // where the file scan did not read (a file dense with keys past the engine's cap on
      // findings), the value judged on its own has the last word: never a silent pass
      return fileVerdict(range) ?? (unread(range) ? alone : undefined);
    }

    /** Whether the literal at `range` starts on a line the file scan reported as not read. */
    function unread(range: TSESTree.Range): boolean {
      if (unreadLines === undefined || unreadLines.length === 0) return false;
      const line = sourceCode.getLocFromIndex(range[0]).line;
      return unreadLines.some((region) => line >= region.line && line <= region.endLine);
    }

    function fileVerdict(range: TSESTree.Range): Classification | undefined {
      if (fileVerdicts === undefined) {
        const text = sourceCode.text;
        const starts = lineStarts(text);
        const scanned = scanner.scan(text, path);
        unreadLines = scanned.incomplete;
        fileVerdicts = scanned.findings.map((finding) => ({
          start: (starts[finding.line - 1] ?? 0) + finding.column - 1,
          end: (starts[finding.endLine - 1] ?? 0) + finding.endColumn - 1,
          classification: {
            ruleId: finding.ruleId,
            description: scanner.rules.find((rule) => rule.id === finding.ruleId)?.description ?? finding.ruleId,
            match: finding.match,
            fix: finding.fix,
            // read through: the finding hashes its fingerprint on first read, and lint reports never do
            get fingerprint() {
              return finding.fingerprint;
            },
          },
        }));
      }
      return fileVerdicts.find((verdict) => verdict.start >= range[0] && verdict.end <= range[1])?.classification;
    }

    function check(node: TSESTree.Node, value: string): void {
      if (value.length < MIN_LENGTH || value.length > MAX_LENGTH) return;
      const target = valueTarget(node);
      // A value assembled from parts (`'sk_live_' + '…'`) is one the CLI cannot see whole.
      const assembled = node.type === 'BinaryExpression';
      const context = { name: target.name, header: target.header };
      const classification = assembled ? scanner.classify(value, { ...context, path }) : confirmedVerdict(node.range, value, context);
      if (classification !== undefined) {
        if (!assembled || !isIgnored(node, classification.ruleId)) report(node, value, target, classification);
        return;
      }
      const flowed = flowVerdict(node, value);
      if (flowed !== undefined && !isIgnored(node, flowed.ruleId)) report(node, value, flowed.target, flowed);
    }

    let importedModules: Set<string> | undefined;
    function imports(): ReadonlySet<string> {
      if (importedModules === undefined) {
        importedModules = new Set();
        for (const statement of sourceCode.ast.body) {
          if (statement.type === 'ImportDeclaration') importedModules.add(statement.source.value);
        }
        for (const match of sourceCode.text.matchAll(/\brequire\(\s*['"]([^'"]+)['"]\s*\)/g)) importedModules.add(match[1] ?? '');
      }
      return importedModules;
    }

    /**
     * Where the value flows, when its text alone says nothing: a credential parameter of a
     * known SDK (or, with typed linting, of the callee's own declaration) gives core the
     * name to judge it by, and core's verdict is the verdict. (`Bearer <JWT>` in an
     * Authorization header needs no flow: core's `authorization-bearer-jwt` judges the text.)
     */
    function flowVerdict(node: TSESTree.Node, value: string): (Classification & { target: ValueTarget }) | undefined {
      const argument = sinkArgument(node);
      if (argument === undefined) return undefined;
      const name = sinkName(argument, imports) ?? declaredParameterName(argument, sourceCode);
      if (name === undefined) return undefined;
      const classification = scanner.classify(value, { name, path });
      return classification && { ...classification, target: { name } };
    }

    function report(node: TSESTree.Node, value: string, target: ValueTarget, classification: Classification): void {
      const data = { description: classification.description, match: classification.match };
      // In the browser `process.env.X` is undefined or, inlined, the same key in the bundle.
      const environment = fileEnvironment(context);
      const client = clientVerdictAt(environment, node, context.filename);
      if (client !== undefined && !isInServerOnlyCode(node, environment.framework?.id, client.clientBindings)) {
        const { bundle } = audienceWords(environment);
        context.report({ node, messageId: 'hardcodedKeyInClient', data: { description: data.description, match: data.match, why: client.reason, bundle } });
        return;
      }
      // markup cannot read `process.env`: no replacement to offer there
      if (inMarkup(node)) {
        context.report({ node, messageId: 'hardcodedKey', data });
        return;
      }
      const envName = envVarName(target, isDeframeContext(target), classification.ruleId);
      const scheme = AUTH_SCHEME.exec(value)?.[0];
      // `string | undefined` where a string was: under strict TypeScript only a plain
      // declaration or a fallback takes it as is.
      const envRead = `process.env.${envName}${isTypeScript && needsString(node) ? " ?? ''" : ''}`;
      const expression = scheme !== undefined ? `\`${scheme}\${process.env.${envName}}\`` : envRead;
      const replacement = node.parent?.type === 'JSXAttribute' ? `{${expression}}` : expression;
      context.report({
        node,
        messageId: 'hardcodedKey',
        data,
        suggest: [
          {
            messageId: 'useEnvVar',
            data: { envName },
            fix: (fixer: TSESLint.RuleFixer) => fixer.replaceText(node, replacement),
          },
        ],
      });
    }

    /** The x-api-key header with a Deframe URL nearby, or a Deframe-named holder. */
    function isDeframeContext(target: ValueTarget): boolean {
      if (target.name !== undefined && /deframe/i.test(target.name)) return true;
      if (target.holder !== undefined && /deframe/i.test(sourceCode.getText(enclosingStatement(target.holder)))) return true;
      if (target.header === 'x-api-key') {
        mentionsDeframe ??= /deframe/i.test(sourceCode.text);
        return mentionsDeframe;
      }
      return false;
    }

    /**
     * `// keyguard-ignore` on the line, or `// keyguard-ignore-next-line` above it, naming no rule
     * or the finding's rule: read by `parseDirective`, as the CLI reads them.
     */
    function isIgnored(node: TSESTree.Node, ruleId: string): boolean {
      if (!honoursIgnores) return false;
      if (ignoredLines === undefined) {
        ignoredLines = new Map();
        for (const comment of sourceCode.getAllComments()) {
          const directive = parseDirective(comment.value);
          if (directive === undefined) continue;
          const line = directive.kind === 'keyguard-ignore-next-line' ? comment.loc.end.line + 1 : comment.loc.start.line;
          ignoredLines.set(line, [...(ignoredLines.get(line) ?? []), directive.ruleIds]);
        }
      }
      const named = ignoredLines.size > 0 ? ignoredLines.get(node.loc.start.line) : undefined;
      return named !== undefined && named.some((ruleIds) => ruleIds.length === 0 || ruleIds.includes(ruleId));
    }

    const script: TSESLint.RuleListener = {
      Literal(node) {
        if (typeof node.value !== 'string' || isNotAValue(node)) return;
        const parent = node.parent;
        if (parent.type === 'BinaryExpression' && parent.operator === '+' && staticString(topOfConcatenation(parent)) !== undefined) return;
        check(node, node.value);
      },
      TemplateLiteral(node) {
        if (node.parent.type === 'TaggedTemplateExpression') return;
        if (node.expressions.length === 0) {
          const parent = node.parent;
          if (parent.type === 'BinaryExpression' && parent.operator === '+' && staticString(topOfConcatenation(parent)) !== undefined) return;
          check(node, node.quasis[0]?.value.cooked ?? '');
          return;
        }
        // `postgres://user:${'pa' + 'ss'}@host` is rare; a key typed between interpolations is not.
        for (const quasi of node.quasis) {
          const cooked = quasi.value.cooked ?? '';
          if (cooked.length >= MIN_LENGTH) checkPart(quasi, cooked);
        }
      },
      BinaryExpression(node) {
        if (node.operator !== '+') return;
        const parent = node.parent;
        if (parent.type === 'BinaryExpression' && parent.operator === '+') return;
        const value = staticString(node);
        if (value !== undefined) check(node, value);
      },
    };
    // Markup: a static attribute (`<Map api-key="…">` in a Vue template, `apiKey="…"` in Svelte) is
    // a value given to that name. Svelte's parser puts its template in the tree every rule walks;
    // vue-eslint-parser keeps the template apart, for visitors registered through its services.
    const markup = {
      SvelteAttribute(node: MarkupAttribute) {
        const value = node.value;
        if (Array.isArray(value) && value.length === 1 && value[0]?.type === 'SvelteLiteral') checkAttribute(node.key.name, value[0]);
      },
    };
    const vue = sourceCode.parserServices as VueParserServices | undefined;
    if (typeof vue?.defineTemplateBodyVisitor !== 'function') return { ...script, ...markup } as TSESLint.RuleListener;
    return vue.defineTemplateBodyVisitor(
      {
        ...script,
        VAttribute(node: MarkupAttribute) {
          const value = node.value;
          if (node.directive === false && !Array.isArray(value) && value?.type === 'VLiteral') checkAttribute(node.key.name, value);
        },
      },
      script,
    );

    /** A static markup attribute's value, judged as a value given to the attribute's name. */
    function checkAttribute(name: unknown, value: MarkupValue): void {
      if (typeof name !== 'string' || typeof value.value !== 'string') return;
      if (value.value.length < MIN_LENGTH || value.value.length > MAX_LENGTH) return;
      const classification = confirmedVerdict(value.range, value.value, { name });
      if (classification !== undefined && !isIgnored(value as TSESTree.Node, classification.ruleId)) report(value as TSESTree.Node, value.value, { name }, classification);
    }

    /** A template part: reported at the part, with no suggestion (the template is code). */
    function checkPart(quasi: TSESTree.TemplateElement, value: string): void {
      if (value.length > MAX_LENGTH) return;
      const classification = confirmedVerdict(quasi.range, value, {});
      if (classification === undefined) return;
      context.report({
        node: quasi,
        messageId: 'hardcodedKey',
        data: { description: classification.description, match: classification.match },
      });
    }
  },
});

/** What the template parsers give rules: Vue's `VAttribute` and Svelte's `SvelteAttribute`, as far as read here. */
interface MarkupAttribute {
  directive?: boolean;
  key: { name: unknown };
  value: MarkupValue | MarkupValue[] | null;
}
interface MarkupValue {
  type: string;
  value: unknown;
  range: TSESTree.Range;
}

interface VueParserServices {
  defineTemplateBodyVisitor?: (templateVisitor: Record<string, unknown>, scriptVisitor?: TSESLint.RuleListener) => TSESLint.RuleListener;
}

/**
 * Whether `node` is in a component's markup (a Vue template or the Svelte outside `<script>`):
 * an attribute value or an expression there, not script code.
 */
function inMarkup(node: TSESTree.Node): boolean {
  for (let current: TSESTree.Node | undefined = node; current != null; current = current.parent) {
    const type = current.type as string;
    if (type === 'SvelteScriptElement' || type === 'Program') return false;
    if (/^(V[A-Z]|Svelte)/.test(type)) return true; // VElement, VExpressionContainer…, not VariableDeclarator
    if (type === 'AstroFragment') return true; // an Astro template: rendered into the page's HTML
  }
  return false;
}

/** Whether the replaced value must stay a `string` for the code to type-check. */
function needsString(node: TSESTree.Node): boolean {
  const parent = node.parent;
  if (parent == null) return false;
  if (parent.type === 'VariableDeclarator') return parent.id.typeAnnotation !== undefined;
  if (parent.type === 'LogicalExpression' && parent.right === node) return false;
  if (parent.type === 'AssignmentPattern') return parent.left.typeAnnotation !== undefined;
  return true;
}

interface FileVerdict {
  /** Offsets of the secret in the file. */
  start: number;
  end: number;
  classification: Classification;
}

function topOfConcatenation(node: TSESTree.BinaryExpression): TSESTree.BinaryExpression {
  let top = node;
  while (top.parent.type === 'BinaryExpression' && top.parent.operator === '+') top = top.parent;
  return top;
}

/** Strings that are code, not data: module names, directives, keys, types. */
function isNotAValue(node: TSESTree.Literal): boolean {
  const parent = node.parent;
  switch (parent.type) {
    case 'ImportDeclaration':
    case 'ExportAllDeclaration':
    case 'ExportNamedDeclaration':
    case 'ImportExpression':
    case 'TSExternalModuleReference':
    case 'TSLiteralType':
    case 'TSModuleDeclaration':
    case 'ImportAttribute':
      return true;
    case 'Property':
      return parent.key === node && !parent.computed;
    case 'ExpressionStatement':
      return parent.directive !== undefined;
    default:
      return false;
  }
}

function enclosingStatement(node: TSESTree.Node): TSESTree.Node {
  let current = node;
  while (current.parent != null && current.parent.type !== 'Program' && current.parent.type !== 'BlockStatement' && current.parent.type !== 'ClassBody') {
    current = current.parent;
  }
  return current;
}
