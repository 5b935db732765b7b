import type { TSESTree } from '@typescript-eslint/utils';
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

/** True when `node` sits inside a server-only export or a function marked 'use server'. */
export function isInServerOnlyCode(node: TSESTree.Node, framework: FrameworkId | undefined): boolean {
  const exportsToSkip = framework !== undefined ? SERVER_ONLY_EXPORTS[framework] : undefined;
  for (let current: TSESTree.Node | undefined = node.parent; current != null; current = current.parent) {
    if (!isFunction(current)) continue;
    if (hasUseServerDirective(current)) return true;
    if (exportsToSkip !== undefined) {
      const name = exportedName(current);
      if (name !== undefined && exportsToSkip.has(name)) return true;
    }
  }
  return false;
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
