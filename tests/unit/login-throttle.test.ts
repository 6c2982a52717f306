import { describe, expect, it } from 'vitest';
import { loginVerdict } from '../../server/domain/login-throttle.js';

const minute = 60_000;
const now = 100 * minute;
const times = (count: number, from: number, step = 1_000) => Array.from({ length: count }, (_, index) => from + index * step);

describe('loginVerdict', () => {
  it('allows an address ten attempts a minute, then until the oldest leaves the minute', () => {
    expect(loginVerdict({ addressAttempts: times(9, now - 30_000), accountFailures: [] }, now)).toEqual({ allowed: true });
    expect(loginVerdict({ addressAttempts: times(10, now - 30_000), accountFailures: [] }, now)).toEqual({ allowed: false, retryAfterMs: 30_000, reason: 'address' });
    expect(loginVerdict({ addressAttempts: times(10, now - minute), accountFailures: [] }, now)).toEqual({ allowed: true });
  });

  it('gives an account five free failures, then waits doubling from 2 s after the latest failure', () => {
    expect(loginVerdict({ addressAttempts: [], accountFailures: times(4, now - 10_000) }, now)).toEqual({ allowed: true });
    expect(loginVerdict({ addressAttempts: [], accountFailures: times(5, now - 5_000) }, now)).toEqual({ allowed: false, retryAfterMs: 1_000, reason: 'account' });
    expect(loginVerdict({ addressAttempts: [], accountFailures: times(6, now - 6_000) }, now)).toEqual({ allowed: false, retryAfterMs: 3_000, reason: 'account' });
    expect(loginVerdict({ addressAttempts: [], accountFailures: times(5, now - 10_000) }, now)).toEqual({ allowed: true });
  });

  it('never makes a real user wait more than a minute, however many guesses were made', () => {
    const verdict = loginVerdict({ addressAttempts: [], accountFailures: times(500, now - 500 * 1_000) }, now);
    expect(verdict).toEqual({ allowed: false, retryAfterMs: minute - 1_000, reason: 'account' });
  });

  it('forgets failures older than fifteen minutes', () => {
    expect(loginVerdict({ addressAttempts: [], accountFailures: times(20, now - 16 * minute) }, now)).toEqual({ allowed: true });
  });

  it('names the longer of the two waits', () => {
    const verdict = loginVerdict({ addressAttempts: times(10, now - 50_000), accountFailures: times(9, now - 9_000) }, now);
    expect(verdict).toEqual({ allowed: false, retryAfterMs: 31_000, reason: 'account' });
  });
});
