import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { rules } from '@keyguard/core';

/**
 * docs/coverage.md maps every gitleaks default rule and the trufflehog detectors of widely used
 * services onto the catalog. These checks keep it true: a rule renamed, removed or added without
 * its row fails here.
 */
const doc = readFileSync(new URL('../../../docs/coverage.md', import.meta.url), 'utf8');
const catalog = new Set(rules.map((rule) => rule.id));

interface Row {
  key: string;
  rule: string | undefined;
  note: string;
}

/** The table rows of one `## …` section: first cell a `code` name, second a `rule` or —. */
function section(title: string): Row[] {
  const start = doc.indexOf(`\n## ${title}`);
  expect(start, `section "${title}"`).toBeGreaterThan(-1);
  const end = doc.indexOf('\n## ', start + 1);
  const body = doc.slice(start, end === -1 ? undefined : end);
  const rows: Row[] = [];
  for (const line of body.split('\n')) {
    const cells = /^\| `([^`]+)` \| (?:`([^`]+)`|—|([^|]*?)) \|(?: (.*?) \|)?$/.exec(line);
    if (cells) rows.push({ key: cells[1]!, rule: cells[2], note: (cells[4] ?? cells[3] ?? '').trim() });
  }
  return rows;
}

/** The count a heading states: `## gitleaks default rules (222)`. */
function statedCount(title: string): number {
  const m = new RegExp(`\\n## ${title} \\((\\d+)\\)`).exec(doc);
  expect(m, `count in the heading "${title}"`).not.toBeNull();
  return Number(m![1]);
}

describe('docs/coverage.md', () => {
  it('has one row per gitleaks default rule, each naming a catalog rule or saying why none', () => {
    const rows = section('gitleaks default rules');
    expect(rows.length).toBe(statedCount('gitleaks default rules'));
    expect(rows.length).toBeGreaterThanOrEqual(222);
    expect(new Set(rows.map((row) => row.key)).size).toBe(rows.length);
    for (const row of rows) {
      if (row.rule === undefined) expect(row.note.length, `reason for ${row.key}`).toBeGreaterThan(10);
      else expect(catalog.has(row.rule), `${row.key} → ${row.rule}`).toBe(true);
    }
  });

  it('maps at least 100 trufflehog detectors onto catalog rules', () => {
    const rows = section('trufflehog detectors');
    expect(rows.length).toBe(statedCount('trufflehog detectors'));
    expect(rows.length).toBeGreaterThanOrEqual(100);
    expect(new Set(rows.map((row) => row.key)).size).toBe(rows.length);
    for (const row of rows) {
      if (row.rule === undefined) expect(row.note.length, `reason for ${row.key}`).toBeGreaterThan(10);
      else expect(catalog.has(row.rule), `${row.key} → ${row.rule}`).toBe(true);
    }
  });

  it('lists every catalog rule once, with the catalog\'s count', () => {
    const rows = section('Every keyguard rule');
    expect(rows.map((row) => row.key).sort()).toEqual([...catalog].sort());
    expect(statedCount('Every keyguard rule')).toBe(rules.length);
  });

  it('leaves most gitleaks kinds to a rule of their own rather than to the generic rule', () => {
    const rows = section('gitleaks default rules');
    const own = rows.filter((row) => row.rule !== undefined && row.rule !== 'generic-secret');
    expect(own.length / rows.length).toBeGreaterThan(0.6);
  });
});
