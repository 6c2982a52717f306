import type { CreateUserBody, PatchUserBody, User } from '../contracts/users.js';
import { type Db, writeTransaction } from '../db/database.js';
import type { WriteContext } from '../db/repositories/audit.js';
import { deleteUser, insertUser, updateUser, type RevokedCredentials } from '../db/repositories/users.js';
import { hashPassword } from '../security/secrets.js';

export { listUsers } from '../db/repositories/users.js';

/** Adds a user. The password is hashed (argon2id, slow by design) before the short write transaction. */
export async function createUser(db: Db, caller: WriteContext, body: CreateUserBody): Promise<User> {
  const { password, ...fields } = body;
  const passwordHash = await hashPassword(password);
  return writeTransaction(db, (trx) => insertUser(trx, { ...fields, passwordHash }, caller));
}

/**
 * Changes a user's email, name, party, role or password; new credentials or rights end their
 * sessions, a new password their API tokens too. A new password is hashed before the transaction.
 */
export async function changeUser(db: Db, caller: WriteContext, userId: string, patch: PatchUserBody): Promise<User & { revokedCredentials: RevokedCredentials }> {
  const { password, ...fields } = patch;
  const passwordHash = password === undefined ? undefined : await hashPassword(password);
  return writeTransaction(db, (trx) => updateUser(trx, userId, { ...fields, ...(passwordHash === undefined ? {} : { passwordHash }) }, caller));
}

/** Removes a user, ending their sessions and tokens; the audit trail keeps their actions. */
export async function removeUser(db: Db, caller: WriteContext, userId: string): Promise<{ id: string; revokedCredentials: RevokedCredentials }> {
  return writeTransaction(db, (trx) => deleteUser(trx, userId, caller));
}
