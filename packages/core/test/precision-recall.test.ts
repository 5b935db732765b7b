import { describe, expect, it } from 'vitest';
import { createScanner } from '@keyguard/core';
import { type Labelled, fileTypes, kinds, negatives, special } from './corpus.js';

const scanner = createScanner();

describe('precision and recall on a labelled corpus', () => {
  const positives: Labelled[] = [
    ...kinds.flatMap((kind) => fileTypes.map(({ file, render }) => ({ file, text: render(kind.name, kind.secret()), ruleId: kind.ruleId }))),
    ...special(),
  ];
  const quiet = negatives();

  it('covers at least 40 key kinds in at least 16 file types', () => {
    expect(new Set(positives.map((p) => p.ruleId)).size).toBeGreaterThanOrEqual(40);
    expect(new Set([...positives, ...quiet].map((p) => p.file.split('/').pop()!.replace(/^.*\./, '.'))).size).toBeGreaterThanOrEqual(16);
  });

  it('finds at least 98% of the keys, each with the expected rule, and reports at least 98% true findings', () => {
    let truePositives = 0;
    let falsePositives = 0;
    const misses: string[] = [];
    const wrong: string[] = [];
    for (const sample of positives) {
      const { findings } = scanner.scan(sample.text, sample.file);
      if (findings.some((f) => f.ruleId === sample.ruleId)) truePositives++;
      else misses.push(`${sample.ruleId} in ${sample.file} (got ${findings.map((f) => f.ruleId).join(', ') || 'nothing'})`);
      const extra = findings.filter((f) => f.ruleId !== sample.ruleId);
      falsePositives += extra.length;
      wrong.push(...extra.map((f) => `${f.ruleId} in ${sample.file} (expected ${sample.ruleId})`));
    }
    for (const sample of quiet) {
      const { findings } = scanner.scan(sample.text, sample.file);
      falsePositives += findings.length;
      wrong.push(...findings.map((f) => `${f.ruleId} ${f.match} in look-alike ${sample.file}`));
    }
    const recall = truePositives / positives.length;
    const precision = truePositives / (truePositives + falsePositives);
    console.info(`corpus: ${positives.length} keys, ${quiet.length} look-alikes; recall ${recall.toFixed(4)}, precision ${precision.toFixed(4)}`);
    expect(recall, `recall ${recall.toFixed(4)}; missed:\n${misses.join('\n')}`).toBeGreaterThanOrEqual(0.98);
    expect(precision, `precision ${precision.toFixed(4)}; wrong:\n${wrong.join('\n')}`).toBeGreaterThanOrEqual(0.98);
  });

  it.each(quiet.map((sample) => [sample.file, sample] as const))('stays quiet on the look-alike in %s', (_file, sample) => {
    expect(scanner.scan(sample.text, sample.file).findings.map((f) => `${f.ruleId} ${f.match}`)).toEqual([]);
  });
});
