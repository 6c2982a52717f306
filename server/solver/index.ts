/**
 * Solves a plan's model, or computes a whole plan from its tasks, in a worker thread, with a time
 * limit, cancellable: the server stays responsive while the model is built and HiGHS works.
 */
import { Worker } from 'node:worker_threads';
import type { LexicographicMilp } from '../domain/plan.js';
import type { LexicographicResult } from './highs.js';
import type { PlanJob, PlanOutcome } from './plan-job.js';
import type { WorkerReply, WorkerTask } from './worker.js';

import { MAX_TIME_LIMIT_S } from './limits.js';

export { DEFAULT_TIME_LIMIT_S, MAX_TIME_LIMIT_S } from './limits.js';

export class SolveCancelled extends Error {
  constructor() {
    super('the solve was cancelled');
    this.name = 'SolveCancelled';
  }
}

/** The worker did not answer within its time limit and a margin: it was stopped. */
export class SolveOverran extends Error {
  constructor() {
    super('the solver overran its time limit');
    this.name = 'SolveOverran';
  }
}

export interface RunningSolve<T = LexicographicResult> {
  result: Promise<T>;
  /** Stops the solve at once; `result` then rejects with {@link SolveCancelled}. */
  cancel(): void;
}

/**
 * The worker runs TypeScript through tsx's loader, as the server itself does (npm start and the
 * tests both run the sources).
 */
function workerSource(): string {
  const url = new URL('./worker.ts', import.meta.url).href;
  return `import('tsx/esm/api').then((api) => api.tsImport(${JSON.stringify(url)}, ${JSON.stringify(import.meta.url)}))`;
}

/** Runs one task in a new worker thread, stopped by cancel or by a hard limit past its own. */
function startWorker<T>(task: WorkerTask, limit: number): RunningSolve<T> {
  const worker = new Worker(workerSource(), { eval: true, workerData: task });
  worker.unref();
  let settle: { resolve: (result: T) => void; reject: (error: Error) => void } | null = null;
  const result = new Promise<T>((resolve, reject) => {
    settle = { resolve, reject };
  });
  const finish = (outcome: { result: T } | { error: Error }) => {
    if (!settle) return;
    const { resolve, reject } = settle;
    settle = null;
    clearTimeout(guard);
    void worker.terminate();
    if ('result' in outcome) resolve(outcome.result);
    else reject(outcome.error);
  };
  // Loading the runtime and building take a few seconds at most; past that the worker is stuck.
  const guard = setTimeout(() => finish({ error: new SolveOverran() }), (limit + 30) * 1000);
  guard.unref();
  worker.on('message', (reply: WorkerReply<T>) => finish(reply.ok ? { result: reply.result } : { error: new Error(reply.message) }));
  worker.on('error', (error) => finish({ error }));
  worker.on('exit', (code) => finish({ error: new Error(`the solver stopped (exit code ${code})`) }));
  return { result, cancel: () => finish({ error: new SolveCancelled() }) };
}

function clampLimit(timeLimitS: number): number {
  return Math.min(Math.max(timeLimitS, 0.1), MAX_TIME_LIMIT_S);
}

/**
 * Starts solving `milp` in a new worker thread. The worker's own time limit ends the solve with
 * the best plan so far; a hard stop a few seconds later guards against a solver that overruns.
 *
 * @example const solve = startSolve(model.milp, 20); const result = await solve.result;
 */
export function startSolve(milp: LexicographicMilp, timeLimitS: number): RunningSolve {
  const limit = clampLimit(timeLimitS);
  return startWorker<LexicographicResult>({ solveRequest: { milp, timeLimitS: limit } }, limit);
}

/**
 * Computes a whole plan in a new worker thread: the model is built, solved, checked and explained
 * there, so the request thread only reads the tasks. Limits and cancelling as {@link startSolve}.
 *
 * @example const plan = startPlan({ tasks, rules, options, actor, timeLimitS: 20 }); const { status, result } = await plan.result;
 */
export function startPlan(job: PlanJob): RunningSolve<PlanOutcome> {
  const limit = clampLimit(job.timeLimitS);
  return startWorker<PlanOutcome>({ planJob: { ...job, timeLimitS: limit } }, limit);
}
