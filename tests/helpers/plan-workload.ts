import type { FastifyInstance } from 'fastify';
import { writeTransaction } from '../../server/db/database.js';
import type { WriteContext } from '../../server/db/repositories/audit.js';
import { insertTask } from '../../server/db/repositories/tasks.js';
import { findUserRowByEmail, toActor } from '../../server/db/repositories/users.js';
import type { TaskDraft } from '../../server/domain/tasks.js';
import { TEST_MONTH } from './app.js';
import { UNSET_TASK_FIELDS } from './task-fields.js';

/**
 * Makes a water board's programme big enough to keep the solver busy for seconds (with
 * `stepMonths: 1`): 40 movable Waterschap Limburg dike sections and 60 fixed river measures of
 * Rijkswaterstaat in Vierwaarden, spread over the years. For tests of progress, polling and
 * cancelling, which need a solve that is still running when they look.
 */
export async function addSlowPlanWorkload(app: FastifyInstance): Promise<void> {
  const row = await findUserRowByEmail(app.db, 'wl@demo.local');
  const context: WriteContext = { actor: toActor(row!), requestId: null, now: new Date().toISOString(), month: TEST_MONTH };
  const base = TEST_MONTH + 6;
  await writeTransaction(app.db, async (trx) => {
    for (let index = 0; index < 40; index++) {
      const start = base + ((index * 37) % 200);
      const length = 18 + ((index * 13) % 48);
      const draft: TaskDraft = {
        ...UNSET_TASK_FIELDS,
        areaId: 'vierwaarden',
        partyId: 'wl',
        programme: 'HWBP',
        kind: 'dike_reinforcement',
        title: `Sectie ${index}`,
        urgencyRank: 100 + index,
        phases: [{ kind: 'realisatie', start, end: start + length - 1 }],
        window: { earliestStart: TEST_MONTH + 1, latestEnd: 2049 * 12 + 11 },
        soilDemandM3: 10_000 * (1 + (index % 7)),
        soilType: 'klei',
      };
      await insertTask(trx, draft, context);
    }
    for (let index = 0; index < 60; index++) {
      const start = base + ((index * 53) % 260);
      const draft: TaskDraft = {
        ...UNSET_TASK_FIELDS,
        areaId: 'vierwaarden',
        partyId: 'rws-zn',
        programme: 'IRM',
        kind: 'river_measure',
        title: `Maatregel ${index}`,
        phases: [{ kind: 'realisatie', start, end: start + 6 + (index % 24) }],
        window: null,
        soilSupplyM3: 5_000 * (index % 9),
        soilType: 'klei',
      };
      await insertTask(trx, draft, context);
    }
  });
}
