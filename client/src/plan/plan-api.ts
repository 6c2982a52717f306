import type { CreatePlanBody, PlanResponse } from '../../../server/contracts/plans.js';
import type { ScenarioResponse } from '../../../server/contracts/scenarios.js';
import { request } from '../api.js';

export const planApi = {
  /** Starts a plan and answers at once (202); poll {@link planApi.plan} until it is no longer `solving`. */
  start: (body: Partial<Omit<CreatePlanBody, 'wait'>>) => request<PlanResponse>('POST', '/api/plans', { ...body, wait: false }),
  plan: (planId: string) => request<PlanResponse>('GET', `/api/plans/${encodeURIComponent(planId)}`),
  /** Stops the solve on the server; answers the plan as it ended (cancelled, or finished just before). */
  cancel: (planId: string) => request<PlanResponse>('DELETE', `/api/plans/${encodeURIComponent(planId)}`),
  /** The scenario a finished plan was saved as. */
  scenario: (scenarioId: string) => request<ScenarioResponse>('GET', `/api/scenarios/${encodeURIComponent(scenarioId)}`),
};
