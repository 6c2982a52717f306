import type { AlignmentReportResponse, AreaSummary } from '../../server/contracts/alignments.js';
import type { Area } from '../../server/contracts/areas.js';
import type { MessageParam, Problem } from '../../server/contracts/common.js';
import type { DikeTraject } from '../../server/contracts/dike-trajects.js';
import type { Party } from '../../server/contracts/parties.js';
import type { EvaluationResponse, ScenarioResponse } from '../../server/contracts/scenarios.js';
import type { PlanDiff, PublicSharedSnapshot, SharedSnapshot, SnapshotSummary } from '../../server/contracts/snapshots.js';
import type { CreateTaskBody, TaskHistory, TaskPatch, TaskResponse } from '../../server/contracts/tasks.js';
import type { CreateUserBody, PatchUserBody, User } from '../../server/contracts/users.js';
import type { AreaDirector, CreateAreaBody, PatchAreaBody } from '../../server/contracts/areas.js';
import type { CreatePartyBody } from '../../server/contracts/parties.js';
import type { OverviewResponse, ProgrammeResponse } from '../../server/contracts/programmes.js';
import type { PutSoilSettingsBody, SoilLedgerResponse, SoilSettingsResponse } from '../../server/contracts/soil.js';
import type { AgendaItemResponse, CreateAgendaItemBody, CreateProposalBody, PatchAgendaItemBody, ProposalResponse } from '../../server/contracts/proposals.js';

/** A failed request, carrying the server's problem details for the UI to show. */
export class ApiError extends Error {
  constructor(readonly problem: Problem) {
    super(`${problem.title}: ${problem.detail}`);
  }
}

export async function request<T>(method: string, url: string, body?: unknown, headers: Record<string, string> = {}): Promise<T> {
  let response: Response;
  // A form (file upload) sets its own multipart content type; everything else is JSON.
  const isForm = body instanceof FormData;
  try {
    response = await fetch(url, {
      method,
      credentials: 'same-origin',
      headers: { accept: 'application/json', ...(body === undefined || isForm ? {} : { 'content-type': 'application/json' }), ...headers },
      ...(body === undefined ? {} : { body: isForm ? body : JSON.stringify(body) }),
    });
  } catch {
    throw new ApiError({
      type: 'about:blank',
      title: 'Network error',
      status: 0,
      detail: 'the server could not be reached',
      instance: url,
      code: 'network',
      requestId: '',
      messageCode: 'server_unreachable',
      messageParams: {},
    });
  }
  if (response.status === 204) return undefined as T;
  const payload = await response.json().catch(() => null);
  if (!response.ok) {
    throw new ApiError(
      payload && typeof payload.title === 'string'
        ? payload
        : { type: 'about:blank', title: response.statusText, status: response.status, detail: '', instance: url, code: 'http', requestId: '' },
    );
  }
  return payload as T;
}

export interface DemoAccounts {
  demo: boolean;
  password: string | null;
  accounts: { email: string; name: string; role: User['role']; partyId: string | null }[];
}

export interface ImportResult {
  dryRun: boolean;
  created: { row: number; externalRef: string; title: string; areaId: string }[];
  updated: { row: number; externalRef: string; title: string; areaId: string; taskId: string; changes: { field: string; from: unknown; to: unknown }[] }[];
  unchanged: { row: number; externalRef: string; areaId: string; taskId: string }[];
  skippedOtherParties: number;
  skippedExampleRows: number[];
  /** Each wrong cell's message is a code with params, as a problem's, in the reader's language. */
  errors: { row: number; column: string; value: string; messageCode: string; messageParams: Record<string, MessageParam> }[];
}

let dikeTrajectList: Promise<DikeTraject[]> | null = null;
const ifMatch = (version: number) => ({ 'if-match': `"${version}"` });
type RevokedCredentials = { revokedCredentials: { sessions: number; apiTokens: number } };

