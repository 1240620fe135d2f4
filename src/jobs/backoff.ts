const BASE_MS = 10_000;
const CAP_MS = 60 * 60 * 1000;
/** Up to this fraction is added at random, so jobs that failed together do not retry together. */
const JITTER = 0.1;

/**
 * How long to wait before the next attempt after attempt `attempt` (1 = the first run) failed:
 * 2^attempt × 10 s (20 s, 40 s, 80 s, …), at most one hour, plus up to 10 % jitter.
 * `random` returns a number in [0, 1); tests pass `() => 0`.
 */
export function retryDelayMs(attempt: number, random: () => number = Math.random): number {
  const delay = Math.min(2 ** Math.max(attempt, 0) * BASE_MS, CAP_MS);
  return Math.round(delay * (1 + JITTER * random()));
}
