import type { TSESTree } from '@typescript-eslint/utils';

/**
 * The initializer of the `const` an identifier names, declared in the same file in this block
 * or an enclosing one (`const KEY_HEADER = 'x-api-key'`, `const isServer = typeof window ===
 * 'undefined' && …`); undefined for anything else (a `let`, a parameter, an import).
 */
export function constInitializer(node: TSESTree.Node): TSESTree.Expression | undefined {
  if (node.type !== 'Identifier') return undefined;
  for (let scope: TSESTree.Node | undefined = node.parent; scope != null; scope = scope.parent) {
    if (scope.type !== 'BlockStatement' && scope.type !== 'Program') continue;
    for (const statement of scope.body) {
      const declaration = statement.type === 'ExportNamedDeclaration' ? statement.declaration : statement;
      if (declaration?.type !== 'VariableDeclaration' || declaration.kind !== 'const') continue;
      for (const declarator of declaration.declarations) {
        if (declarator.id.type === 'Identifier' && declarator.id.name === node.name && declarator.init != null) return declarator.init;
      }
    }
  }
  return undefined;
}
