import { randomUUID } from 'node:crypto';
import { ACCOUNT_FAILURE_WINDOW_MS, type LoginHistory } from '../../domain/login-throttle.js';
import type { Executor } from '../database.js';

export interface LoginSource {
  /** The client's address (the forwarded one only behind a trusted proxy). */
  address: string;
  /** The email tried, lower-cased: unknown accounts are counted exactly like real ones. */
  account: string;
}

/** What the limits look at: the address's last minute and the account's failures since its last success. */
export async function loginHistory(db: Executor, source: LoginSource, nowMs: number): Promise<LoginHistory> {
  const [address, account] = await Promise.all([
    db.selectFrom('login_attempts').select('at_ms').where('address', '=', source.address).where('at_ms', '>', nowMs - 60_000).execute(),
    db
      .selectFrom('login_attempts')
      .select(['at_ms', 'succeeded'])
      .where('account', '=', source.account)
      .where('at_ms', '>', nowMs - ACCOUNT_FAILURE_WINDOW_MS)
      .orderBy('at_ms')
      .execute(),
  ]);
  const lastSuccess = Math.max(-Infinity, ...account.filter((row) => row.succeeded === 1).map((row) => Number(row.at_ms)));
  return {
    addressAttempts: address.map((row) => Number(row.at_ms)),
    accountFailures: account.filter((row) => row.succeeded === 0 && Number(row.at_ms) > lastSuccess).map((row) => Number(row.at_ms)),
  };
}

/** Records one attempt and forgets attempts older than any limit looks at. */
export async function recordLoginAttempt(db: Executor, source: LoginSource, succeeded: boolean, nowMs: number): Promise<void> {
  await db.insertInto('login_attempts').values({ id: randomUUID(), ...source, at_ms: nowMs, succeeded: succeeded ? 1 : 0 }).execute();
  await db.deleteFrom('login_attempts').where('at_ms', '<', nowMs - ACCOUNT_FAILURE_WINDOW_MS).execute();
}
