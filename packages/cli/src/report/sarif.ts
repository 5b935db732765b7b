/**
 * SARIF 2.1.0 for GitHub code scanning (and any SARIF viewer): every rule of the catalog with
 * its help, one result per finding with a relative location, the content fingerprint in
 * `partialFingerprints` (so an alert keeps its identity when lines move), and the redacted
 * match as the only snippet: the secret itself never enters the file.
 */
import { relativeTo } from '../paths.js';
import { pathToFileURL } from 'node:url';
import { isUnscannedText, type SkippedFile } from '../sources/types.js';
import type { Rule, Severity } from '@keyguard/core';
import type * as Sarif from 'sarif';
import { configFileOf, type Reporter, type ReportedFinding, type ScanStats, type UnusedIgnore } from './types.js';

export const SARIF_SCHEMA_URI = 'https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json';
/** The key under `partialFingerprints`; versioned so a change of fingerprint scheme is a new key. */
export const FINGERPRINT_KEY = 'keyguardContentFingerprint/v1';

/** What SARIF needs of a rule (the catalog's `Rule` has all of it). */
export type SarifRuleSource = Pick<Rule, 'id' | 'description' | 'severity' | 'fix'>;

/** A finding, plus what a history scan adds to it. */
export type SarifFinding = ReportedFinding;

export interface SarifOptions {
  /** Ignores that matched nothing (`--report-unused`): tool configuration notifications. */
  unused?: readonly UnusedIgnore[];
  /** Files that were not scanned: tool execution notifications, so no viewer reads the run as clean for them. */
  skipped?: readonly SkippedFile[];
  /** Unscanned text files fail the run (failOnUnscanned): their notifications are errors. */
  failOnUnscanned?: boolean;
  /** Paths config `allow.paths` kept out of the scan: one notification naming the config. */
  allowedByConfig?: ScanStats['allowedByConfig'];
  /** The rules the scan ran; each becomes a `reportingDescriptor`. */
  rules: readonly SarifRuleSource[];
  toolVersion: string;
  /** The folder the findings' `file`s are relative to (the cwd of the scan). */
  cwd: string;
  /**
   * The folder artifact URIs are made relative to: the repository root, so that GitHub code
   * scanning places alerts on the right files even when keyguard ran in a subfolder.
   * Default: `cwd`.
   */
  srcRoot?: string;
}

/**
 * The shapes keyguard writes, each a narrowing of the SARIF 2.1.0 type of `@types/sarif` (the
 * official schema's TypeScript form): the compiler checks they are valid SARIF, and tests read
 * the fields keyguard always sets without optional chaining.
 */
export interface SarifLog extends Sarif.Log {
  $schema: string;
  version: '2.1.0';
  runs: SarifRun[];
}

interface SarifRun extends Sarif.Run {
  tool: { driver: SarifDriver };
  invocations?: SarifInvocation[];
  originalUriBaseIds: Record<string, { uri: string; description: { text: string } }>;
  columnKind: 'utf16CodeUnits';
  results: SarifResult[];
}

interface SarifNotification {
  level: 'warning' | 'error' | 'note';
  message: { text: string };
  locations?: Array<{ physicalLocation: { artifactLocation: { uri: string; uriBaseId: string }; region?: { startLine: number } } }>;
}

interface SarifInvocation extends Sarif.Invocation {
  executionSuccessful: boolean;
  toolExecutionNotifications?: SarifNotification[];
  toolConfigurationNotifications?: Array<{
    level: 'warning';
    message: { text: string };
    locations?: Array<{ physicalLocation: { artifactLocation: { uri: string; uriBaseId: string }; region?: { startLine: number } } }>;
  }>;
}

interface SarifDriver extends Sarif.ToolComponent {
  name: string;
  version: string;
  semanticVersion: string;
  informationUri: string;
  rules: SarifRule[];
}

interface SarifRule extends Sarif.ReportingDescriptor {
  id: string;
  name: string;
  shortDescription: { text: string };
  fullDescription: { text: string };
  help: { text: string; markdown: string };
  defaultConfiguration: { level: SarifLevel };
  properties: { tags: string[]; precision: string; 'security-severity': string };
}

type SarifLevel = 'error' | 'warning';

interface SarifResult extends Sarif.Result {
  ruleId: string;
  ruleIndex?: number;
  level: SarifLevel;
  message: { text: string };
  locations: Array<{
    physicalLocation: {
      artifactLocation: { uri: string; uriBaseId: string };
      region: {
        startLine: number;
        startColumn: number;
        endLine: number;
        endColumn: number;
        snippet: { text: string };
      };
    };
  }>;
  partialFingerprints: Record<string, string>;
  properties?: { commit?: string; authorDate?: string; commits?: string[] };
}

