import { randomUUID } from 'node:crypto';
import { notFound } from '../../domain/errors.js';
import type { Actor } from '../../domain/permissions.js';
import { hashSecret, newSecret } from '../../security/secrets.js';
import type { Executor } from '../database.js';
import { storageFailureOf } from '../storage-health.js';
import { toActor } from './users.js';

export const SESSION_HOURS = 12;

/** Starts a session and returns its secret (for the cookie); only its hash is stored. */
export async function createSession(db: Executor, userId: string, now: Date): Promise<{ secret: string; expiresAt: Date }> {
  const secret = newSecret('gps');
  const expiresAt = new Date(now.getTime() + SESSION_HOURS * 3_600_000);
  await db
    .insertInto('sessions')
    .values({ token_hash: hashSecret(secret), user_id: userId, created_at: now.toISOString(), expires_at: expiresAt.toISOString() })
    .execute();
  return { secret, expiresAt };
}

export async function deleteSession(db: Executor, secret: string): Promise<void> {
  await db.deleteFrom('sessions').where('token_hash', '=', hashSecret(secret)).execute();
}

/** The actor behind a session cookie, if the session exists and has not expired. */
export async function actorForSession(db: Executor, secret: string, now: Date): Promise<Actor | undefined> {
  const row = await db
    .selectFrom('sessions')
    .innerJoin('users', 'users.id', 'sessions.user_id')
    .select(['users.id', 'users.email', 'users.party_id', 'users.role', 'sessions.expires_at'])
    .where('sessions.token_hash', '=', hashSecret(secret))
    .executeTakeFirst();
  if (!row || row.expires_at <= now.toISOString()) return undefined;
  return toActor(row);
}

/** How stale a token's `last_used_at` may get: finer would turn every read into a write. */
export const LAST_USED_RESOLUTION_MS = 60_000;

/**
 * The actor behind an API token, if it exists and is not revoked; records its use at most
 * once a minute. Recording is bookkeeping, so a database that cannot store it (full disk,
 * read-only file) does not fail the request; the driver has noted the failure already.
 */
export async function actorForApiToken(db: Executor, secret: string, now: Date): Promise<Actor | undefined> {
  const row = await db
    .selectFrom('api_tokens')
    .innerJoin('users', 'users.id', 'api_tokens.user_id')
    .select(['users.id', 'users.email', 'users.party_id', 'users.role', 'api_tokens.id as token_id', 'api_tokens.last_used_at'])
    .where('api_tokens.token_hash', '=', hashSecret(secret))
    .where('api_tokens.revoked_at', 'is', null)
    .executeTakeFirst();
  if (!row) return undefined;
  const recent = row.last_used_at !== null && now.getTime() - Date.parse(row.last_used_at) < LAST_USED_RESOLUTION_MS;
  if (!recent) {
    try {
      await db.updateTable('api_tokens').set({ last_used_at: now.toISOString() }).where('id', '=', row.token_id).execute();
    } catch (error) {
      if (storageFailureOf(error) === undefined) throw error;
    }
  }
  return toActor(row);
}

export interface ApiToken {
  id: string;
  name: string;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

const tokenColumns = ['id', 'name', 'created_at as createdAt', 'last_used_at as lastUsedAt', 'revoked_at as revokedAt'] as const;

export async function createApiToken(db: Executor, userId: string, name: string, now: string): Promise<ApiToken & { token: string }> {
  const token = newSecret('gpt');
  const id = randomUUID();
  await db
    .insertInto('api_tokens')
    .values({ id, user_id: userId, name, token_hash: hashSecret(token), created_at: now, last_used_at: null, revoked_at: null })
    .execute();
  return { id, name, createdAt: now, lastUsedAt: null, revokedAt: null, token };
}

export async function listApiTokens(db: Executor, userId: string): Promise<ApiToken[]> {
  return db.selectFrom('api_tokens').select(tokenColumns).where('user_id', '=', userId).orderBy('created_at').execute();
}

/** Revokes one of the user's own tokens; another user's token is "not found". */
export async function revokeApiToken(db: Executor, userId: string, tokenId: string, now: string): Promise<void> {
  const result = await db
    .updateTable('api_tokens')
    .set({ revoked_at: now })
    .where('id', '=', tokenId)
    .where('user_id', '=', userId)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  if (result.numUpdatedRows === 0n) throw notFound('api token', tokenId);
}
