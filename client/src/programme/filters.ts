import type { OverviewResponse, ProgrammeResponse } from '../../../server/contracts/programmes.js';

export type Opportunity = ProgrammeResponse['opportunities']['pairs'][number];
export type Traject = OverviewResponse['trajects'][number];

export type SoilFilter = 'all' | 'with' | 'without';

export interface OpportunityFilters {
  areaId: string | null;
  status: Opportunity['status'] | null;
  /** `with`: only pairs that could share soil; `without`: only pairs that could not. */
  soil: SoilFilter;
}

export const ALL_OPPORTUNITIES: OpportunityFilters = { areaId: null, status: null, soil: 'all' };

/** The opportunities that pass the area, status and soil filters. */
export function filterOpportunities(pairs: readonly Opportunity[], filters: OpportunityFilters): Opportunity[] {
  return pairs.filter(
    (pair) =>
      (filters.areaId === null || pair.areaId === filters.areaId) &&
      (filters.status === null || pair.status === filters.status) &&
      (filters.soil === 'all' || (filters.soil === 'with') === pair.soilMatchM3 > 0),
  );
}

/** The areas the opportunities lie in, each once, by name: the choices of the area filter. */
export function opportunityAreas(pairs: readonly Opportunity[]): { areaId: string; areaName: string }[] {
  const areas = new Map(pairs.map((pair) => [pair.areaId, pair.areaName]));
  return [...areas].map(([areaId, areaName]) => ({ areaId, areaName })).sort((a, b) => a.areaName.localeCompare(b.areaName, 'nl'));
}

/**
 * Whether a trajectory matches the search text: its id (`44` finds `44-1`), a water board, or the
 * title of a task that touches it. Empty text matches every trajectory.
 */
export function matchesTraject(traject: Traject, search: string): boolean {
  const needle = search.trim().toLowerCase();
  if (!needle) return true;
  return (
    traject.id.toLowerCase().startsWith(needle) ||
    traject.waterBoards.some((board) => board.toLowerCase().includes(needle)) ||
    traject.tasks.some((task) => task.title.toLowerCase().includes(needle))
  );
}

/**
 * Trajectory ids in the national order (`2-1`, `2-2`, `10-1`, `10-3`, `201`, `A1`): numerically
 * by the parts of the id, so `10-1` does not sort before `2-1`.
 */
export function trajectOrder(a: string, b: string): number {
  return a.localeCompare(b, 'nl', { numeric: true });
}
