import type { TaskInput, TaskResponse } from '../../server/contracts/tasks.js';
import type { TestClient } from './app.js';

/** Creates the parties and area the task factories below refer to. */
export async function createBasics(api: TestClient): Promise<void> {
  for (const party of [
    { id: 'hdsr', name: 'Hoogheemraadschap De Stichtse Rijnlanden', kind: 'waterschap' },
    { id: 'rws', name: 'Rijkswaterstaat', kind: 'rijk' },
  ]) {
    const response = await api.post('/api/parties', party);
    if (response.statusCode !== 201) throw new Error(response.body);
  }
  const area = await api.post('/api/areas', { id: 'lek', name: 'Lek' });
  if (area.statusCode !== 201) throw new Error(area.body);
}

export function dikeTaskInput(overrides: Partial<TaskInput> = {}): TaskInput {
  return {
    areaId: 'lek',
    partyId: 'hdsr',
    programme: 'HWBP',
    kind: 'dike_reinforcement',
    title: 'Dijkversterking Salmsteke',
    dikeTrajectId: '15-1',
    urgencyRank: 3,
    phases: [
      { kind: 'verkenning', start: '2026-01', end: '2027-12' },
      { kind: 'planuitwerking', start: '2028-01', end: '2029-12' },
      { kind: 'realisatie', start: '2030-01', end: '2031-12' },
    ],
    window: { earliestStart: '2025-01', latestEnd: '2040-12' },
    soilDemandM3: 60000,
    soilType: 'klei',
    ...overrides,
  };
}

export function riverTaskInput(overrides: Partial<TaskInput> = {}): TaskInput {
  return {
    areaId: 'lek',
    partyId: 'rws',
    programme: 'KRW',
    kind: 'river_measure',
    title: 'Uiterwaard Salmsteke',
    phases: [{ kind: 'realisatie', start: '2026-06', end: '2027-06' }],
    window: { earliestStart: '2026-01', latestEnd: '2027-12' },
    soilSupplyM3: 80000,
    soilType: 'klei',
    ...overrides,
  };
}

export async function createTask(api: TestClient, input: Partial<TaskInput>): Promise<TaskResponse> {
  const response = await api.post('/api/tasks', input);
  if (response.statusCode !== 201) throw new Error(response.body);
  return response.json();
}
