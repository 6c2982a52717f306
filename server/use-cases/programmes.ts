import { NATIONAL_HWBP_ESTIMATE, type OverviewResponse, type ProgrammeResponse } from '../contracts/programmes.js';
import type { Executor } from '../db/database.js';
import { listVersionedAreas, type VersionedArea } from '../db/repositories/areas.js';
import { listCapacityRules } from '../db/repositories/capacity-rules.js';
import { listDikeTrajects } from '../db/repositories/dike-trajects.js';
import { findParty, listParties } from '../db/repositories/parties.js';
import { listPlanningTasks, type PlanningTask } from '../db/repositories/programmes.js';
import { explainAlignment } from '../domain/alignment-explanation.js';
import { byListingPriority, detectAlignments, isHwbpDike, type AlignmentPair, type AlignmentReport, type AlignmentStatus } from '../domain/alignment.js';
import { notFound } from '../domain/errors.js';
import { formatMonth, yearOfMonth, type MonthIndex } from '../domain/months.js';
import { costPerYear, kmPerYear, neededPace, realisationsPerMonth } from '../domain/programme.js';
import { isMovable, type Programme } from '../domain/tasks.js';

export { readDataStamp, type DataStamp } from '../db/repositories/programmes.js';

/** The figures the overview gives per area, per water board and in total. */
interface Figures {
  sections: number;
  km: number;
  sectionsWithoutLength: number;
  aligned: number;
  alignable: number;
  soilM3: number;
}

const noFigures = (): Figures => ({ sections: 0, km: 0, sectionsWithoutLength: 0, aligned: 0, alignable: 0, soilM3: 0 });

function addFigures(into: Figures, part: Figures): void {
  into.sections += part.sections;
  into.km += part.km;
  into.sectionsWithoutLength += part.sectionsWithoutLength;
  into.aligned += part.aligned;
  into.alignable += part.alignable;
  into.soilM3 += part.soilM3;
}

/**
 * What one area contributes to every programme and to the overview at one month, computed once
 * per area data version: the detector runs for the areas that changed, not for all 500.
 */
interface AreaFacts {
  tasks: PlanningTask[];
  byId: Map<string, PlanningTask>;
  partyIds: Set<string>;
  report: AlignmentReport;
  /** The area's HWBP dike sections. */
  sections: PlanningTask[];
  figures: Figures;
  /** Per party: its sections, and the aligned/alignable pairs where its task is either side. */
  partyFigures: Map<string, Figures>;
  trajectTasks: Map<string, { id: string; title: string; areaId: string }[]>;
}

const isOpportunity = (status: AlignmentStatus) => status === 'aligned' || status === 'alignable_by_dike' || status === 'alignable_by_other';

function areaFacts(areaId: string, tasks: PlanningTask[], asOf: MonthIndex): AreaFacts {
  const byId = new Map(tasks.map((task) => [task.id, task]));
  const report = detectAlignments(tasks, undefined, asOf);
  const sections = tasks.filter(isHwbpDike);
  const figures = noFigures();
  const partyFigures = new Map<string, Figures>();
  const ofParty = (partyId: string) => {
    let found = partyFigures.get(partyId);
    if (!found) partyFigures.set(partyId, (found = noFigures()));
    return found;
  };
  for (const task of tasks) ofParty(task.partyId);
  for (const section of sections) {
    for (const target of [figures, ofParty(section.partyId)]) {
      target.sections += 1;
      if (section.lengthKm === null) target.sectionsWithoutLength += 1;
      else target.km += section.lengthKm;
    }
  }
  figures.aligned = report.counts.aligned;
  figures.alignable = report.counts.alignable_by_dike + report.counts.alignable_by_other;
  for (const pair of report.pairs) {
    if (!isOpportunity(pair.status)) continue;
    figures.soilM3 += pair.soilMatchM3;
    for (const partyId of new Set([byId.get(pair.dikeTaskId)!.partyId, byId.get(pair.otherTaskId)!.partyId])) {
      const target = ofParty(partyId);
      if (pair.status === 'aligned') target.aligned += 1;
      else target.alignable += 1;
      target.soilM3 += pair.soilMatchM3;
    }
  }
  const trajectTasks = new Map<string, { id: string; title: string; areaId: string }[]>();
  for (const task of tasks) {
    if (task.dikeTrajectId === null) continue;
    const list = trajectTasks.get(task.dikeTrajectId) ?? [];
    list.push({ id: task.id, title: task.title, areaId });
    trajectTasks.set(task.dikeTrajectId, list);
  }
  return { tasks, byId, partyIds: new Set(tasks.map((task) => task.partyId)), report, sections, figures, partyFigures, trajectTasks };
}

