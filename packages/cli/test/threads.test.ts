import { describe, expect, it } from 'vitest';
import { defaultThreads, MIN_CORES_FOR_WORKERS } from '../src/workers/pool.js';

describe('the default thread count of a large history scan', () => {
  it('stays on the main thread on a 2-core machine, where workers measured slower', () => {
    expect(defaultThreads(2)).toBe(1);
    expect(defaultThreads(1)).toBe(1);
  });

  it('uses every core from MIN_CORES_FOR_WORKERS cores on', () => {
    expect(defaultThreads(MIN_CORES_FOR_WORKERS)).toBe(MIN_CORES_FOR_WORKERS);
    expect(defaultThreads(16)).toBe(16);
  });
});
