import type { Party } from '../contracts/parties.js';
import { type Db, writeTransaction } from '../db/database.js';
import type { WriteContext } from '../db/repositories/audit.js';
import { insertParty } from '../db/repositories/parties.js';

export { listParties } from '../db/repositories/parties.js';

export async function createParty(db: Db, caller: WriteContext, party: Party): Promise<Party> {
  return writeTransaction(db, (trx) => insertParty(trx, party, caller));
}
