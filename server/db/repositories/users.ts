import { randomUUID } from 'node:crypto';
import type { CreateUserBody, PatchUserBody, User } from '../../contracts/users.js';
import { DomainError, notFound } from '../../domain/errors.js';
import { userMessage } from '../../domain/messages.js';
import type { Actor, Role } from '../../domain/permissions.js';
import { hashPassword } from '../../security/secrets.js';
import type { Executor } from '../database.js';
import type { UserRow } from '../schema.js';
import { recordAudit, type WriteContext } from './audit.js';

export function toUser(row: UserRow): User {
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    partyId: row.party_id,
    role: row.role as Role,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export function toActor(row: Pick<UserRow, 'id' | 'email' | 'party_id' | 'role'>): Actor {
  return { id: row.id, label: row.email, partyId: row.party_id, role: row.role as Role };
}

export async function listUsers(db: Executor): Promise<User[]> {
  return (await db.selectFrom('users').selectAll().orderBy('email').execute()).map(toUser);
}

export async function findUserRowByEmail(db: Executor, email: string): Promise<UserRow | undefined> {
  return db.selectFrom('users').selectAll().where('email', '=', email.toLowerCase()).executeTakeFirst();
}

async function getUserRow(db: Executor, id: string): Promise<UserRow> {
  const row = await db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw notFound('user', id);
  return row;
}

export async function getUser(db: Executor, id: string): Promise<User> {
  return toUser(await getUserRow(db, id));
}

export async function countUsers(db: Executor): Promise<number> {
  const { count } = await db
    .selectFrom('users')
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .executeTakeFirstOrThrow();
  return Number(count);
}

async function assertUserFields(db: Executor, fields: { partyId?: string | null }) {
  // A taken email is the unique constraint's to refuse, also between processes.
  if (fields.partyId) {
    const party = await db.selectFrom('parties').select('id').where('id', '=', fields.partyId).executeTakeFirst();
    if (!party) {
      throw new DomainError('validation', 'the user refers to a party that does not exist', [
        { in: 'body', pointer: '/partyId', message: `party '${fields.partyId}' does not exist` },
      ]);
    }
  }
}

function assertPartyForRole(role: Role, partyId: string | null): void {
  if (partyId === null && role !== 'admin') {
    throw new DomainError('validation', 'only admins may belong to no party', {
      errors: [{ in: 'body', pointer: '/partyId', message: 'a user with this role belongs to a party' }],
      userMessage: userMessage('user_needs_party'),
    });
  }
}

/**
 * A new user's fields with the password already hashed (argon2id is slow by design: hash before
 * the transaction), or, for the seed, with the password to hash here.
 */
export type NewUser = Omit<CreateUserBody, 'password'> & ({ passwordHash: string } | { password: string });

/** Creates a user with an argon2id password hash. Run inside a transaction. */
export async function insertUser(db: Executor, fields: NewUser, context: WriteContext): Promise<User> {
  assertPartyForRole(fields.role, fields.partyId);
  await assertUserFields(db, fields);
  const row: UserRow = {
    id: randomUUID(),
    email: fields.email.toLowerCase(),
    name: fields.name,
    party_id: fields.partyId,
    role: fields.role,
    password_hash: 'passwordHash' in fields ? fields.passwordHash : await hashPassword(fields.password),
    created_at: context.now,
    updated_at: context.now,
  };
  await db.insertInto('users').values(row).execute();
  const user = toUser(row);
  await recordAudit(db, context, { entityType: 'user', entityId: user.id, action: 'create', before: null, after: user });
  return user;
}

async function assertAnotherAdminRemains(db: Executor, userId: string): Promise<void> {
  const admins = await db.selectFrom('users').select('id').where('role', '=', 'admin').where('id', '!=', userId).execute();
  if (admins.length === 0) {
    throw new DomainError('conflict', 'the last admin cannot be removed or demoted', { userMessage: userMessage('last_admin') });
  }
}

/** What a change to a user ended: signed-in sessions and working API tokens. */
export interface RevokedCredentials {
  sessions: number;
  apiTokens: number;
}

async function endSessions(db: Executor, userId: string): Promise<number> {
  const result = await db.deleteFrom('sessions').where('user_id', '=', userId).executeTakeFirst();
  return Number(result.numDeletedRows);
}

async function revokeApiTokensOf(db: Executor, userId: string, now: string): Promise<number> {
  const result = await db
    .updateTable('api_tokens')
    .set({ revoked_at: now })
    .where('user_id', '=', userId)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/** A change to a user; a new password comes hashed (before the transaction). */
export type UserChange = Omit<PatchUserBody, 'password'> & { passwordHash?: string };

/** Changes a user; new credentials or rights end their sessions (and a new password their tokens). Run inside a transaction. */
export async function updateUser(
  db: Executor,
  id: string,
  patch: UserChange,
  context: WriteContext,
): Promise<User & { revokedCredentials: RevokedCredentials }> {
  const existing = await getUserRow(db, id);
  const role = patch.role ?? (existing.role as Role);
  const partyId = patch.partyId === undefined ? existing.party_id : patch.partyId;
  assertPartyForRole(role, partyId);
  await assertUserFields(db, patch);
  if (existing.role === 'admin' && role !== 'admin') await assertAnotherAdminRemains(db, id);
  await db
    .updateTable('users')
    .set({
      ...(patch.email !== undefined ? { email: patch.email.toLowerCase() } : {}),
      ...(patch.name !== undefined ? { name: patch.name } : {}),
      ...(patch.passwordHash !== undefined ? { password_hash: patch.passwordHash } : {}),
      party_id: partyId,
      role,
      updated_at: context.now,
    })
    .where('id', '=', id)
    .execute();
  const revokedCredentials: RevokedCredentials = { sessions: 0, apiTokens: 0 };
  if (patch.passwordHash !== undefined || role !== existing.role || partyId !== existing.party_id) {
    // New credentials or rights: existing sessions must sign in again.
    revokedCredentials.sessions = await endSessions(db, id);
  }
  // A new password is often set because the old one leaked: whoever had it may have made tokens.
  if (patch.passwordHash !== undefined) revokedCredentials.apiTokens = await revokeApiTokensOf(db, id, context.now);
  const user = await getUser(db, id);
  // The audit says a password changed, never what it is.
  await recordAudit(db, context, {
    entityType: 'user',
    entityId: id,
    action: 'update',
    before: toUser(existing),
    after: patch.passwordHash !== undefined ? { ...user, passwordChanged: true, revokedCredentials } : user,
  });
  return { ...user, revokedCredentials };
}

export async function deleteUser(db: Executor, id: string, context: WriteContext): Promise<{ id: string; revokedCredentials: RevokedCredentials }> {
  const existing = await getUserRow(db, id);
  if (existing.role === 'admin') await assertAnotherAdminRemains(db, id);
  const revokedCredentials = { sessions: await endSessions(db, id), apiTokens: await revokeApiTokensOf(db, id, context.now) };
  await db.deleteFrom('api_tokens').where('user_id', '=', id).execute();
  await db.deleteFrom('users').where('id', '=', id).execute();
  await recordAudit(db, context, { entityType: 'user', entityId: id, action: 'delete', before: toUser(existing), after: { revokedCredentials } });
  return { id, revokedCredentials };
}
