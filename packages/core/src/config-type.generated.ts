/* Generated from the JSON schema (config-schema.ts) by json-schema-to-typescript: do not edit.
 * After a schema change: npx vitest run packages/core/test/config-type.test.ts -u */

/**
 * keyguard.config.json / package.json#keyguard after validation: every option with a default is set.
 */
export interface KeyguardConfig {
  /**
   * Rule ids turned off.
   */
  disabledRules: string[];
  /**
   * Report keys that are public by design (Stripe pk_, Firebase web config, Sentry DSN).
   */
  includePublicKeys: boolean;
  /**
   * Extra key shapes.
   */
  customRules: CustomRuleConfig[];
  /**
   * What is never reported.
   */
  allow: {
    /**
     * picomatch globs of paths never scanned, relative to the folder of the config file that sets them.
     */
    paths: string[];
    /**
     * Regular expression sources; a secret matching one is not reported.
     */
    values: string[];
    /**
     * Fingerprints of accepted findings.
     */
    fingerprints: string[];
  };
  /**
   * Env files that must not be committed, and allowed templates (picomatch globs).
   */
  envFiles: {
    /**
     * Globs of env files a commit must not hold; replaces the default (** /.env, ** /.env.*).
     */
    block: string[];
    /**
     * Globs of env files that may be committed (their values are still scanned); added to the default templates (.env.example, .env.sample, .env.template).
     */
    allow: string[];
  };
  /**
   * Bytes (default 100 MB); larger files are not scanned and are reported. Large text files under it are scanned in chunks.
   */
  maxFileSize: number;
  /**
   * Fail the run (exit 1) when a text file could not be scanned (too large, unreadable). Default: true for --staged, false otherwise.
   */
  failOnUnscanned?: boolean;
  /**
   * Honour keyguard-ignore comments.
   */
  inlineIgnores: boolean;
}
export interface CustomRuleConfig {
  /**
   * kebab-case rule id.
   */
  id: string;
  /**
   * Human name of the key kind.
   */
  description: string;
  /**
   * JavaScript regular expression source.
   */
  regex: string;
  /**
   * Regular expression flags (i, m, s, u).
   */
  flags?: string;
  /**
   * Capture group holding the secret (default 1).
   */
  secretGroup?: number;
  /**
   * Literals that must occur near a match; the regex runs only near them.
   */
  keywords?: string[];
  /**
   * Minimum Shannon entropy in bits per character.
   */
  minEntropy?: number;
  /**
   * Severity of findings.
   */
  severity?: 'error' | 'warning';
  /**
   * One-line hint on what to do instead.
   */
  fix?: string;
}
