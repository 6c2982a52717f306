import type { Area } from '../../../server/contracts/areas.js';
import type { Party } from '../../../server/contracts/parties.js';
import type { TaskResponse } from '../../../server/contracts/tasks.js';
import type { User } from '../../../server/contracts/users.js';
import { api } from '../api.js';
import { AreaCtrl } from '../area/ctrl.js';
import { renderAreaPage } from '../area/view.js';

export type AreaLoad = Promise<[Area, TaskResponse[], Party[], typeof import('../timeline/view.js')]>;

/**
 * Starts fetching an area's page data and the timeline code (a separate chunk: vis-timeline
 * is most of the bundle); the router starts it before the session check answers.
 */
export function loadArea(areaId: string): AreaLoad {
  return Promise.all([api.area(areaId), api.areaTasks(areaId), api.parties(), import('../timeline/view.js')]);
}

/** The area page: one model (area/ctrl.ts), the timeline and a side panel with the pairs, scenario, task and snapshots. */
export async function renderArea(
  main: HTMLElement,
  load: AreaLoad,
  user: User,
  today: Date,
  { proposalId = null, scenarioId = null }: { proposalId?: string | null; scenarioId?: string | null } = {},
): Promise<() => void> {
  const [area, tasks, parties, timelineModule] = await load;
  const ctrl = new AreaCtrl(area, tasks, parties, user, today);
  const dispose = renderAreaPage(main, ctrl, timelineModule);
  // The timeline shows at once; the pairs follow when the detector has answered.
  void ctrl.loadPairs();
  // Opened from the inbox: the proposal's change drawn as a ghost (issue 17).
  if (proposalId) void api.proposal(proposalId).then((proposal) => ctrl.focusProposal(proposal), () => undefined);
  // Opened from a programme's plan: its scenario, on this area's timeline.
  if (scenarioId) {
    ctrl.openPanel('scenario');
    void ctrl.openScenario(scenarioId);
  }
  // The live meeting screen: others' changes arrive in place.
  const stopLive = ctrl.startLive();
  return () => {
    stopLive();
    dispose();
  };
}
