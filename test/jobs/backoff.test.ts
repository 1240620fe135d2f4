import { describe, expect, it } from 'vitest';
import { retryDelayMs } from '../../src/jobs/backoff.ts';

describe('retry backoff', () => {
  it('doubles from 20 s after the first attempt and stops growing at one hour', () => {
    const delays = [1, 2, 3, 4, 8, 9, 20].map((attempt) => retryDelayMs(attempt, () => 0) / 1000);
    expect(delays).toEqual([20, 40, 80, 160, 2560, 3600, 3600]);
  });

  it('adds at most 10 % jitter', () => {
    expect(retryDelayMs(1, () => 0.999_999)).toBe(22_000);
    expect(retryDelayMs(9, () => 0.5)).toBe(3_780_000);
  });
});
