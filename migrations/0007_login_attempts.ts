import type { Kysely } from 'kysely';

// Frozen once landed. Sign-in attempts per source address and per account, kept in the
// database so that the limits count across every app process of a shared instance.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('login_attempts')
    .addColumn('id', 'text', (col) => col.primaryKey())
    .addColumn('address', 'text', (col) => col.notNull())
    .addColumn('account', 'text', (col) => col.notNull())
    .addColumn('at_ms', 'bigint', (col) => col.notNull())
    .addColumn('succeeded', 'integer', (col) => col.notNull())
    .execute();
  await db.schema.createIndex('login_attempts_address_idx').on('login_attempts').columns(['address', 'at_ms']).execute();
  await db.schema.createIndex('login_attempts_account_idx').on('login_attempts').columns(['account', 'at_ms']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('login_attempts').execute();
}
