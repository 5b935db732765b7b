import type { Linter } from 'eslint';
import { rules, type RuleName } from './rules/index.js';

type Level = 'recommended' | 'strict';

/** A config's rules, read from each rule's own `docs` metadata so the two cannot drift. */
export function rulesFor(level: Level): Linter.RulesRecord {
  const entries: Linter.RulesRecord = {};
  for (const [name, rule] of Object.entries(rules) as Array<[RuleName, (typeof rules)[RuleName]]>) {
    const docs = rule.meta.docs;
    if (level === 'recommended' ? docs?.recommended === true : docs?.strict === true || docs?.recommended === true) {
      entries[`@keyguard/${name}`] = 'error';
    }
  }
  return entries;
}
