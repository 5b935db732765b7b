import { parseConfig as parseConfigWith } from './config.js';
import { rules } from './rules/index.js';
import type { KeyguardConfig } from './types.js';

export type * from './types.js';
export { nodeCrypto } from './node-crypto.js';
export { redact, fingerprint, legacyFingerprint, lazyFingerprints, copyFinding, fingerprintCalls } from './redact.js';
export { shannonEntropy } from './entropy.js';
export { isPlaceholder, isReference } from './placeholder.js';
export { contextSpanOf, createScanner, findingsLimit, rejectedLimit } from './scanner.js';
export { KeywordIndex } from './keyword-index.js';
export { lineIndexAt, lineStarts, linesOverlappingLfLines } from './lines.js';
export { ConfigError, defaultConfig, describeValue, hasUserRegexes } from './config.js';
export { isAnalyticsWriteKeyName, isDocSearchMember, isPublicByDesignName, PUBLIC_BY_DESIGN_NAMES } from './public-by-design.js';
export { configSchema, FINGERPRINT_PATTERN } from './config-schema.js';
export { ignoreCommentFor, parseDirective, type Directive } from './directives.js';
export { hasUnsafeCharacters, terminalSafe } from './terminal.js';
export { rules };

const builtinIds: ReadonlySet<string> = new Set(rules.map((rule) => rule.id));

/**
 * Validates a raw configuration (parsed JSON from `source`) and fills in defaults; throws a
 * ConfigError naming `source` and the exact problem.
 */
export function parseConfig(raw: unknown, source: string): KeyguardConfig {
  return parseConfigWith(raw, source, builtinIds);
}
