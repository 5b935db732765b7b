import type { TSESTree } from '@typescript-eslint/utils';
import { headerOfValue } from '../http/headers.js';
import { staticKey } from './static-string.js';

/** Where a value goes: the name it is given to and, for request headers, the header. */
export interface ValueTarget {
  name?: string;
  header?: string;
  /** The node the name comes from; the Deframe check reads the statement around it. */
  holder?: TSESTree.Node;
}

/**
 * Walks up from a value through wrappers that keep it (`as const`, `?? 'fallback'`,
 * `cond ? a : b`) to what receives it: a variable, a property, an assignment, a default
 * parameter, a class field, a JSX attribute, an enum member or a header setter. A literal is the
 * fallback of `x ?? 'literal'`; a read (`process.env.X`) flows on from either side of `||`/`??`
 * and through `?.` (`read: true`).
 */
export function valueTarget(value: TSESTree.Node, { read = false }: { read?: boolean } = {}): ValueTarget {
  let node = value;
  for (;;) {
    const parent = node.parent;
    if (parent == null) return {};
    const passesThrough =
      parent.type === 'TSAsExpression' ||
      parent.type === 'TSSatisfiesExpression' ||
      parent.type === 'TSNonNullExpression' ||
      (parent.type === 'LogicalExpression' && (read || parent.right === node)) ||
      (read && parent.type === 'ChainExpression') ||
      (parent.type === 'ConditionalExpression' && parent.test !== node) ||
      parent.type === 'JSXExpressionContainer';
    if (!passesThrough) break;
    node = parent;
  }
  const parent = node.parent;
  if (parent == null) return {};
  const header = headerOfValue(node);
  switch (parent.type) {
    case 'VariableDeclarator':
      return parent.init === node && parent.id.type === 'Identifier' ? { name: parent.id.name, header, holder: parent } : { header };
    case 'Property':
      return parent.value === node ? { name: staticKey(parent), header, holder: parent } : {};
    case 'PropertyDefinition':
      return parent.value === node ? { name: staticKey(parent), header, holder: parent } : {};
    case 'AssignmentExpression': {
      if (parent.right !== node) return {};
      const left = parent.left;
      const name = left.type === 'Identifier' ? left.name : left.type === 'MemberExpression' ? staticKey(left) : undefined;
      return { name, header, holder: parent };
    }
    case 'AssignmentPattern':
      return parent.right === node && parent.left.type === 'Identifier' ? { name: parent.left.name, holder: parent } : {};
    case 'JSXAttribute':
      return parent.name.type === 'JSXIdentifier' ? { name: parent.name.name, holder: parent } : {};
    case 'TSEnumMember':
      return parent.id.type === 'Identifier' ? { name: parent.id.name, holder: parent } : {};
    default:
      return header !== undefined ? { header, holder: parent } : {};
  }
}
