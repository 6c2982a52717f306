import type { FastifyInstance } from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ProposalResponse } from '../../server/contracts/proposals.js';
import type { TaskResponse } from '../../server/contracts/tasks.js';
import { findUserRowByEmail, toActor } from '../../server/db/repositories/users.js';
import { DomainError } from '../../server/domain/errors.js';
import { parseMonth } from '../../server/domain/months.js';
import { acceptProposal } from '../../server/use-cases/proposals.js';
import { buildTestApp, clientAs, expectProblem, ifMatch, type TestClient } from '../helpers/app.js';

let app: FastifyInstance;
let hdsr: TestClient;
let rws: TestClient;
let director: TestClient;
let viewer: TestClient;
let tasks: Map<string, TaskResponse>;

beforeEach(async () => {
  app = await buildTestApp({ seedDemo: true });
  hdsr = await clientAs(app, 'hdsr@demo.local');
  rws = await clientAs(app, 'rws-on@demo.local');
  director = await clientAs(app, 'regisseur@demo.local');
  viewer = await clientAs(app, 'lezer@demo.local');
  const list: TaskResponse[] = (await viewer.get('/api/areas/sterke-lekdijk/tasks')).json();
  tasks = new Map(list.map((task) => [task.externalRef!, task]));
});
afterEach(() => app.close());

const task = (ref: string) => tasks.get(ref)!;

async function propose(client: TestClient, body: object): Promise<ProposalResponse> {
  const response = await client.post('/api/proposals', body);
  expect(response.statusCode, response.body).toBe(201);
  return response.json();
}

async function status(id: string): Promise<string> {
  return (await viewer.get(`/api/proposals/${id}`)).json().status;
}

