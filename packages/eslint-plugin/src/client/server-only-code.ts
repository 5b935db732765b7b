import type { TSESTree } from '@typescript-eslint/utils';
import { constInitializer } from '../ast/const-initializer.js';
import type { FrameworkId } from './frameworks.js';

/**
 * Exports that a framework strips from the browser bundle and runs on the server, even
 * though they sit in a file whose components ship to the browser.
 */
const SERVER_ONLY_EXPORTS: Partial<Record<FrameworkId, ReadonlySet<string>>> = {
  next: new Set(['getServerSideProps', 'getStaticProps', 'getStaticPaths']),
  remix: new Set(['loader', 'action', 'headers']),
};

type FunctionNode = TSESTree.FunctionDeclaration | TSESTree.FunctionExpression | TSESTree.ArrowFunctionExpression;

/**
 * True when `node` sits inside a server-only export, a function marked 'use server', a
 * branch that only runs where there is no `window` (`typeof window === 'undefined'`), code
 * after a guard that leaves or throws when there is one, or the `runtimeEnv` of a t3-env
 * `createEnv` (which hands server variables only to server code).
 */
export function isInServerOnlyCode(node: TSESTree.Node, framework: FrameworkId | undefined, clientBindings?: ReadonlySet<string>): boolean {
  if (clientBindings !== undefined && isOutsideClientBindings(node, clientBindings)) return true;
  const exportsToSkip = framework !== undefined ? SERVER_ONLY_EXPORTS[framework] : undefined;
  for (let child: TSESTree.Node = node, current = node.parent; current != null; child = current, current = current.parent) {
    if (runsOnlyOnServer(child, current)) return true;
    if (!isFunction(current)) continue;
    if (hasUseServerDirective(current)) return true;
    if (exportsToSkip !== undefined) {
      const name = exportedName(current);
      if (name !== undefined && exportsToSkip.has(name)) return true;
    }
  }
  return false;
}

function runsOnlyOnServer(child: TSESTree.Node, parent: TSESTree.Node): boolean {
  switch (parent.type) {
    case 'IfStatement':
    case 'ConditionalExpression':
      if (parent.consequent === child) return serverTest(parent.test) === true;
      if (parent.alternate === child) return serverTest(parent.test) === false;
      return false;
    case 'LogicalExpression':
      return parent.right === child && serverTest(parent.left) === (parent.operator === '&&');
    case 'BlockStatement':
    case 'Program':
      return leftEarlyOnClient(parent.body as TSESTree.Node[], child);
    case 'CallExpression':
      return isCreateEnv(parent) && parent.arguments.includes(child as TSESTree.CallExpressionArgument);
    default:
      return false;
  }
}

/**
 * True for a test that holds only on the server (`typeof window === 'undefined'`,
 * `import.meta.env.SSR`, `import.meta.server`), false for one that holds only in the
 * browser (`typeof window !== 'undefined'`), undefined for anything else.
 */
function serverTest(test: TSESTree.Node, depth = 0): boolean | undefined {
  if (test.type === 'UnaryExpression' && test.operator === '!') {
    const inner = serverTest(test.argument, depth);
    return inner === undefined ? undefined : !inner;
  }
  // `typeof window === 'undefined' && !!process.env.KEY`: holds only where its guard holds
  if (test.type === 'LogicalExpression' && test.operator === '&&') {
    const sides = [serverTest(test.left, depth), serverTest(test.right, depth)];
    return sides.includes(true) ? (sides.includes(false) ? undefined : true) : sides.includes(false) ? false : undefined;
  }
  // `const isServer = typeof window === 'undefined' && …; if (isServer) …` (papermark's get-file)
  if (test.type === 'Identifier' && depth < 4) {
    const init = constInitializer(test);
    return init === undefined ? undefined : serverTest(init, depth + 1);
  }
  if (test.type === 'BinaryExpression' && ['===', '==', '!==', '!='].includes(test.operator)) {
    const [typeofSide, other] = test.left.type === 'UnaryExpression' ? [test.left, test.right] : [test.right, test.left];
    if (
      typeofSide.type !== 'UnaryExpression' ||
      typeofSide.operator !== 'typeof' ||
      typeofSide.argument.type !== 'Identifier' ||
      !['window', 'document'].includes(typeofSide.argument.name) ||
      other.type !== 'Literal' ||
      other.value !== 'undefined'
    ) {
      return undefined;
    }
    return test.operator === '===' || test.operator === '==';
  }
  if (test.type === 'MemberExpression' && !test.computed && test.property.type === 'Identifier') {
    const object = test.object;
    // import.meta.env.SSR, import.meta.server / import.meta.client (Nuxt, Astro)
    if (object.type === 'MemberExpression' && object.object.type === 'MetaProperty' && test.property.name === 'SSR') return true;
    if (object.type === 'MetaProperty' && test.property.name === 'server') return true;
    if (object.type === 'MetaProperty' && test.property.name === 'client') return false;
  }
  return undefined;
}

/** `if (typeof window !== 'undefined') throw …` (or return) before `child` in the same block. */
function leftEarlyOnClient(statements: readonly TSESTree.Node[], child: TSESTree.Node): boolean {
  for (const statement of statements) {
    if (statement === child) return false;
    if (statement.type !== 'IfStatement' || statement.alternate != null || serverTest(statement.test) !== false) continue;
    const exit = statement.consequent.type === 'BlockStatement' ? statement.consequent.body.at(-1) : statement.consequent;
    if (exit?.type === 'ThrowStatement' || exit?.type === 'ReturnStatement') return true;
  }
  return false;
}

