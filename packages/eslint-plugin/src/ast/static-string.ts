import type { TSESTree } from '@typescript-eslint/utils';

/** The value of a string literal, a template without expressions, or a `+` chain of them. */
export function staticString(node: TSESTree.Node): string | undefined {
  switch (node.type) {
    case 'Literal':
      return typeof node.value === 'string' ? node.value : undefined;
    case 'TemplateLiteral':
      return node.expressions.length === 0 ? node.quasis[0]?.value.cooked ?? undefined : undefined;
    case 'BinaryExpression': {
      if (node.operator !== '+') return undefined;
      const left = staticString(node.left);
      if (left === undefined) return undefined;
      const right = staticString(node.right);
      return right === undefined ? undefined : left + right;
    }
    case 'TSAsExpression':
    case 'TSSatisfiesExpression':
    case 'TSNonNullExpression':
      return staticString(node.expression);
    default:
      return undefined;
  }
}

/** A property or member key written statically: `a`, `'a'`, `['a']`. */
export function staticKey(node: TSESTree.Property | TSESTree.PropertyDefinition | TSESTree.MemberExpression | TSESTree.TSPropertySignature): string | undefined {
  const key = node.type === 'MemberExpression' ? node.property : node.key;
  if (!node.computed && key.type === 'Identifier') return key.name;
  if (key.type === 'PrivateIdentifier') return key.name;
  return staticString(key);
}
