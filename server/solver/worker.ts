/**
 * Runs one solve off the request thread. Loaded by {@link startSolve} or {@link startPlan} in a
 * worker_threads worker: it receives a model (or a whole plan job, which it builds, solves, checks
 * and explains), and posts the result back. Cancelling terminates the worker (HiGHS blocks its
 * thread, so nothing gentler can stop it).
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { LexicographicMilp } from '../domain/plan.js';
import { solveLexicographic, type LexicographicResult } from './highs.js';
import { runPlanJob, type PlanJob, type PlanOutcome } from './plan-job.js';

export interface SolveRequest {
  milp: LexicographicMilp;
  timeLimitS: number;
}

/** What the worker is given: a ready model, or a plan to compute from its tasks. */
export type WorkerTask = { solveRequest: SolveRequest } | { planJob: PlanJob };

export type WorkerReply<T> = { ok: true; result: T } | { ok: false; message: string };
export type SolveReply = WorkerReply<LexicographicResult>;
export type PlanReply = WorkerReply<PlanOutcome>;

function run(task: WorkerTask): Promise<LexicographicResult | PlanOutcome> {
  if ('planJob' in task) return runPlanJob(task.planJob);
  return solveLexicographic(task.solveRequest.milp, { timeLimitS: task.solveRequest.timeLimitS });
}

const task = workerData as Partial<WorkerTask> | null;
if (parentPort && task && ('solveRequest' in task || 'planJob' in task)) {
  const port = parentPort;
  run(task as WorkerTask).then(
    (result) => port.postMessage({ ok: true, result } satisfies WorkerReply<typeof result>),
    (error: unknown) => port.postMessage({ ok: false, message: error instanceof Error ? error.message : String(error) } satisfies WorkerReply<never>),
  );
}
