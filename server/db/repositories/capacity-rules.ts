import { randomUUID } from 'node:crypto';
import type { CapacityRuleResponse } from '../../contracts/scenarios.js';
import { DomainError, notFound } from '../../domain/errors.js';
import type { CapacityRule } from '../../domain/scenarios.js';
import type { Programme } from '../../domain/tasks.js';
import type { Executor } from '../database.js';
import { recordAudit, type WriteContext } from './audit.js';

const columns = ['id', 'party_id', 'programme', 'max_concurrent', 'budget_per_year_eur'] as const;

function toRule(row: { id: string; party_id: string; programme: string; max_concurrent: number | null; budget_per_year_eur: number | null }): CapacityRule {
  return {
    id: row.id,
    partyId: row.party_id,
    programme: row.programme as Programme,
    maxConcurrent: row.max_concurrent,
    budgetPerYearEur: row.budget_per_year_eur,
  };
}

export async function listCapacityRules(db: Executor, partyId?: string): Promise<CapacityRule[]> {
  let query = db.selectFrom('capacity_rules').select(columns).orderBy('party_id').orderBy('programme');
  if (partyId) query = query.where('party_id', '=', partyId);
  return (await query.execute()).map(toRule);
}

export async function getCapacityRule(db: Executor, id: string): Promise<CapacityRule> {
  const row = await db.selectFrom('capacity_rules').select(columns).where('id', '=', id).executeTakeFirst();
  if (!row) throw notFound('capacity rule', id);
  return toRule(row);
}

/** One rule per party and programme; a second is a conflict. Run inside a transaction. */
export async function insertCapacityRule(db: Executor, rule: Omit<CapacityRuleResponse, 'id'>, context: WriteContext): Promise<CapacityRule> {
  const party = await db.selectFrom('parties').select('id').where('id', '=', rule.partyId).executeTakeFirst();
  if (!party) {
    throw new DomainError('validation', 'the rule refers to a party that does not exist', [
      { in: 'body', pointer: '/partyId', message: `party '${rule.partyId}' does not exist` },
    ]);
  }
  // One rule per party and programme: the unique constraint decides, also between processes.
  const id = randomUUID();
  await db
    .insertInto('capacity_rules')
    .values({
      id,
      party_id: rule.partyId,
      programme: rule.programme,
      max_concurrent: rule.maxConcurrent,
      budget_per_year_eur: rule.budgetPerYearEur,
      created_at: context.now,
      updated_at: context.now,
    })
    .execute();
  const created = await getCapacityRule(db, id);
  await recordAudit(db, context, { entityType: 'capacity_rule', entityId: id, action: 'create', before: null, after: created });
  return created;
}

export async function updateCapacityRule(
  db: Executor,
  existing: CapacityRule,
  patch: { maxConcurrent?: number | null; budgetPerYearEur?: number | null },
  context: WriteContext,
): Promise<CapacityRule> {
  const next = { ...existing, ...patch };
  if (next.maxConcurrent === null && next.budgetPerYearEur === null) {
    throw new DomainError('validation', 'a rule needs a limit', [{ in: 'body', pointer: '/', message: 'keep maxConcurrent or budgetPerYearEur' }]);
  }
  await db
    .updateTable('capacity_rules')
    .set({ max_concurrent: next.maxConcurrent, budget_per_year_eur: next.budgetPerYearEur, updated_at: context.now })
    .where('id', '=', existing.id)
    .execute();
  await recordAudit(db, context, { entityType: 'capacity_rule', entityId: existing.id, action: 'update', before: existing, after: next });
  return next;
}

export async function deleteCapacityRule(db: Executor, existing: CapacityRule, context: WriteContext): Promise<void> {
  await db.deleteFrom('capacity_rules').where('id', '=', existing.id).execute();
  await recordAudit(db, context, { entityType: 'capacity_rule', entityId: existing.id, action: 'delete', before: existing, after: null });
}