const SRCROOT = '%SRCROOT%';

const level = (severity: Severity): SarifLevel => (severity === 'error' ? 'error' : 'warning');

/** `github-pat` → `GithubPat`: SARIF's `name` is an identifier-like, non-localised name. */
function ruleName(id: string): string {
  return id
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((part) => part[0]!.toUpperCase() + part.slice(1))
    .join('');
}

function sarifRule(rule: SarifRuleSource & { check?: boolean }): SarifRule {
  if (rule.check) return checkRule(rule);
  const why =
    'A hardcoded credential in source code or in git history can be read by anyone with access to the ' +
    'repository, its forks and its clones, and stays usable until it is revoked.';
  return {
    id: rule.id,
    name: ruleName(rule.id),
    shortDescription: { text: `${rule.description} in source` },
    fullDescription: { text: `Finds a ${rule.description} written into a file or added by a commit. ${why}` },
    help: {
      text: `${rule.fix}\n\nIf the key was ever committed or pushed, rotate it: removing it from the code does not remove it from history.`,
      markdown:
        `**${rule.description}**\n\n${why}\n\n**Fix:** ${rule.fix}\n\n` +
        'If the key was ever committed or pushed, rotate it: removing it from the code does not remove it from history.',
    },
    defaultConfiguration: { level: level(rule.severity) },
    properties: {
      tags: ['security', 'secrets', 'external/cwe/cwe-798'],
      precision: 'high',
      // GitHub code scanning ranks security alerts by this (0–10).
      'security-severity': rule.severity === 'error' ? '8.0' : '5.0',
    },
  };
}

/** A check outside the key catalog: described by its finding's message and fix. */
function checkRule(rule: SarifRuleSource): SarifRule {
  return {
    id: rule.id,
    name: ruleName(rule.id),
    shortDescription: { text: rule.description },
    fullDescription: { text: rule.description },
    help: { text: rule.fix, markdown: `**Fix:** ${rule.fix}` },
    defaultConfiguration: { level: level(rule.severity) },
    properties: { tags: ['security', 'secrets'], precision: 'high', 'security-severity': rule.severity === 'error' ? '8.0' : '5.0' },
  };
}

/** A relative posix path as a URI reference: each segment percent-encoded. */
export function relativeUri(path: string): string {
  return path
    .split('/')
    .map((segment) => encodeURIComponent(segment))
    .join('/');
}

function artifactUri(file: string, options: SarifOptions): string {
  return relativeUri(relativeTo(options.srcRoot ?? options.cwd, file, options.cwd));
}

export function toSarif(findings: readonly SarifFinding[], options: SarifOptions): SarifLog {
  // Findings of checks outside the catalog (a committed .env file) still get a descriptor, so
  // every result points at its rule's help.
  const rules: Array<SarifRuleSource & { check?: boolean }> = [...options.rules];
  const ruleIndex = new Map(rules.map((rule, index) => [rule.id, index]));
  for (const finding of findings) {
    if (ruleIndex.has(finding.ruleId)) continue;
    ruleIndex.set(finding.ruleId, rules.length);
    rules.push({ id: finding.ruleId, description: finding.message, severity: finding.severity, fix: finding.fix, check: true });
  }
  const results = findings.map((finding): SarifResult => {
    const properties: NonNullable<SarifResult['properties']> = {};
    if (finding.commit !== undefined) properties.commit = finding.commit;
    if (finding.authorDate !== undefined) properties.authorDate = finding.authorDate;
    if (finding.commits !== undefined && finding.commits.length > 0) properties.commits = finding.commits;
    const index = ruleIndex.get(finding.ruleId);
    return {
      ruleId: finding.ruleId,
      ...(index === undefined ? {} : { ruleIndex: index }),
      level: level(finding.severity),
      message: {
        text: finding.commit
          ? `${finding.message}, added in commit ${finding.commit.slice(0, 12)}. ${finding.fix}`
          : `${finding.message}. ${finding.fix}`,
      },
      locations: [
        {
          physicalLocation: {
            artifactLocation: { uri: artifactUri(finding.file, options), uriBaseId: SRCROOT },
            region: {
              startLine: finding.line,
              startColumn: finding.column,
              endLine: finding.endLine,
              endColumn: finding.endColumn,
              snippet: { text: finding.match },
            },
          },
        },
      ],
      partialFingerprints: { [FINGERPRINT_KEY]: finding.fingerprint },
      ...(Object.keys(properties).length > 0 ? { properties } : {}),
    };
  });
  const root = pathToFileURL(options.srcRoot ?? options.cwd).href;
  return {
    $schema: SARIF_SCHEMA_URI,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'keyguard',
            version: options.toolVersion,
            semanticVersion: options.toolVersion,
            informationUri: 'https://www.npmjs.com/package/@keyguard/cli',
            rules: rules.map(sarifRule),
          },
        },
        originalUriBaseIds: {
          [SRCROOT]: {
            uri: root.endsWith('/') ? root : `${root}/`,
            description: { text: 'The folder the scan ran in (the repository root when keyguard ran inside a git repository).' },
          },
        },
        ...invocations(options),
        columnKind: 'utf16CodeUnits',
        results,
      },
    ],
  };
}