/** `createEnv({ server, client, runtimeEnv })` of @t3-oss/env-nextjs / env-core / env-nuxt. */
function isCreateEnv(call: TSESTree.CallExpression): boolean {
  if (call.callee.type !== 'Identifier' || call.callee.name !== 'createEnv') return false;
  let program: TSESTree.Node = call;
  while (program.parent != null) program = program.parent;
  return (
    program.type === 'Program' &&
    program.body.some((statement) => statement.type === 'ImportDeclaration' && statement.source.value.startsWith('@t3-oss/env'))
  );
}

function isFunction(node: TSESTree.Node): node is FunctionNode {
  return node.type === 'FunctionDeclaration' || node.type === 'FunctionExpression' || node.type === 'ArrowFunctionExpression';
}

function hasUseServerDirective(fn: FunctionNode): boolean {
  if (fn.body.type !== 'BlockStatement') return false;
  const first = fn.body.body[0];
  return first?.type === 'ExpressionStatement' && first.directive === 'use server';
}

/** `export function loader() {}` or `export const loader = () => {}` / `= async function () {}`. */
function exportedName(fn: FunctionNode): string | undefined {
  if (fn.type === 'FunctionDeclaration') {
    return fn.parent.type === 'ExportNamedDeclaration' ? fn.id?.name : undefined;
  }
  const declarator = fn.parent;
  if (declarator.type !== 'VariableDeclarator' || declarator.id.type !== 'Identifier') return undefined;
  return declarator.parent.parent?.type === 'ExportNamedDeclaration' ? declarator.id.name : undefined;
}

/**
 * `node` sits in a top-level function of its module that client code neither imports nor
 * reaches: not among `bindings`, not called from a function that is, nor from the module's own
 * top-level code (which runs on import). The bundler leaves such a function out of the client.
 */
function isOutsideClientBindings(node: TSESTree.Node, bindings: ReadonlySet<string>): boolean {
  let statement: TSESTree.Node = node;
  while (statement.parent != null && statement.parent.type !== 'Program') statement = statement.parent;
  const program = statement.parent;
  if (program?.type !== 'Program') return false;
  const functions = liveFunctionsOf(program, bindings);
  const name = functionNameOf(statement);
  return name !== undefined && functions.all.has(name) && !functions.live.has(name);
}

interface ModuleFunctions {
  all: ReadonlyMap<string, TSESTree.Node>;
  live: ReadonlySet<string>;
}

const liveByProgram = new WeakMap<TSESTree.Program, { bindings: ReadonlySet<string>; functions: ModuleFunctions }>();

function liveFunctionsOf(program: TSESTree.Program, bindings: ReadonlySet<string>): ModuleFunctions {
  const cached = liveByProgram.get(program);
  if (cached !== undefined && cached.bindings === bindings) return cached.functions;
  const all = new Map<string, TSESTree.Node>();
  const live = new Set<string>();
  const pending: TSESTree.Node[] = [];
  for (const statement of program.body) {
    const name = functionNameOf(statement);
    if (name !== undefined) all.set(name, statement);
    else pending.push(statement); // top-level code runs on import: what it names is live
  }
  for (const name of bindings) if (all.has(name)) live.add(name);
  const queue = [...live];
  const visit = (root: TSESTree.Node): void => {
    for (const name of identifiersIn(root)) {
      if (all.has(name) && !live.has(name)) {
        live.add(name);
        queue.push(name);
      }
    }
  };
  for (const statement of pending) visit(statement);
  for (let name = queue.shift(); name !== undefined; name = queue.shift()) visit(all.get(name)!);
  const functions = { all, live };
  liveByProgram.set(program, { bindings, functions });
  return functions;
}

/** The name of a top-level function statement (`[export] function f`, `[export] const f = () => …`, `export default function`). */
function functionNameOf(statement: TSESTree.Node): string | undefined {
  let declaration: TSESTree.Node | null | undefined = statement;
  let exportedDefault = false;
  if (statement.type === 'ExportNamedDeclaration') declaration = statement.declaration;
  else if (statement.type === 'ExportDefaultDeclaration') {
    declaration = statement.declaration;
    exportedDefault = true;
  }
  if (declaration == null) return undefined;
  if (declaration.type === 'FunctionDeclaration') return exportedDefault ? 'default' : (declaration.id?.name ?? undefined);
  if (declaration.type === 'VariableDeclaration' && declaration.declarations.length === 1 && !exportedDefault) {
    const [declarator] = declaration.declarations;
    if (declarator?.id.type === 'Identifier' && declarator.init != null && isFunction(declarator.init)) return declarator.id.name;
  }
  return undefined;
}

/** Every identifier name under `root` (references and property names alike: erring towards live). */
function identifiersIn(root: TSESTree.Node): Set<string> {
  const names = new Set<string>();
  const stack: unknown[] = [root];
  while (stack.length > 0) {
    const current = stack.pop();
    if (current === null || typeof current !== 'object') continue;
    if (Array.isArray(current)) {
      for (const item of current) stack.push(item);
      continue;
    }
    const node = current as { type?: unknown; name?: unknown } & Record<string, unknown>;
    if (node.type === 'Identifier' && typeof node.name === 'string') names.add(node.name);
    for (const key of Object.keys(node)) {
      if (key !== 'parent' && key !== 'loc' && key !== 'range') stack.push(node[key]);
    }
  }
  return names;
}