/** Area facts kept per area and month, valid while the area's data version is the one they were computed at. */
class AreaFactsCache {
  readonly #entries = new Map<string, { version: number; facts: AreaFacts }>();
  constructor(readonly capacity: number) {}

  get(key: string, version: number): AreaFacts | undefined {
    const kept = this.#entries.get(key);
    if (!kept || kept.version !== version) return undefined;
    this.#entries.delete(key);
    this.#entries.set(key, kept);
    return kept.facts;
  }

  set(key: string, version: number, facts: AreaFacts): void {
    this.#entries.delete(key);
    this.#entries.set(key, { version, facts });
    while (this.#entries.size > this.capacity) this.#entries.delete(this.#entries.keys().next().value!);
  }
}

// One cache per database: another database's versions mean nothing here.
const factCaches = new WeakMap<Executor, AreaFactsCache>();

/**
 * Every area with its facts at `asOf`. The versions are read first, then only the areas whose
 * facts are missing or older are read (all of them in one pass when none is kept), so what is
 * kept is never older than the version it is kept under.
 */
async function allAreaFacts(db: Executor, asOf: MonthIndex): Promise<{ area: VersionedArea; facts: AreaFacts }[]> {
  let cache = factCaches.get(db);
  if (!cache) factCaches.set(db, (cache = new AreaFactsCache(2_000)));
  const areas = await listVersionedAreas(db);
  const keyOf = (area: VersionedArea) => `${area.id}|${asOf}`;
  const stale = areas.filter((area) => cache.get(keyOf(area), area.dataVersion) === undefined);
  if (stale.length > 0) {
    const tasks = await listPlanningTasks(db, stale.length === areas.length ? null : stale.map((area) => area.id));
    const byArea = new Map<string, PlanningTask[]>(stale.map((area) => [area.id, []]));
    for (const task of tasks) byArea.get(task.areaId)?.push(task);
    for (const area of stale) cache.set(keyOf(area), area.dataVersion, areaFacts(area.id, byArea.get(area.id)!, asOf));
  }
  return areas.map((area) => ({ area, facts: cache.get(keyOf(area), area.dataVersion)! }));
}

const round3 = (value: number) => Math.round(value * 1000) / 1000;

function yearsSeries(values: Map<number, number>, from: number, to: number): { year: number; km: number }[] {
  return Array.from({ length: Math.max(0, to - from + 1) }, (_, index) => ({ year: from + index, km: round3(values.get(from + index) ?? 0) }));
}

/** HWBP dike sections by urgency (unranked last), then the others by programme and realisation start. */
function programmeOrder(a: PlanningTask, b: PlanningTask): number {
  const aDike = isHwbpDike(a) ? 0 : 1;
  const bDike = isHwbpDike(b) ? 0 : 1;
  if (aDike !== bDike) return aDike - bDike;
  if (aDike === 0) {
    const rank = (a.urgencyRank ?? Number.MAX_SAFE_INTEGER) - (b.urgencyRank ?? Number.MAX_SAFE_INTEGER);
    if (rank !== 0) return rank;
  } else if (a.programme !== b.programme) {
    return a.programme.localeCompare(b.programme);
  }
  const start = (task: PlanningTask) => task.phases.find((phase) => phase.kind === 'realisatie')?.start ?? 0;
  return start(a) - start(b) || a.title.localeCompare(b.title) || a.id.localeCompare(b.id);
}

function realisationOf(task: PlanningTask) {
  return task.phases.find((phase) => phase.kind === 'realisatie') ?? null;
}

/**
 * A party's programme at `asOf`: every task of the party across all areas, realisations per
 * month and cost per year against its capacity rules, km of dike per year, and every alignment
 * opportunity where one of its tasks is either side (the first `limit`, aligned first, then by
 * soil to share; counted in full). Unknown party: not found.
 */
export async function partyProgramme(db: Executor, partyId: string, asOf: MonthIndex, limit = Infinity): Promise<ProgrammeResponse> {
  const party = await findParty(db, partyId);
  if (!party) throw notFound('party', partyId);
  const [rules, trajects, areas] = await Promise.all([listCapacityRules(db, partyId), listDikeTrajects(db), allAreaFacts(db, asOf)]);
  const trajectById = new Map(trajects.map((traject) => [traject.id, traject]));

  const tasks: { task: PlanningTask; areaName: string }[] = [];
  const pairs: { areaId: string; areaName: string; pair: AlignmentPair; dike: PlanningTask; other: PlanningTask }[] = [];
  for (const { area, facts } of areas) {
    if (!facts.partyIds.has(partyId)) continue;
    for (const task of facts.tasks) if (task.partyId === partyId) tasks.push({ task, areaName: area.name });
    for (const pair of facts.report.pairs) {
      const dike = facts.byId.get(pair.dikeTaskId)!;
      const other = facts.byId.get(pair.otherTaskId)!;
      if (dike.partyId === partyId || other.partyId === partyId) pairs.push({ areaId: area.id, areaName: area.name, pair, dike, other });
    }
  }
  tasks.sort((a, b) => programmeOrder(a.task, b.task));
  const own = tasks.map(({ task }) => task);

  let first = Infinity;
  let last = -Infinity;
  for (const task of own) for (const phase of task.phases) (first = Math.min(first, phase.start)), (last = Math.max(last, phase.end));
  const years = own.length === 0 ? null : { from: yearOfMonth(first), to: yearOfMonth(last) };

  const programmes = [...new Set<Programme>([...own.map((task) => task.programme), ...rules.map((rule) => rule.programme)])].sort();
  const capacity = programmes.map((programme) => {
    const rule = rules.find((candidate) => candidate.programme === programme) ?? null;
    const programmeTasks = own.filter((task) => task.programme === programme);
    const perMonth = years ? realisationsPerMonth(programmeTasks, years.from * 12, years.to * 12 + 11) : [];
    const maxConcurrent = rule?.maxConcurrent ?? null;
    const costs = costPerYear(programmeTasks);
    const budget = rule?.budgetPerYearEur ?? null;
    const costYears = years ? Array.from({ length: years.to - years.from + 1 }, (_, index) => years.from + index) : [];
    return {
      programme,
      maxConcurrent,
      budgetPerYearEur: budget,
      months: perMonth.map(({ month, taskIds }) => ({ month: formatMonth(month), count: taskIds.length })),
      monthsOver:
        maxConcurrent === null
          ? []
          : perMonth
              .filter(({ taskIds }) => taskIds.length > maxConcurrent)
              .map(({ month, taskIds }) => ({ month: formatMonth(month), count: taskIds.length, limit: maxConcurrent, taskIds: [...taskIds].sort() })),
      costPerYear: costYears.map((year) => ({ year, amountEur: costs.get(year) ?? 0 })),
      yearsOver:
        budget === null
          ? []
          : costYears
              .filter((year) => (costs.get(year) ?? 0) > budget)
              .map((year) => ({
                year,
                amountEur: costs.get(year)!,
                budgetEur: budget,
                taskIds: programmeTasks
                  .filter((task) => {
                    const realisation = realisationOf(task);
                    return task.costEur && realisation && yearOfMonth(realisation.start) <= year && yearOfMonth(realisation.end) >= year;
                  })
                  .map((task) => task.id)
                  .sort(),
              })),
    };
  });

  pairs.sort((a, b) => byListingPriority(a.pair, b.pair) || a.areaId.localeCompare(b.areaId));
  const counts: Record<AlignmentStatus, number> = { aligned: 0, alignable_by_dike: 0, alignable_by_other: 0, not_alignable: 0 };
  for (const { pair } of pairs) counts[pair.status] += 1;

  return {
    party,
    asOf: formatMonth(asOf),
    years,
    tasks: tasks.map(({ task, areaName }) => {
      const traject = task.dikeTrajectId === null ? undefined : trajectById.get(task.dikeTrajectId);
      return {
        id: task.id,
        title: task.title,
        areaId: task.areaId,
        areaName,
        programme: task.programme,
        kind: task.kind,
        status: task.status,
        urgencyRank: task.urgencyRank,
        dikeTrajectId: task.dikeTrajectId,
        traject: traject ? { id: traject.id, norm: traject.lowerLimit, lengthKm: traject.lengthKm } : null,
        lengthKm: task.lengthKm,
        costEur: task.costEur,
        phases: task.phases.map((phase) => ({ kind: phase.kind, start: formatMonth(phase.start), end: formatMonth(phase.end) })),
        window: task.window && { earliestStart: formatMonth(task.window.earliestStart), latestEnd: formatMonth(task.window.latestEnd) },
        movable: isMovable(task, asOf),
      };
    }),
    capacity,
    kmPerYear: years ? yearsSeries(kmPerYear(own), years.from, years.to) : [],
    sectionsWithoutLength: own.filter((task) => isHwbpDike(task) && task.lengthKm === null).length,
    opportunities: {
      counts,
      total: pairs.length,
      pairs: pairs.slice(0, limit).map(({ areaId, areaName, pair, dike, other }) => ({
        areaId,
        areaName,
        dikeTaskId: dike.id,
        dikeTitle: dike.title,
        dikePartyId: dike.partyId,
        otherTaskId: other.id,
        otherTitle: other.title,
        otherPartyId: other.partyId,
        otherProgramme: other.programme,
        status: pair.status,
        overlapMonths: pair.overlapMonths,
        gapMonths: pair.gapMonths,
        move: pair.move,
        soilMatchM3: pair.soilMatchM3,
        explanation: explainAlignment(pair, dike, other),
      })),
    },
  };
}

const roundFigures = (figures: Figures): Figures => ({ ...figures, km: round3(figures.km) });

/**
 * The national overview at `asOf`: per water board and per area the HWBP sections, their km,
 * aligned and alignable pairs and the soil those could share; km of dike in realisation per
 * year; the pace needed to finish the remaining km by 2049; and the trajectory table.
 */
export async function nationalOverview(db: Executor, asOf: MonthIndex): Promise<OverviewResponse> {
  const [areas, parties, trajects] = await Promise.all([allAreaFacts(db, asOf), listParties(db), listDikeTrajects(db)]);
  const totals = noFigures();
  const boards = new Map(parties.filter((party) => party.kind === 'waterschap').map((party) => [party.id, { party, areas: 0, figures: noFigures() }]));
  const sections: PlanningTask[] = [];
  const trajectTasks = new Map<string, { id: string; title: string; areaId: string }[]>();
  for (const { facts } of areas) {
    addFigures(totals, facts.figures);
    for (const [partyId, figures] of facts.partyFigures) {
      const board = boards.get(partyId);
      if (!board) continue;
      board.areas += 1;
      addFigures(board.figures, figures);
    }
    for (const section of facts.sections) sections.push(section);
    for (const [trajectId, list] of facts.trajectTasks) {
      const all = trajectTasks.get(trajectId);
      if (all) all.push(...list);
      else trajectTasks.set(trajectId, [...list]);
    }
  }
  const year = yearOfMonth(asOf);
  const pace = neededPace(sections, year);
  const perYear = kmPerYear(sections);
  const yearsWithKm = [...perYear.keys()];
  return {
    asOf: formatMonth(asOf),
    totals: { areas: areas.length, ...roundFigures(totals) },
    waterBoards: [...boards.values()].map(({ party, areas: count, figures }) => ({ partyId: party.id, name: party.name, areas: count, ...roundFigures(figures) })),
    areas: areas.map(({ area, facts }) => ({ areaId: area.id, name: area.name, ...roundFigures(facts.figures) })),
    kmPerYear: yearsWithKm.length === 0 ? [] : yearsSeries(perYear, Math.min(...yearsWithKm), Math.max(...yearsWithKm)),
    pace: {
      year,
      remainingKm: round3(pace.remainingKm),
      sectionsWithoutLength: pace.sectionsWithoutLength,
      yearsLeft: pace.yearsLeft,
      neededKmPerYear: round3(pace.neededKmPerYear),
      nationalEstimate: { ...NATIONAL_HWBP_ESTIMATE },
    },
    trajects: trajects.map((traject) => ({
      id: traject.id,
      waterBoards: traject.waterBoards,
      norm: traject.lowerLimit,
      lengthKm: traject.lengthKm,
      tasks: (trajectTasks.get(traject.id) ?? []).sort((a, b) => a.areaId.localeCompare(b.areaId) || a.title.localeCompare(b.title)),
    })),
  };
}
