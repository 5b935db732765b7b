import type { JSONSchema4 } from '@typescript-eslint/utils/json-schema';

/** An option holding a list of distinct strings (names, globs, regex sources). */
export function stringList(description: string): JSONSchema4 {
  return { type: 'array', items: { type: 'string' }, uniqueItems: true, description };
}