export const api = {
  login: (email: string, password: string) => request<User>('POST', '/api/auth/login', { email, password }),
  logout: () => request<void>('POST', '/api/auth/logout'),
  me: () => request<User>('GET', '/api/auth/me'),
  demoAccounts: () => request<DemoAccounts>('GET', '/api/auth/demo-accounts'),
  areaSummaries: () => request<AreaSummary[]>('GET', '/api/area-summaries'),
  area: (areaId: string) => request<Area>('GET', `/api/areas/${encodeURIComponent(areaId)}`),
  areaTasks: (areaId: string) => request<TaskResponse[]>('GET', `/api/areas/${encodeURIComponent(areaId)}/tasks`),
  alignments: (areaId: string, limit: number, minOverlap = 1) =>
    request<AlignmentReportResponse>(
      'GET',
      `/api/areas/${encodeURIComponent(areaId)}/alignments?minOverlap=${minOverlap}&limit=${limit}`,
    ),
  parties: () => request<Party[]>('GET', '/api/parties'),
  dikeTraject: (trajectId: string) => request<DikeTraject>('GET', `/api/dike-trajects/${encodeURIComponent(trajectId)}`),
  scenarios: (areaId: string) => request<ScenarioResponse[]>('GET', `/api/scenarios?areaId=${encodeURIComponent(areaId)}`),
  createScenario: (name: string, areaId: string) => request<ScenarioResponse>('POST', '/api/scenarios', { name, areaId }),
  setMoves: (scenarioId: string, moves: readonly { taskId: string; shiftMonths: number }[]) =>
    request<ScenarioResponse>(
      'PUT',
      `/api/scenarios/${encodeURIComponent(scenarioId)}/moves`,
      // The task versions a scenario records are the server's to set.
      moves.map(({ taskId, shiftMonths }) => ({ taskId, shiftMonths })),
    ),
  rebaseScenario: (scenarioId: string) => request<ScenarioResponse>('POST', `/api/scenarios/${encodeURIComponent(scenarioId)}/rebase`),
  swap: (scenarioId: string, taskIdA: string, taskIdB: string) =>
    request<ScenarioResponse>('POST', `/api/scenarios/${encodeURIComponent(scenarioId)}/swap`, { taskIdA, taskIdB }),
  evaluation: (scenarioId: string) => request<EvaluationResponse>('GET', `/api/scenarios/${encodeURIComponent(scenarioId)}/evaluation`),
  applyScenario: (scenarioId: string) => request<unknown>('POST', `/api/scenarios/${encodeURIComponent(scenarioId)}/apply`),
  snapshots: (areaId: string) => request<SnapshotSummary[]>('GET', `/api/snapshots?areaId=${encodeURIComponent(areaId)}`),
  createSnapshot: (body: { areaId: string; title: string; meetingDate: string | null }) => request<SnapshotSummary>('POST', '/api/snapshots', body),
  snapshotView: (snapshotId: string) => request<SharedSnapshot>('GET', `/api/snapshots/${encodeURIComponent(snapshotId)}/view`),
  snapshotDiff: (snapshotId: string, against: string) =>
    request<PlanDiff>('GET', `/api/snapshots/${encodeURIComponent(snapshotId)}/diff?against=${encodeURIComponent(against)}`),
  createShareLink: (snapshotId: string, expiresAt: string | null = null) =>
    request<{ id: string; url: string; token: string }>('POST', `/api/snapshots/${encodeURIComponent(snapshotId)}/share-links`, { expiresAt }),
  shareLinks: (snapshotId: string) =>
    request<{ id: string; createdAt: string; expiresAt: string | null; revokedAt: string | null }[]>('GET', `/api/snapshots/${encodeURIComponent(snapshotId)}/share-links`),
  revokeShareLink: (linkId: string) => request<void>('DELETE', `/api/share-links/${encodeURIComponent(linkId)}`),
  shared: (token: string) => request<PublicSharedSnapshot>('GET', `/api/shared/${encodeURIComponent(token)}`),
  importSheet: (file: File, dryRun: boolean) => {
    const form = new FormData();
    form.append('file', file);
    return request<ImportResult>('POST', `/api/imports?dryRun=${dryRun}`, form);
  },
  task: (taskId: string) => request<TaskResponse>('GET', `/api/tasks/${encodeURIComponent(taskId)}`),
  createTask: (body: CreateTaskBody) => request<TaskResponse>('POST', '/api/tasks', body),
  patchTask: (taskId: string, version: number, patch: TaskPatch) =>
    request<TaskResponse>('PATCH', `/api/tasks/${encodeURIComponent(taskId)}`, patch, ifMatch(version)),
  deleteTask: (taskId: string, version: number) => request<void>('DELETE', `/api/tasks/${encodeURIComponent(taskId)}`, undefined, ifMatch(version)),
  /** The national trajectory table, fetched once per page load (it changes with a new law, not daily). */
  dikeTrajects: () => {
    dikeTrajectList ??= request<DikeTraject[]>('GET', '/api/dike-trajects').catch((error: unknown) => {
      dikeTrajectList = null;
      throw error;
    });
    return dikeTrajectList;
  },
  applyScenarioResult: (scenarioId: string) =>
    request<{ scenario: ScenarioResponse; tasks: TaskResponse[] }>('POST', `/api/scenarios/${encodeURIComponent(scenarioId)}/apply`),
  areas: () => request<Area[]>('GET', '/api/areas'),
  createArea: (body: CreateAreaBody) => request<Area>('POST', '/api/areas', body),
  patchArea: (areaId: string, body: PatchAreaBody) => request<Area>('PATCH', `/api/areas/${encodeURIComponent(areaId)}`, body),
  areaDirectors: (areaId: string) => request<AreaDirector[]>('GET', `/api/areas/${encodeURIComponent(areaId)}/directors`),
  putAreaDirectors: (areaId: string, userIds: string[]) => request<AreaDirector[]>('PUT', `/api/areas/${encodeURIComponent(areaId)}/directors`, { userIds }),
  users: () => request<User[]>('GET', '/api/users'),
  createUser: (body: CreateUserBody) => request<User>('POST', '/api/users', body),
  patchUser: (userId: string, body: PatchUserBody) => request<User & RevokedCredentials>('PATCH', `/api/users/${encodeURIComponent(userId)}`, body),
  deleteUser: (userId: string) => request<{ id: string } & RevokedCredentials>('DELETE', `/api/users/${encodeURIComponent(userId)}`),
  createParty: (body: CreatePartyBody) => request<Party>('POST', '/api/parties', body),
  taskHistory: (taskId: string) => request<TaskHistory>('GET', `/api/tasks/${encodeURIComponent(taskId)}/history`),
  // Programme page and national overview (issue 14)
  programme: (partyId: string) => request<ProgrammeResponse>('GET', `/api/programmes/${encodeURIComponent(partyId)}`),
  overview: () => request<OverviewResponse>('GET', '/api/overview'),
  // Soil ledger (the Grond tab)
  soilLedger: (areaId: string, scenarioId: string | null = null) =>
    request<SoilLedgerResponse>('GET', `/api/areas/${encodeURIComponent(areaId)}/soil-ledger${scenarioId ? `?scenarioId=${encodeURIComponent(scenarioId)}` : ''}`),
  soilSettings: (areaId: string) => request<SoilSettingsResponse>('GET', `/api/areas/${encodeURIComponent(areaId)}/soil-settings`),
  putSoilSettings: (areaId: string, body: PutSoilSettingsBody) => request<SoilSettingsResponse>('PUT', `/api/areas/${encodeURIComponent(areaId)}/soil-settings`, body),
  // Proposals and the area table (issue 17).
  proposals: (query: { areaId?: string; partyId?: string; status?: ProposalResponse['status']; mine?: boolean }) =>
    request<ProposalResponse[]>('GET', `/api/proposals?${new URLSearchParams(Object.entries(query).flatMap(([key, value]) => (value === undefined ? [] : [[key, String(value)]])))}`),
  proposal: (proposalId: string) => request<ProposalResponse>('GET', `/api/proposals/${encodeURIComponent(proposalId)}`),
  createProposal: (body: CreateProposalBody) => request<ProposalResponse>('POST', '/api/proposals', body),
  acceptProposal: (proposalId: string, note: string | null) =>
    request<{ proposal: ProposalResponse; task: TaskResponse }>('POST', `/api/proposals/${encodeURIComponent(proposalId)}/accept`, note ? { note } : {}),
  declineProposal: (proposalId: string, note: string) => request<ProposalResponse>('POST', `/api/proposals/${encodeURIComponent(proposalId)}/decline`, { note }),
  withdrawProposal: (proposalId: string) => request<ProposalResponse>('POST', `/api/proposals/${encodeURIComponent(proposalId)}/withdraw`),
  proposeScenario: (scenarioId: string, reason: string) =>
    request<{ bundleId: string; proposals: ProposalResponse[] }>('POST', `/api/scenarios/${encodeURIComponent(scenarioId)}/proposals`, { reason }),
  agenda: (areaId: string) => request<AgendaItemResponse[]>('GET', `/api/areas/${encodeURIComponent(areaId)}/agenda`),
  createAgendaItem: (areaId: string, body: CreateAgendaItemBody) => request<AgendaItemResponse>('POST', `/api/areas/${encodeURIComponent(areaId)}/agenda`, body),
  patchAgendaItem: (itemId: string, body: PatchAgendaItemBody) => request<AgendaItemResponse>('PATCH', `/api/agenda/${encodeURIComponent(itemId)}`, body),
  commentAgendaItem: (itemId: string, text: string) => request<AgendaItemResponse>('POST', `/api/agenda/${encodeURIComponent(itemId)}/comments`, { text }),
  /** The area's live events (server-sent); the browser reconnects and resumes by itself. */
  areaEvents: (areaId: string) => new EventSource(`/api/areas/${encodeURIComponent(areaId)}/events`),
};
