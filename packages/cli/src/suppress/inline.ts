/**
 * Inline `keyguard-ignore` directives: which finding a directive hides (the engine applies them
 * while scanning; `scanUnit` keeps what they hid), and which directives hid nothing, for
 * `--report-unused`.
 */
import type { Finding, InlineDirective, SuppressedFinding } from '@keyguard/core';
import type { UnusedIgnore } from '../report/types.js';
import type { FindingFilter } from './types.js';

/** Whether `directive` hides `finding` of the same text: it targets the finding's first line and names its rule (or none). */
export function directiveHides(directive: InlineDirective, finding: Finding): boolean {
  return directive.target === finding.line && (directive.ruleIds.length === 0 || directive.ruleIds.includes(finding.ruleId));
}

type LocatedDirective = InlineDirective & { file: string; commit?: string };
type LocatedFinding = Finding & { commit?: string };

function directiveCovers(directive: LocatedDirective, finding: LocatedFinding): boolean {
  return (
    directive.file === finding.file &&
    (directive.commit === undefined || finding.commit === undefined || directive.commit === finding.commit) &&
    directiveHides(directive, finding)
  );
}

/**
 * Inline directives that suppressed nothing. With `--no-inline-ignores` nothing is suppressed,
 * so a directive counts as used when a reported finding sits on the line it targets: the check
 * says the same thing whether directives are honoured or not.
 */
export function inlineDirectiveFilter(
  directives: readonly LocatedDirective[],
  suppressed: readonly SuppressedFinding[],
): FindingFilter {
  let reported: readonly LocatedFinding[] = [];
  return {
    name: 'inline directives',
    apply(findings: Finding[]): Finding[] {
      reported = findings;
      return findings;
    },
    unused(): UnusedIgnore[] {
      const matched = (directive: LocatedDirective) =>
        suppressed.some((finding) => directiveCovers(directive, finding)) || reported.some((finding) => directiveCovers(directive, finding));
      return directives
        .filter((directive) => !matched(directive))
        .map((directive) => ({
          kind: 'inline',
          file: directive.file,
          line: directive.line,
          detail:
            `${directive.kind}${directive.ruleIds.length > 0 ? ` ${directive.ruleIds.join(', ')}` : ''}` +
            (directive.commit ? ` (added in commit ${directive.commit.slice(0, 12)})` : ''),
        }));
    },
  };
}
