import { type Db, writeTransaction } from '../db/database.js';
import type { WriteContext } from '../db/repositories/audit.js';
import { deleteCapacityRule, getCapacityRule, insertCapacityRule, updateCapacityRule } from '../db/repositories/capacity-rules.js';
import { DomainError } from '../domain/errors.js';
import { assertPlansFor } from '../domain/permissions.js';
import type { CapacityRule } from '../domain/scenarios.js';
import type { Programme } from '../domain/tasks.js';

export { listCapacityRules } from '../db/repositories/capacity-rules.js';

type Limits = { maxConcurrent?: number | null; budgetPerYearEur?: number | null };

/** Sets a capacity rule for one of the actor's party's programmes (or, for an admin, any party's). */
export async function createCapacityRule(db: Db, caller: WriteContext, rule: { partyId?: string | undefined; programme: Programme } & Limits): Promise<CapacityRule> {
  const partyId = rule.partyId ?? caller.actor.partyId;
  if (!partyId) {
    throw new DomainError('validation', 'name the party', [{ in: 'body', pointer: '/partyId', message: 'partyId is required for a user without a party' }]);
  }
  assertPlansFor(caller.actor, partyId, 'capacity rule');
  return writeTransaction(db, (trx) =>
    insertCapacityRule(trx, { partyId, programme: rule.programme, maxConcurrent: rule.maxConcurrent ?? null, budgetPerYearEur: rule.budgetPerYearEur ?? null }, caller),
  );
}

export async function changeCapacityRule(db: Db, caller: WriteContext, ruleId: string, patch: Limits): Promise<CapacityRule> {
  return writeTransaction(db, async (trx) => {
    const existing = await getCapacityRule(trx, ruleId);
    assertPlansFor(caller.actor, existing.partyId, 'capacity rule');
    return updateCapacityRule(trx, existing, patch, caller);
  });
}

export async function removeCapacityRule(db: Db, caller: WriteContext, ruleId: string): Promise<void> {
  await writeTransaction(db, async (trx) => {
    const existing = await getCapacityRule(trx, ruleId);
    assertPlansFor(caller.actor, existing.partyId, 'capacity rule');
    await deleteCapacityRule(trx, existing, caller);
  });
}
