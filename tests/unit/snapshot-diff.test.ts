import { describe, expect, it } from 'vitest';
import { toTaskDraft } from '../../server/contracts/tasks.js';
import { diffPlans } from '../../server/domain/snapshot-diff.js';
import type { Task } from '../../server/domain/tasks.js';
import { dikeTaskInput } from '../helpers/factories.js';

function task(overrides: Parameters<typeof dikeTaskInput>[0] = {}): Task {
  return { ...toTaskDraft(dikeTaskInput(overrides)), id: 'd1', version: 1, createdAt: '2026-01-01T00:00:00.000Z', updatedAt: '2026-01-01T00:00:00.000Z' };
}

describe('diffPlans', () => {
  it('carries a moved phase’s months before and after, as a reader writes them', () => {
    const before = task();
    const after = task({ phases: [...dikeTaskInput().phases.slice(0, 2), { kind: 'realisatie', start: '2031-01', end: '2032-12' }] });
    expect(diffPlans({ tasks: [before], pairs: [] }, { tasks: [after], pairs: [] }).moved).toEqual([
      {
        taskId: 'd1',
        title: 'Dijkversterking Salmsteke',
        phases: [{ kind: 'realisatie', startShift: 12, endShift: 12, from: { start: '2030-01', end: '2031-12' }, to: { start: '2031-01', end: '2032-12' } }],
      },
    ]);
  });

  it('tells a changed window in months and other fields with their old and new values', () => {
    const before = task();
    const after = task({ window: { earliestStart: '2026-01', latestEnd: '2045-12' }, soilDemandM3: 100000 });
    const { changed } = diffPlans({ tasks: [before], pairs: [] }, { tasks: [after], pairs: [] });
    expect(changed).toEqual([
      {
        taskId: 'd1',
        title: 'Dijkversterking Salmsteke',
        fields: expect.arrayContaining([
          { field: 'window', from: { earliestStart: '2025-01', latestEnd: '2040-12' }, to: { earliestStart: '2026-01', latestEnd: '2045-12' } },
          { field: 'soilDemandM3', from: 60000, to: 100000 },
        ]),
      },
    ]);
    expect(changed[0]!.fields).toHaveLength(2);
  });

  it('tells a window that was taken away as none', () => {
    const { changed } = diffPlans({ tasks: [task()], pairs: [] }, { tasks: [task({ window: null })], pairs: [] });
    expect(changed[0]!.fields).toEqual([{ field: 'window', from: { earliestStart: '2025-01', latestEnd: '2040-12' }, to: null }]);
  });
});
