/**
 * When a sign-in attempt may be made: guessing passwords must be slow, per source address and
 * per account, without letting an attacker lock a real user out for long.
 */

/** Attempts from one address within a minute, successful or not, before it must wait. */
export const ATTEMPTS_PER_ADDRESS_PER_MINUTE = 10;
/** Failed attempts on one account within the failure window that cost nothing. */
export const FREE_ACCOUNT_FAILURES = 5;
/** How far back an account's failures count. */
export const ACCOUNT_FAILURE_WINDOW_MS = 15 * 60_000;
const FIRST_ACCOUNT_DELAY_MS = 2_000;
/**
 * The longest an account waits after a failure: an attacker keeps the account at one guess
 * a minute, and the real user never waits longer than a minute for the next try.
 */
export const MAX_ACCOUNT_DELAY_MS = 60_000;

export interface LoginHistory {
  /** Times (ms) of every attempt from the address in the last minute. */
  addressAttempts: readonly number[];
  /** Times (ms) of the account's failed attempts in the failure window since its last success. */
  accountFailures: readonly number[];
}

export type LoginVerdict = { allowed: true } | { allowed: false; retryAfterMs: number; reason: 'address' | 'account' };

/**
 * Whether an attempt may be made at `now`. An address gets 10 attempts a minute; an account
 * 5 free failures, then a wait after its latest failure that doubles from 2 s up to a minute.
 *
 * @example loginVerdict({ addressAttempts: [], accountFailures: [0, 1, 2, 3, 4] }, 1_000) // { allowed: false, retryAfterMs: 1_000, reason: 'account' }
 */
export function loginVerdict(history: LoginHistory, now: number): LoginVerdict {
  const recentAddress = history.addressAttempts.filter((at) => at > now - 60_000);
  const failures = history.accountFailures.filter((at) => at > now - ACCOUNT_FAILURE_WINDOW_MS);
  let wait = 0;
  let reason: 'address' | 'account' = 'address';
  if (recentAddress.length >= ATTEMPTS_PER_ADDRESS_PER_MINUTE) {
    // The address may try again when enough of its attempts have left the minute.
    const sorted = [...recentAddress].sort((a, b) => a - b);
    wait = sorted[recentAddress.length - ATTEMPTS_PER_ADDRESS_PER_MINUTE]! + 60_000 - now;
  }
  if (failures.length >= FREE_ACCOUNT_FAILURES) {
    const delay = Math.min(FIRST_ACCOUNT_DELAY_MS * 2 ** (failures.length - FREE_ACCOUNT_FAILURES), MAX_ACCOUNT_DELAY_MS);
    const accountWait = Math.max(...failures) + delay - now;
    if (accountWait > wait) {
      wait = accountWait;
      reason = 'account';
    }
  }
  return wait > 0 ? { allowed: false, retryAfterMs: wait, reason } : { allowed: true };
}
