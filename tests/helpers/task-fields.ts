/** The optional fields of a task left empty, and a first version: the base of the test task factories. */
export const UNSET_TASK_FIELDS = {
  description: null,
  dikeTrajectId: null,
  urgencyRank: null,
  soilSupplyM3: 0,
  soilDemandM3: 0,
  soilType: null,
  river: null,
  kmFrom: null,
  kmTo: null,
  geometry: null,
  costEur: null,
  status: null,
  externalRef: null,
  version: 1,
  createdAt: '2026-01-01T00:00:00Z',
  updatedAt: '2026-01-01T00:00:00Z',
} as const;
