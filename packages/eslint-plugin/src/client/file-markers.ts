import type { TSESTree } from '@typescript-eslint/utils';
import type { Verdict } from './verdict.js';

/**
 * Layer 1: what the file says about itself. React's `'use client'` / `'use server'`
 * directives and the `client-only` / `server-only` guard packages are statements by the
 * author, so they beat every convention.
 */
export function markerVerdict(program: TSESTree.Program): Verdict | undefined {
  for (const statement of program.body) {
    if (statement.type === 'ExpressionStatement' && statement.directive !== undefined) {
      if (statement.directive === 'use client') return { side: 'client', reason: "the file starts with 'use client'" };
      if (statement.directive === 'use server') return { side: 'server', reason: "the file starts with 'use server'" };
      continue;
    }
    break;
  }
  for (const statement of program.body) {
    if (statement.type !== 'ImportDeclaration') continue;
    const source = statement.source.value;
    if (source === 'client-only') return { side: 'client', reason: "the file imports 'client-only'" };
    if (source === 'server-only') return { side: 'server', reason: "the file imports 'server-only'" };
  }
  return undefined;
}
