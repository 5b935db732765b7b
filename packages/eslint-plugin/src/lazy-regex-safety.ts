/**
 * Core's ReDoS check of a config's own regexes, loaded on first use only: its analysis
 * libraries (refa, scslre, regexpp) make up most of the plugin's load time, and a project
 * without custom rules or `allow.values` never needs them. The bundle ships the check as a
 * chunk of its own next to it (dist/regex-safety.cjs, see scripts/bundle.mjs); unbundled
 * (the workspace's tests, tsc output), it comes from @keyguard/core.
 */
import { createRequire } from 'node:module';

type RegexSafety = typeof import('@keyguard/core/regex-safety');

let loaded: RegexSafety | undefined;

export function regexSafety(): RegexSafety {
  if (loaded === undefined) {
    // A local name, not `require`: esbuild must leave the chunk out of the bundle.
    const load = createRequire(import.meta.url);
    try {
      loaded = load('./regex-safety.cjs') as RegexSafety;
    } catch (error) {
      if ((error as { code?: unknown }).code !== 'MODULE_NOT_FOUND') throw error;
      loaded = load('@keyguard/core/regex-safety') as RegexSafety;
    }
  }
  return loaded;
}