/** What a file skipped by design is, as the SARIF note says it. */
const BY_DESIGN_TEXT: Partial<Record<SkippedFile['kind'], string>> = {
  binary: 'binary files',
  submodule: 'submodules here (their commits are in another repository: scan it there)',
  'not-a-file': 'FIFOs, devices or sockets',
};

/** The run's one invocation, when there is something to say about it. */
function invocations(options: SarifOptions): { invocations?: SarifInvocation[] } {
  const unused = options.unused ?? [];
  const skipped = options.skipped ?? [];
  const unscanned = skipped.filter(isUnscannedText);
  const allowed = options.allowedByConfig;
  if (unused.length === 0 && skipped.length === 0 && allowed === undefined) return {};
  const invocation = unusedInvocation(unused, options);
  if (unused.length === 0) delete invocation.toolConfigurationNotifications;
  const notifications: SarifNotification[] = [];
  // files keyguard could not scan: a key in them would not be found
  for (const skip of unscanned) {
    notifications.push({
      level: options.failOnUnscanned ? 'error' : 'warning',
      message: { text: `Not scanned: ${skip.reason}. A key in this file would not be found.${options.failOnUnscanned ? ' failOnUnscanned is on: the run fails.' : ''}` },
      locations: [{ physicalLocation: { artifactLocation: { uri: artifactUri(skip.file, options), uriBaseId: SRCROOT } } }],
    });
  }
  // binary files, submodules and special files are skipped by design: a note each, never silence
  for (const skip of skipped) {
    if (isUnscannedText(skip)) continue;
    notifications.push({
      level: 'note',
      message: { text: `Skipped by design (${skip.kind}): keyguard does not scan ${BY_DESIGN_TEXT[skip.kind] ?? skip.reason}.` },
      locations: [{ physicalLocation: { artifactLocation: { uri: artifactUri(skip.file, options), uriBaseId: SRCROOT } } }],
    });
  }
  if (allowed) {
    notifications.push({
      level: 'note',
      message: { text: `${allowed.count} path${allowed.count === 1 ? '' : 's'} not scanned: allow.paths in ${allowed.config}. Keys in them are not looked for.` },
      locations: [{ physicalLocation: { artifactLocation: { uri: artifactUri(configFileOf(allowed.config), options), uriBaseId: SRCROOT } } }],
    });
  }
  if (notifications.length > 0) invocation.toolExecutionNotifications = notifications;
  return { invocations: [invocation] };
}

/** Ignores that matched nothing, as notifications about the tool's configuration. */
function unusedInvocation(unused: readonly UnusedIgnore[], options: SarifOptions): SarifInvocation {
  return {
    executionSuccessful: true,
    toolConfigurationNotifications: unused.map((entry) => ({
      level: 'warning' as const,
      message: { text: `Unused ${entry.kind} ignore ${entry.detail}: it matched nothing; remove it.` },
      locations: [
        {
          physicalLocation: {
            artifactLocation: { uri: artifactUri(entry.file, options), uriBaseId: SRCROOT },
            ...(entry.line === undefined ? {} : { region: { startLine: entry.line } }),
          },
        },
      ],
    })),
  };
}

/** The SARIF document as text, with a final newline. */
export function formatSarif(findings: readonly SarifFinding[], options: SarifOptions): string {
  return `${JSON.stringify(toSarif(findings, options), null, 2)}\n`;
}

export const sarifReporter: Reporter = (report, context) =>
  formatSarif(report.findings, {
    rules: context.rules,
    toolVersion: context.version,
    cwd: context.cwd,
    srcRoot: context.repoRoot,
    unused: report.unused,
    skipped: report.stats.skipped,
    failOnUnscanned: report.failOnUnscanned,
    ...(report.stats.allowedByConfig ? { allowedByConfig: report.stats.allowedByConfig } : {}),
  });
