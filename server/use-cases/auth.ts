import type { User } from '../contracts/users.js';
import type { Executor } from '../db/database.js';
import { createSession } from '../db/repositories/credentials.js';
import { loginHistory, recordLoginAttempt } from '../db/repositories/login-attempts.js';
import { findUserRowByEmail, toUser } from '../db/repositories/users.js';
import { DomainError } from '../domain/errors.js';
import { loginVerdict } from '../domain/login-throttle.js';
import { userMessage } from '../domain/messages.js';
import { decoyPasswordHash, passwordMatches } from '../security/secrets.js';

export { deleteSession as signOut, SESSION_HOURS } from '../db/repositories/credentials.js';
export { getUser } from '../db/repositories/users.js';

/**
 * Signs in with email and password, limited per source address and per account: a refused
 * attempt is a 429 with `retryAfter` and is not checked at all. An unknown email is checked
 * against a decoy hash: the same answer in the same time. Returns the user and a new session.
 */
export async function signIn(
  db: Executor,
  attempt: { address: string; email: string; password: string },
  now: Date,
): Promise<{ user: User; session: { secret: string; expiresAt: Date } }> {
  const source = { address: attempt.address, account: attempt.email.trim().toLowerCase() };
  const nowMs = now.getTime();
  const verdict = loginVerdict(await loginHistory(db, source, nowMs), nowMs);
  if (!verdict.allowed) {
    const seconds = Math.ceil(verdict.retryAfterMs / 1000);
    throw new DomainError('too_many_requests', `too many sign-in attempts; try again in ${seconds} s`, {
      extensions: { retryAfter: seconds },
      userMessage: userMessage('sign_in_throttled', { seconds }),
    });
  }
  const row = await findUserRowByEmail(db, source.account);
  const valid = await passwordMatches(row?.password_hash ?? (await decoyPasswordHash()), attempt.password);
  await recordLoginAttempt(db, source, Boolean(row && valid), nowMs);
  if (!row || !valid) throw new DomainError('unauthorized', 'the email or password is not right', { userMessage: userMessage('sign_in_failed') });
  return { user: toUser(row), session: await createSession(db, row.id, now) };
}
