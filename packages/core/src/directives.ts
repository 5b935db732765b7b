import type { InlineDirective } from './types.js';

const MARKER = 'keyguard-ignore';
/**
 * A comment opener (`//`, `/*`, `#`, `<!--`, `--`, `;`, `{#`, `REM`) followed by comment text
 * without quotes up to the marker: the word inside a string literal is not a directive.
 */
const IN_COMMENT = /(?:\/\/|\/\*|#|<!--|--|;|\{#|\bREM\b)[^"'`]*$/;

/**
 * Finds `keyguard-ignore` and `keyguard-ignore-next-line` comments, in any comment syntax,
 * optionally naming rule ids and a reason:
 * `// keyguard-ignore-next-line github-pat -- reason: rotated test fixture`.
 */
export function findDirectives(text: string, lineOf: (offset: number) => number): InlineDirective[] {
  const directives: InlineDirective[] = [];
  let from = 0;
  for (;;) {
    const at = text.indexOf(MARKER, from);
    if (at === -1) break;
    from = at + MARKER.length;
    const lineStart = text.lastIndexOf('\n', at) + 1;
    const before = text.slice(Math.max(lineStart, at - 200), at);
    if (!IN_COMMENT.test(before)) continue;
    let lineEnd = text.indexOf('\n', at);
    if (lineEnd === -1) lineEnd = text.length;
    const rest = text.slice(at + MARKER.length, Math.min(lineEnd, at + 500));
    const nextLine = rest.startsWith('-next-line');
    const tail = nextLine ? rest.slice('-next-line'.length) : rest;
    if (tail !== '' && !/^[\s:,]/.test(tail)) continue;
    const { ruleIds, reason } = parseTail(tail);
    const line = lineOf(at);
    directives.push({
      line,
      kind: nextLine ? 'keyguard-ignore-next-line' : 'keyguard-ignore',
      ruleIds,
      ...(reason ? { reason } : {}),
      target: nextLine ? line + 1 : line,
    });
    from = lineEnd;
  }
  return directives;
}

function parseTail(tail: string): { ruleIds: string[]; reason?: string } {
  let body = tail.replace(/\s*(?:\*\/|-->|#\})\s*$/, '').replace(/\r$/, '');
  let reason: string | undefined;
  const split = body.search(/\s--\s|\s--$|\breason:/i);
  if (split !== -1) {
    reason = body
      .slice(split)
      .replace(/^\s*--\s*/, '')
      .replace(/^reason:\s*/i, '')
      .trim();
    body = body.slice(0, split);
  }
  const ruleIds = body
    .split(/[\s,]+/)
    .map((id) => id.replace(/^:/, ''))
    .filter((id) => /^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(id));
  return reason ? { ruleIds, reason } : { ruleIds };
}
