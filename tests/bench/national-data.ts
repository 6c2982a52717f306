import type { Phase, Programme, SoilType, Task, TaskKind } from '../../server/domain/tasks.js';
import { HWBP_LATEST_END, KRW_DEADLINE } from '../../server/domain/tasks.js';
import { parseMonth } from '../../server/domain/months.js';

/** Small deterministic PRNG (mulberry32) so every run measures the same data set. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const OTHER_PROGRAMMES: Programme[] = ['KRW', 'IRM', 'PROVINCIE', 'GEMEENTE', 'OVERIG'];
const OTHER_KINDS: TaskKind[] = ['river_measure', 'nature', 'infrastructure', 'spatial_development', 'other'];
const SOIL_TYPES: SoilType[] = ['klei', 'klei', 'zand', 'overig'];

/**
 * A national-scale data set: `areas` areas of `tasksPerArea` tasks, about a quarter HWBP dike
 * reinforcements. Phase lengths follow shared/data/kentallen_bronnen.csv: verkenning 2-3
 * years, planuitwerking 2-4 years, realisation 1.5-6 years; dike soil about 30,000 m³/km.
 */
export function nationalTasks(areas: number, tasksPerArea: number, seed = 20501231): Task[] {
  const random = seededRandom(seed);
  const between = (low: number, high: number) => low + Math.floor(random() * (high - low + 1));
  const first = parseMonth('2024-01')!;
  const tasks: Task[] = [];
  for (let area = 0; area < areas; area++) {
    for (let index = 0; index < tasksPerArea; index++) {
      const dike = random() < 0.25;
      const programme = dike ? 'HWBP' : OTHER_PROGRAMMES[between(0, OTHER_PROGRAMMES.length - 1)]!;
      const realisationLength = between(18, 72);
      const latestEnd = dike ? HWBP_LATEST_END : programme === 'KRW' ? KRW_DEADLINE : parseMonth('2045-12')!;
      const verkenning = between(24, 36);
      const planuitwerking = between(24, 48);
      const realisationStart = between(first + verkenning + planuitwerking, Math.max(first + verkenning + planuitwerking, latestEnd - realisationLength + 1));
      const phases: Phase[] = [];
      const planStart = realisationStart - planuitwerking;
      phases.push({ kind: 'verkenning', start: planStart - verkenning, end: planStart - 1 });
      phases.push({ kind: 'planuitwerking', start: planStart, end: realisationStart - 1 });
      phases.push({ kind: 'realisatie', start: realisationStart, end: realisationStart + realisationLength - 1 });
      const spanStart = phases[0]!.start;
      const spanEnd = realisationStart + realisationLength - 1;
      const movable = random() < (dike ? 0.7 : 0.4);
      const km = between(2, 20);
      tasks.push({
        id: `a${area}-t${index}`,
        areaId: `area-${area}`,
        partyId: dike ? `waterschap-${area % 21}` : `party-${between(0, 40)}`,
        programme,
        kind: dike ? 'dike_reinforcement' : OTHER_KINDS[between(0, OTHER_KINDS.length - 1)]!,
        title: dike ? `Dijkversterking ${area}-${index}` : `Opgave ${area}-${index}`,
        description: null,
        dikeTrajectId: null,
        urgencyRank: dike ? between(1, 400) : null,
        phases,
        window: movable
          ? { earliestStart: spanStart - between(0, 24), latestEnd: Math.min(latestEnd, spanEnd + between(0, 60)) }
          : null,
        soilSupplyM3: !dike && random() < 0.5 ? between(1, 40) * 5_000 : 0,
        soilDemandM3: dike ? km * 30_000 : 0,
        soilType: SOIL_TYPES[between(0, SOIL_TYPES.length - 1)]!,
        river: null,
        kmFrom: null,
        kmTo: null,
        lengthKm: dike ? km : null,
        geometry: null,
        costEur: dike ? km * 9_000_000 : between(1, 30) * 1_000_000,
        status: null,
        externalRef: null,
        version: 1,
        createdAt: '2026-01-01T00:00:00.000Z',
        updatedAt: '2026-01-01T00:00:00.000Z',
      });
    }
  }
  return tasks;
}

/** Tasks grouped by area, in first-seen order. */
export function groupByArea<T extends { areaId: string }>(tasks: readonly T[]): Map<string, T[]> {
  const areas = new Map<string, T[]>();
  for (const task of tasks) {
    const list = areas.get(task.areaId) ?? [];
    list.push(task);
    areas.set(task.areaId, list);
  }
  return areas;
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}
