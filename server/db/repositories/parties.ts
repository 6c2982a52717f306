import type { Party } from '../../contracts/parties.js';
import type { Executor } from '../database.js';
import { recordAudit, type WriteContext } from './audit.js';

const partyColumns = ['id', 'name', 'kind'] as const;

export async function listParties(db: Executor): Promise<Party[]> {
  return (await db.selectFrom('parties').select(partyColumns).orderBy('name').execute()) as Party[];
}

export async function findParty(db: Executor, id: string): Promise<Party | undefined> {
  return (await db.selectFrom('parties').select(partyColumns).where('id', '=', id).executeTakeFirst()) as
    | Party
    | undefined;
}

/** Inserts a party; a taken id is a conflict, decided by the primary key. */
export async function insertParty(db: Executor, party: Party, context: WriteContext): Promise<Party> {
  await db.insertInto('parties').values({ ...party, created_at: context.now, updated_at: context.now }).execute();
  await recordAudit(db, context, { entityType: 'party', entityId: party.id, action: 'create', before: null, after: party });
  return party;
}