describe('a proposal between parties', () => {
  it('is made by a director, shows in the owning party’s inbox, and accepting applies it as the accepting user, audited', async () => {
    const icu = task('SLD-ICU');
    const proposal = await propose(director, { taskId: icu.id, shiftMonths: 12, reason: 'Gelijk met de uiterwaard', pairRef: { dikeTaskId: icu.id, otherTaskId: task('PU-NHW-CUB').id } });
    expect(proposal).toMatchObject({ status: 'open', partyId: 'hdsr', taskVersion: icu.version, change: { kind: 'shift', shiftMonths: 12 } });

    const inbox: ProposalResponse[] = (await hdsr.get('/api/proposals?partyId=hdsr&status=open')).json();
    expect(inbox.map((item) => item.id)).toEqual([proposal.id]);

    // The area's task list is kept per data version: warm it, so the accept must make it stale.
    expect((await viewer.get('/api/areas/sterke-lekdijk/tasks')).json().find((each: TaskResponse) => each.id === icu.id).phases).toEqual(icu.phases);
    const accepted = await hdsr.post(`/api/proposals/${proposal.id}/accept`, { note: 'Akkoord in het DB-overleg' });
    expect(accepted.statusCode, accepted.body).toBe(200);
    const body = accepted.json();
    expect(body.proposal).toMatchObject({ status: 'accepted', decisionNote: 'Akkoord in het DB-overleg', decidedBy: { label: 'hdsr@demo.local' } });
    expect(body.task.version).toBe(icu.version + 1);
    // Verkenning and planuitwerking started before 2026-11 and stay; the realisation moves a year.
    expect(body.task.phases).toEqual([icu.phases[0], icu.phases[1], { kind: 'realisatie', start: '2030-01', end: '2033-12' }]);
    expect((await viewer.get('/api/areas/sterke-lekdijk/tasks')).json().find((each: TaskResponse) => each.id === icu.id).phases).toEqual(body.task.phases);

    const mine: ProposalResponse[] = (await director.get('/api/proposals?mine=true')).json();
    expect(mine.map((item) => [item.id, item.status])).toEqual([[proposal.id, 'accepted']]);

    const taskAudit = await app.db.selectFrom('audit_log').selectAll().where('entity_type', '=', 'task').where('entity_id', '=', icu.id).where('action', '=', 'update').execute();
    const proposalAudit = await app.db.selectFrom('audit_log').selectAll().where('entity_type', '=', 'proposal').where('entity_id', '=', proposal.id).orderBy('at').execute();
    expect(taskAudit).toHaveLength(1);
    expect(taskAudit[0]!.actor_label).toBe('hdsr@demo.local');
    expect(proposalAudit.map((row) => row.action)).toEqual(['create', 'update']);
    expect(JSON.parse(proposalAudit[1]!.after_json!)).toMatchObject({ status: 'accepted', appliedTaskVersion: icu.version + 1 });
    expect(proposalAudit[1]!.request_id).toBe(taskAudit[0]!.request_id);
  });

  it('is declined with a note, and a decline without one is refused', async () => {
    const proposal = await propose(director, { taskId: task('SLD-ICU').id, shiftMonths: 6, reason: 'Grond uitwisselen' });
    expectProblem(await hdsr.post(`/api/proposals/${proposal.id}/decline`, {}), 400, 'validation');
    const declined = await hdsr.post(`/api/proposals/${proposal.id}/decline`, { note: 'Vergunning loopt al' });
    expect(declined.statusCode, declined.body).toBe(200);
    expect(declined.json()).toMatchObject({ status: 'declined', decisionNote: 'Vergunning loopt al' });
    expect((await hdsr.post(`/api/proposals/${proposal.id}/accept`, {})).json()).toMatchObject({ status: 409, messageCode: 'proposal_not_open' });
    expect((await viewer.get(`/api/tasks/${task('SLD-ICU').id}`)).json().version).toBe(task('SLD-ICU').version);
  });

  it('is withdrawn by its maker only', async () => {
    const proposal = await propose(director, { taskId: task('SLD-ICU').id, shiftMonths: 6, reason: 'Proef' });
    expect((await hdsr.post(`/api/proposals/${proposal.id}/withdraw`)).json()).toMatchObject({ status: 403, messageCode: 'proposal_not_maker' });
    const withdrawn = await director.post(`/api/proposals/${proposal.id}/withdraw`);
    expect(withdrawn.json()).toMatchObject({ status: 'withdrawn' });
  });

  it('refuses accepting when the task changed since, with the current task; the maker re-bases and it is accepted', async () => {
    const icu = task('SLD-ICU');
    const proposal = await propose(director, { taskId: icu.id, shiftMonths: 12, reason: 'Gelijk met de uiterwaard' });
    const renamed = await hdsr.patch(`/api/tasks/${icu.id}`, { title: 'Irenesluis-Culemborg (hernoemd)' }, ifMatch(icu));
    expect(renamed.statusCode, renamed.body).toBe(200);
    expect(await status(proposal.id)).toBe('open');

    const stale = expectProblem(await hdsr.post(`/api/proposals/${proposal.id}/accept`, {}), 409, 'conflict') as { current?: TaskResponse };
    expect(stale.current).toMatchObject({ id: icu.id, version: icu.version + 1, title: 'Irenesluis-Culemborg (hernoemd)' });
    expect((await viewer.get(`/api/tasks/${icu.id}`)).json().phases).toEqual(icu.phases);

    expect((await hdsr.post(`/api/proposals/${proposal.id}/rebase`)).statusCode).toBe(403);
    const rebased = await director.post(`/api/proposals/${proposal.id}/rebase`);
    expect(rebased.json()).toMatchObject({ status: 'open', taskVersion: icu.version + 1, change: { kind: 'shift', shiftMonths: 12 } });
    expect((await hdsr.post(`/api/proposals/${proposal.id}/accept`, {})).statusCode).toBe(200);
  });

  it('refuses a change the past forbids, when made and when accepted later', async () => {
    expectProblem(await director.post('/api/proposals', { taskId: task('SLD-ICU').id, shiftMonths: -12, reason: 'Eerder' }), 422, 'rule_violation');
    expect((await director.post('/api/proposals', { taskId: task('SLD-WAM').id, shiftMonths: 6, reason: 'Later' })).json()).toMatchObject({ messageCode: 'proposal_no_window' });

    const proposal = await propose(director, { taskId: task('SLD-ICU').id, shiftMonths: 12, reason: 'Later' });
    // Accepted once the realisation (2029-01) has started: the past is fixed.
    const row = (await findUserRowByEmail(app.db, 'hdsr@demo.local'))!;
    const later = { actor: toActor(row), requestId: null, now: new Date().toISOString(), month: parseMonth('2029-06')! };
    const refusal = await acceptProposal(app.db, later, proposal.id, null).catch((error: unknown) => error);
    expect(refusal).toBeInstanceOf(DomainError);
    expect((refusal as DomainError).userMessage).toMatchObject({ code: 'proposal_started' });
    expect(await status(proposal.id)).toBe('open');
  });

  it('refuses accepting a change that breaks the owning party’s capacity, with the violations', async () => {
    // hdsr may have 3 HWBP sections in realisation at once; 2027 already has 3.
    const proposal = await propose(director, { taskId: task('SLD-JAV').id, shiftMonths: -6, reason: 'Eerder beginnen' });
    const refused = await hdsr.post(`/api/proposals/${proposal.id}/accept`, {});
    expect(refused.json()).toMatchObject({ status: 422, messageCode: 'proposal_capacity' });
    expect(refused.json().violations[0]).toMatchObject({ type: 'capacity_concurrent', partyId: 'hdsr', month: '2027-07', count: 4, limit: 3 });
    expect(await status(proposal.id)).toBe('open');
  });

  it('takes new phases or a new window as well', async () => {
    const nhw = task('PU-NHW-CUB');
    const phases = [
      { kind: 'planuitwerking', start: '2028-01', end: '2030-06' },
      { kind: 'realisatie', start: '2030-07', end: '2032-06' },
    ];
    const byPhases = await propose(hdsr, { taskId: nhw.id, phases, reason: 'Aansluiten op de dijk' });
    const accepted = await clientAs(app, 'prov-utrecht@demo.local').then((client) => client.post(`/api/proposals/${byPhases.id}/accept`, {}));
    expect(accepted.statusCode, accepted.body).toBe(200);
    expect(accepted.json().task.phases).toEqual(phases);

    const byWindow = await propose(hdsr, { taskId: task('SLD-ICU').id, window: { earliestStart: '2022-01', latestEnd: '2040-12' }, reason: 'Ruimer' });
    expect(byWindow.change).toEqual({ kind: 'window', window: { earliestStart: '2022-01', latestEnd: '2040-12' } });
    expectProblem(await director.post('/api/proposals', { taskId: nhw.id, shiftMonths: 3, phases, reason: 'Twee' }), 400, 'validation');
  });

  it('is superseded when the task’s schedule changes another way or the task is deleted', async () => {
    const cub = task('SLD-CUB');
    const onCub = await propose(director, { taskId: cub.id, shiftMonths: 6, reason: 'Later' });
    const moved = await hdsr.patch(`/api/tasks/${cub.id}`, { window: { earliestStart: '2019-03', latestEnd: '2036-12' } }, ifMatch(cub));
    expect(moved.statusCode, moved.body).toBe(200);
    expect(await status(onCub.id)).toBe('superseded');

    const nhw = task('PU-NHW-CUB');
    const onNhw = await propose(director, { taskId: nhw.id, shiftMonths: 1, reason: 'Later' });
    const province = await clientAs(app, 'prov-utrecht@demo.local');
    expect((await province.delete(`/api/tasks/${nhw.id}`, ifMatch(nhw))).statusCode).toBe(204);
    const superseded = (await viewer.get(`/api/proposals/${onNhw.id}`)).json();
    expect(superseded).toMatchObject({ status: 'superseded', taskTitle: nhw.title });
  });

  it('lets only the owning party’s editors and planners or an admin answer, and viewers never propose', async () => {
    const proposal = await propose(rws, { taskId: task('SLD-ICU').id, shiftMonths: 6, reason: 'Oever' });
    for (const client of [rws, director, viewer]) {
      expect((await client.post(`/api/proposals/${proposal.id}/accept`, {})).json()).toMatchObject({ status: 403, messageCode: 'proposal_not_owner' });
    }
    expect((await viewer.post('/api/proposals', { taskId: task('SLD-ICU').id, shiftMonths: 6, reason: 'x' })).json()).toMatchObject({ status: 403, messageCode: 'proposal_viewer' });
    expect((await clientAs(app).then((admin) => admin.post(`/api/proposals/${proposal.id}/accept`, {}))).statusCode).toBe(200);
  });

  it('turns every move of another party’s task in a scenario into one bundle of proposals (Voorleggen)', async () => {
    const wl = await clientAs(app, 'wl@demo.local');
    const vierwaarden = new Map(((await viewer.get('/api/areas/vierwaarden/tasks')).json() as TaskResponse[]).map((each) => [each.externalRef!, each.id]));
    const scenario = (await wl.post('/api/scenarios', { name: 'Samen', areaId: 'vierwaarden' })).json();
    const moves = [
      { taskId: vierwaarden.get('VW-LOTTUM')!, shiftMonths: 18 },
      { taskId: vierwaarden.get('VW-RIVIERVERRUIMING')!, shiftMonths: 6 },
      { taskId: vierwaarden.get('PL-NATUUR-VW')!, shiftMonths: 12 },
    ];
    expect((await wl.put(`/api/scenarios/${scenario.id}/moves`, moves)).statusCode).toBe(200);
    const bundle = await wl.post(`/api/scenarios/${scenario.id}/proposals`, { reason: 'Uit scenario Samen' });
    expect(bundle.statusCode, bundle.body).toBe(201);
    const { bundleId, proposals } = bundle.json() as { bundleId: string; proposals: ProposalResponse[] };
    // wl's own section it can move itself: only the other parties' tasks are proposed.
    expect(proposals.map((proposal) => [proposal.partyId, proposal.change, proposal.bundleId, proposal.scenarioId]).sort()).toEqual([
      ['prov-limburg', { kind: 'shift', shiftMonths: 12 }, bundleId, scenario.id],
      ['rws-zn', { kind: 'shift', shiftMonths: 6 }, bundleId, scenario.id],
    ]);
    // Each is decided on its own.
    const rwsZuid = await clientAs(app, 'rws-zn@demo.local');
    const forRws = proposals.find((proposal) => proposal.partyId === 'rws-zn')!;
    expect((await rwsZuid.post(`/api/proposals/${forRws.id}/decline`, { note: 'Past niet in de aanbesteding' })).statusCode).toBe(200);
    expect(await status(proposals.find((proposal) => proposal.partyId === 'prov-limburg')!.id)).toBe('open');
  });
});
