/**
 * Runs one lexicographic solve off the request thread. Loaded by {@link startSolve} in a
 * worker_threads worker: it receives the model, solves it with HiGHS and posts the result back.
 * Cancelling terminates the worker (HiGHS blocks its thread, so nothing gentler can stop it).
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { LexicographicMilp } from '../domain/plan.js';
import { solveLexicographic, type LexicographicResult } from './highs.js';

export interface SolveRequest {
  milp: LexicographicMilp;
  timeLimitS: number;
}

export type SolveReply = { ok: true; result: LexicographicResult } | { ok: false; message: string };

if (parentPort && workerData && (workerData as { solveRequest?: SolveRequest }).solveRequest) {
  const request = (workerData as { solveRequest: SolveRequest }).solveRequest;
  const port = parentPort;
  solveLexicographic(request.milp, { timeLimitS: request.timeLimitS }).then(
    (result) => port.postMessage({ ok: true, result } satisfies SolveReply),
    (error: unknown) => port.postMessage({ ok: false, message: error instanceof Error ? error.message : String(error) } satisfies SolveReply),
  );
}
