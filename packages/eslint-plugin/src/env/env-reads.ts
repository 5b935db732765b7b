import { ESM, READ, ReferenceTracker, type TraceMap } from '@eslint-community/eslint-utils';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';

export type EnvObject = 'process.env' | 'import.meta.env';

export interface EnvRead {
  /** The member expression (`process.env.X`), destructuring property or import to report. */
  node: TSESTree.Node;
  object: EnvObject;
  /** The variable's name; undefined for a dynamic key (`process.env[name]`) or the whole object. */
  name: string | undefined;
}

type Tracked = { object: EnvObject };

/**
 * Env var names are open-ended, so the trace map below `env` answers "yes" for every key:
 * ReferenceTracker then follows `process.env.X`, `const { X } = process.env`, aliases
 * (`const env = process.env; env.X`) and `import { env } from 'node:process'` for us.
 */
function anyNameTraceMap(info: Tracked): TraceMap<Tracked>[string] {
  const leaf = { [READ]: info };
  const target = { [READ]: info };
  return new Proxy(target, {
    getOwnPropertyDescriptor(_target, key) {
      if (typeof key !== 'string') return Reflect.getOwnPropertyDescriptor(target, key);
      return { value: leaf, configurable: true, enumerable: true, writable: false };
    },
    get(_target, key) {
      return typeof key === 'string' ? leaf : Reflect.get(target, key);
    },
  }) as TraceMap<Tracked>[string];
}

const PROCESS_ENV = anyNameTraceMap({ object: 'process.env' });
const IMPORT_META_ENV = anyNameTraceMap({ object: 'import.meta.env' });

/**
 * Calls `onRead` for every read of `process.env` / `import.meta.env` in the file.
 * Returns the listeners to merge into a rule's visitor.
 */
export function envReadListeners(
  context: Readonly<TSESLint.RuleContext<string, readonly unknown[]>>,
  onRead: (read: EnvRead) => void,
): TSESLint.RuleListener {
  const { sourceCode } = context;
  const text = sourceCode.text;
  if (!text.includes('env')) return {};
  const importMetaEnvNodes: TSESTree.MemberExpression[] = [];

  return {
    'MetaProperty[meta.name="import"][property.name="meta"]'(node: TSESTree.MetaProperty) {
      const parent = node.parent;
      if (parent.type === 'MemberExpression' && parent.object === node && !parent.computed && parent.property.type === 'Identifier' && parent.property.name === 'env') {
        importMetaEnvNodes.push(parent);
      }
    },
    'Program:exit'(program: TSESTree.Program) {
      const globalScope = sourceCode.getScope(program);
      // eslint-utils is typed against ESLint's own estree types; the trees are the same.
      const tracker = new ReferenceTracker(globalScope as never);
      const seen = new Set<TSESTree.Node>();
      const emit = (node: TSESTree.Node, path: readonly string[], info: Tracked, wholeObjectPathLength: number) => {
        if (seen.has(node)) return;
        seen.add(node);
        if (path.length > wholeObjectPathLength) {
          onRead({ node, object: info.object, name: path[path.length - 1] });
        } else if (readsDynamically(node)) {
          onRead({ node, object: info.object, name: undefined });
        }
      };

      if (text.includes('process')) {
        for (const identifier of globalIdentifiers(globalScope, 'process')) {
          for (const { node, path, info } of tracker.iteratePropertyReferences(identifier as never, { env: PROCESS_ENV })) {
            emit(node as TSESTree.Node, path, info, 1);
          }
        }
        const moduleMap = { [ESM]: true, default: { env: PROCESS_ENV }, env: PROCESS_ENV };
        for (const { node, path, info } of tracker.iterateEsmReferences({ process: moduleMap, 'node:process': moduleMap })) {
          // ['node:process', 'default'?, 'env', name?]
          const envIndex = path.indexOf('env');
          emit(node as TSESTree.Node, path.slice(envIndex), info, 1);
        }
      }
      for (const envNode of importMetaEnvNodes) {
        emit(envNode, [], { object: 'import.meta.env' }, 0);
        for (const { node, path, info } of tracker.iteratePropertyReferences(envNode as never, IMPORT_META_ENV as TraceMap<Tracked>)) {
          emit(node as TSESTree.Node, path, info, 0);
        }
      }
    },
  };
}

/** References to an undeclared global: a configured global variable, or an unresolved one. */
function* globalIdentifiers(globalScope: TSESLint.Scope.Scope, name: string): Iterable<TSESTree.Identifier> {
  const variable = globalScope.set.get(name);
  if (variable !== undefined) {
    if (variable.defs.length > 0) return; // the file declares its own `process`
    for (const reference of variable.references) yield reference.identifier as TSESTree.Identifier;
  }
  for (const reference of globalScope.through) {
    if (reference.identifier.type === 'Identifier' && reference.identifier.name === name) yield reference.identifier;
  }
}

/** `process.env[name]`, `{ ...process.env }`, `send(process.env)`: every variable at once. */
function readsDynamically(envNode: TSESTree.Node): boolean {
  let node = envNode;
  while (node.parent != null && (node.parent.type === 'TSAsExpression' || node.parent.type === 'TSNonNullExpression' || node.parent.type === 'ChainExpression')) {
    node = node.parent;
  }
  const parent = node.parent;
  if (parent == null) return false;
  switch (parent.type) {
    case 'MemberExpression':
      return parent.object === node && parent.computed && !isStaticKey(parent.property);
    case 'SpreadElement':
    case 'JSXSpreadAttribute':
      return true;
    case 'CallExpression':
    case 'NewExpression':
      return parent.arguments.includes(node as TSESTree.Expression);
    default:
      return false;
  }
}

function isStaticKey(node: TSESTree.Node): boolean {
  return (node.type === 'Literal' && typeof node.value === 'string') || (node.type === 'TemplateLiteral' && node.expressions.length === 0);
}
