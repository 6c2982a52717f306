/**
 * The only module that talks to the `highs` package (HiGHS compiled to WebAssembly). It solves a
 * {@link LexicographicMilp} in two stages: stage 1 maximises the primary objective with a relative
 * gap of 0, starting from the model's known solution; stage 2 minimises the secondary objective
 * with the primary kept at stage 1's value. Blocking: call it from a worker (see worker.ts).
 */
import * as highsPackage from 'highs';
import type { Highs, Model } from 'highs';
import type { LexicographicMilp } from '../domain/plan.js';

export type SolveStatus = 'optimal' | 'time_limit';

export interface StageResult {
  status: SolveStatus;
  /** The objective of the solution found. */
  objective: number;
  /** The best bound proven (for stage 1 an upper bound, for stage 2 a lower bound). */
  bound: number;
  /** Relative gap `|bound - objective| / max(1, |objective|)`; 0 when optimal. */
  gap: number;
  solveMs: number;
}

export interface LexicographicResult {
  /** `optimal` only when both stages proved optimality. */
  status: SolveStatus;
  values: Float64Array;
  primary: StageResult;
  secondary: StageResult | null;
  solveMs: number;
}

export interface SolveOptions {
  /** Seconds for both stages together. */
  timeLimitS: number;
}

let runtime: Promise<Highs> | null = null;

/**
 * The package's loader. Its types describe a CommonJS module while Node imports its ES build, so
 * the default export is looked up whichever way it arrives.
 */
function loader(): () => Promise<Highs> {
  const exported = (highsPackage as unknown as { default: unknown }).default;
  return (typeof exported === 'function' ? exported : (exported as { default: unknown }).default) as () => Promise<Highs>;
}

function highs(): Promise<Highs> {
  runtime ??= loader()();
  return runtime;
}

function relativeGap(objective: number, bound: number): number {
  return Math.abs(bound - objective) / Math.max(1, Math.abs(objective));
}

function runStage(
  api: Highs,
  milp: LexicographicMilp,
  stage: { cost: Float64Array; offset: number; maximise: boolean; extraRow: { lower: number; upper: number; values: Float64Array } | null; start: Float64Array; timeLimitS: number },
): StageResult & { values: Float64Array } {
  const startedAt = performance.now();
  const extra = stage.extraRow;
  let starts = milp.rowStarts;
  let indices = milp.rowIndices;
  let values = milp.rowValues;
  let rowLower = milp.rowLower;
  let rowUpper = milp.rowUpper;
  if (extra) {
    const cols: number[] = [];
    const coefficients: number[] = [];
    extra.values.forEach((value, col) => {
      if (value !== 0) {
        cols.push(col);
        coefficients.push(value);
      }
    });
    const nnz = milp.rowIndices.length;
    starts = Int32Array.from([...milp.rowStarts, nnz + cols.length]);
    indices = new Int32Array(nnz + cols.length);
    indices.set(milp.rowIndices);
    indices.set(cols, nnz);
    values = new Float64Array(nnz + cols.length);
    values.set(milp.rowValues);
    values.set(coefficients, nnz);
    rowLower = Float64Array.from([...milp.rowLower, extra.lower]);
    rowUpper = Float64Array.from([...milp.rowUpper, extra.upper]);
  }
  const numRows = rowLower.length;
  const model: Model = api.createModel();
  try {
    const infinity = api.infinity;
    const finite = (array: Float64Array) => Float64Array.from(array, (value) => (value === Infinity ? infinity : value === -Infinity ? -infinity : value));
    model.passModel({
      numCols: milp.numCols,
      numRows,
      sense: stage.maximise ? api.constants.objectiveSense.maximize : api.constants.objectiveSense.minimize,
      offset: stage.offset,
      colCost: stage.cost,
      colLower: milp.colLower,
      colUpper: milp.colUpper,
      rowLower: finite(rowLower),
      rowUpper: finite(rowUpper),
      matrix: { format: 'csr', numRows, numCols: milp.numCols, starts, indices, values },
      integrality: milp.integrality as Int32Array,
    });
    model.options.set({
      output_flag: false,
      mip_rel_gap: 0,
      time_limit: Math.max(0.05, stage.timeLimitS),
      random_seed: 0,
    });
    if (milp.numCols > 0) model.setSolution({ colValue: stage.start });
    const run = model.run();
    const status = run.modelStatus;
    const solution = model.getSolution().colValue;
    const objective = model.getObjectiveValue();
    const solveMs = performance.now() - startedAt;
    if (status === api.constants.modelStatus.optimal || status === api.constants.modelStatus.empty) {
      return { status: 'optimal', objective, bound: objective, gap: 0, solveMs, values: Float64Array.from(solution) };
    }
    if (status === api.constants.modelStatus.timeLimit || status === api.constants.modelStatus.interrupted) {
      const primalStatus = Number(model.info.get('primal_solution_status'));
      let bound = Number(model.info.get('mip_dual_bound'));
      // Stopped before the root relaxation: the bound every column at its best gives.
      if (!Number.isFinite(bound)) bound = trivialBound(milp, stage.cost, stage.offset, stage.maximise);
      // Without an incumbent (never, as the start is feasible) fall back to the start.
      const hasSolution = primalStatus === api.constants.solutionStatus.feasible;
      const found = hasSolution ? Float64Array.from(solution) : Float64Array.from(stage.start);
      const foundObjective = hasSolution ? objective : stage.offset + dot(stage.cost, stage.start);
      return { status: 'time_limit', objective: foundObjective, bound, gap: relativeGap(foundObjective, bound), solveMs, values: found };
    }
    throw new Error(`HiGHS ended with model status ${status}`);
  } finally {
    model.dispose();
  }
}

function trivialBound(milp: LexicographicMilp, cost: Float64Array, offset: number, maximise: boolean): number {
  let bound = offset;
  cost.forEach((value, col) => {
    const best = maximise === value > 0 ? milp.colUpper[col]! : milp.colLower[col]!;
    bound += value * best;
  });
  return bound;
}

function dot(a: Float64Array, b: Float64Array): number {
  let sum = 0;
  for (let index = 0; index < a.length; index++) sum += a[index]! * b[index]!;
  return sum;
}

/**
 * Solves the model lexicographically within the time limit: stage 1 maximises `primary` (whole
 * numbers at every integral solution, relative gap 0), stage 2 minimises `secondary` subject to
 * `primary >= stage 1's value` (written as `> value - 0.5`, exact for whole numbers).
 *
 * @example await solveLexicographic(buildPlanModel(problem).milp, { timeLimitS: 20 })
 */
export async function solveLexicographic(milp: LexicographicMilp, options: SolveOptions): Promise<LexicographicResult> {
  const startedAt = performance.now();
  if (milp.numCols === 0) {
    const stage: StageResult = { status: 'optimal', objective: milp.primaryOffset, bound: milp.primaryOffset, gap: 0, solveMs: 0 };
    return { status: 'optimal', values: new Float64Array(0), primary: stage, secondary: { ...stage, objective: 0, bound: 0 }, solveMs: 0 };
  }
  const api = await highs();
  const deadline = startedAt + options.timeLimitS * 1000;
  const first = runStage(api, milp, { cost: milp.primary, offset: milp.primaryOffset, maximise: true, extraRow: null, start: milp.start, timeLimitS: options.timeLimitS });
  const achieved = Math.round(first.objective);
  const remainingS = (deadline - performance.now()) / 1000;
  let second: (StageResult & { values: Float64Array }) | null = null;
  if (remainingS > 0.05) {
    second = runStage(api, milp, {
      cost: milp.secondary,
      offset: 0,
      maximise: false,
      extraRow: { lower: achieved - milp.primaryOffset - 0.5, upper: Infinity, values: milp.primary },
      start: first.values,
      timeLimitS: remainingS,
    });
  }
  const values = second ? second.values : first.values;
  const status: SolveStatus = first.status === 'optimal' && second?.status === 'optimal' ? 'optimal' : 'time_limit';
  const strip = ({ values: _values, ...stage }: StageResult & { values: Float64Array }): StageResult => stage;
  return {
    status,
    values,
    primary: strip(first),
    secondary: second ? strip(second) : null,
    solveMs: performance.now() - startedAt,
  };
}
