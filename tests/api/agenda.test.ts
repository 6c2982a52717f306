import type { FastifyInstance } from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AgendaItemResponse } from '../../server/contracts/proposals.js';
import type { TaskResponse } from '../../server/contracts/tasks.js';
import { buildTestApp, clientAs, expectProblem, type TestClient } from '../helpers/app.js';

let app: FastifyInstance;
let director: TestClient;
let hdsr: TestClient;
let wl: TestClient;
let viewer: TestClient;
let tasks: Map<string, TaskResponse>;

beforeEach(async () => {
  app = await buildTestApp({ seedDemo: true });
  director = await clientAs(app, 'regisseur@demo.local');
  hdsr = await clientAs(app, 'hdsr@demo.local');
  wl = await clientAs(app, 'wl@demo.local');
  viewer = await clientAs(app, 'lezer@demo.local');
  tasks = new Map(((await viewer.get('/api/areas/sterke-lekdijk/tasks')).json() as TaskResponse[]).map((task) => [task.externalRef!, task]));
});
afterEach(() => app.close());

const id = (ref: string) => tasks.get(ref)!.id;

async function created(response: Awaited<ReturnType<TestClient['post']>>): Promise<AgendaItemResponse> {
  expect(response.statusCode, response.body).toBe(201);
  return response.json();
}

describe("an area's agenda", () => {
  it('takes a finding and a proposal in one item, is discussed, decided at a meeting and closed, every step audited and told to the area', async () => {
    const proposal = (await director.post('/api/proposals', { taskId: id('SLD-ICU'), shiftMonths: 12, reason: 'Gelijk met de waterlinie' })).json();
    const item = await created(
      await director.post('/api/areas/sterke-lekdijk/agenda', {
        title: 'Irenesluis en waterlinie gelijk uitvoeren',
        text: 'Grond uit de waterlinie kan in de dijk.',
        links: [
          { kind: 'pair', dikeTaskId: id('SLD-ICU'), otherTaskId: id('PU-NHW-CUB') },
          { kind: 'proposal', proposalId: proposal.id },
        ],
      }),
    );
    expect(item).toMatchObject({ status: 'open', ownerPartyId: 'prov-utrecht', decision: null, links: [{ kind: 'pair' }, { kind: 'proposal' }] });

    const commented = await created(await hdsr.post(`/api/agenda/${item.id}/comments`, { text: 'Wij bekijken het in het DB.' }));
    expect(commented.comments).toMatchObject([{ text: 'Wij bekijken het in het DB.', author: { label: 'hdsr@demo.local', partyId: 'hdsr' } }]);

    expect((await director.patch(`/api/agenda/${item.id}`, { status: 'discussed' })).json()).toMatchObject({ status: 'discussed' });
    expectProblem(await director.patch(`/api/agenda/${item.id}`, { status: 'decided' }), 400, 'validation');

    const meeting = (await director.post('/api/snapshots', { areaId: 'sterke-lekdijk', title: 'Tafel maart' })).json();
    const decided = await director.patch(`/api/agenda/${item.id}`, { status: 'decided', decision: 'HDSR schuift de realisatie een jaar op.', decidedSnapshotId: meeting.id });
    expect(decided.json()).toMatchObject({ status: 'decided', decision: 'HDSR schuift de realisatie een jaar op.', decidedSnapshotId: meeting.id });
    expect(decided.json().decidedAt).toEqual(expect.any(String));
    expect((await director.patch(`/api/agenda/${item.id}`, { status: 'closed' })).json()).toMatchObject({ status: 'closed', decision: 'HDSR schuift de realisatie een jaar op.' });

    const agenda: AgendaItemResponse[] = (await viewer.get('/api/areas/sterke-lekdijk/agenda')).json();
    expect(agenda.map((each) => [each.id, each.status])).toEqual([[item.id, 'closed']]);

    const audit = await app.db.selectFrom('audit_log').selectAll().where('entity_type', '=', 'agenda_item').where('entity_id', '=', item.id).orderBy('at').orderBy('id').execute();
    expect(audit.map((row) => [row.action, row.actor_label])).toEqual([
      ['create', 'regisseur@demo.local'],
      ['update', 'hdsr@demo.local'],
      ['update', 'regisseur@demo.local'],
      ['update', 'regisseur@demo.local'],
      ['update', 'regisseur@demo.local'],
    ]);
    const events = await app.db.selectFrom('area_events').selectAll().where('area_id', '=', 'sterke-lekdijk').where('kind', '=', 'agenda_changed').orderBy('seq').execute();
    expect(events.map((event) => JSON.parse(event.payload_json).change)).toEqual(['created', 'commented', 'discussed', 'decided', 'closed']);
  });

  it('lets users of parties with tasks in the area add items for their own party and comment; only the area’s directors and admins manage', async () => {
    const own = await created(await hdsr.post('/api/areas/sterke-lekdijk/agenda', { title: 'Grondbalans Lek' }));
    expect(own.ownerPartyId).toBe('hdsr');
    expect((await hdsr.post('/api/areas/sterke-lekdijk/agenda', { title: 'Voor een ander', ownerPartyId: 'rws-on' })).json()).toMatchObject({ status: 403, messageCode: 'agenda_not_director' });
    expect((await hdsr.patch(`/api/agenda/${own.id}`, { status: 'closed' })).json()).toMatchObject({ status: 403, messageCode: 'agenda_not_director' });
    expect((await hdsr.delete(`/api/agenda/${own.id}`)).statusCode).toBe(403);
    // Waterschap Limburg has no tasks at the Lek; the viewer's province has tasks in Vierwaarden.
    expect((await wl.post('/api/areas/sterke-lekdijk/agenda', { title: 'Niet van ons' })).json()).toMatchObject({ status: 403, messageCode: 'agenda_not_participant' });
    expect((await wl.post(`/api/agenda/${own.id}/comments`, { text: 'x' })).statusCode).toBe(403);
    await created(await viewer.post('/api/areas/vierwaarden/agenda', { title: 'Natuur bij Velden' }));

    const director2 = (await director.post('/api/areas/sterke-lekdijk/agenda', { title: 'Voor HDSR', ownerPartyId: 'hdsr' })).json();
    expect(director2.ownerPartyId).toBe('hdsr');
    expect((await director.delete(`/api/agenda/${own.id}`)).statusCode).toBe(204);
    expect((await viewer.get('/api/areas/sterke-lekdijk/agenda')).json().map((item: AgendaItemResponse) => item.title)).toEqual(['Voor HDSR']);
  });

  it('refuses links and meetings outside the area', async () => {
    const vierwaarden: TaskResponse[] = (await viewer.get('/api/areas/vierwaarden/tasks')).json();
    const refused = expectProblem(await director.post('/api/areas/sterke-lekdijk/agenda', { title: 'Mis', links: [{ kind: 'task', taskId: vierwaarden[0]!.id }] }), 400, 'validation');
    expect(refused.errors?.[0]?.pointer).toBe('/links/0');
    const item = await created(await director.post('/api/areas/sterke-lekdijk/agenda', { title: 'Goed' }));
    const elsewhere = (await director.post('/api/snapshots', { areaId: 'vierwaarden', title: 'Andere tafel' })).json();
    expect((await director.patch(`/api/agenda/${item.id}`, { status: 'decided', decision: 'Ja', decidedSnapshotId: elsewhere.id })).json()).toMatchObject({
      status: 400,
      messageCode: 'agenda_meeting_other_area',
    });
  });
});

describe('a meeting snapshot and the area table', () => {
  it('keeps the agenda and open proposals as they were, and lists the items decided and proposals accepted since the previous meeting', async () => {
    const earlier = (await director.post('/api/proposals', { taskId: id('SLD-CUB'), shiftMonths: 3, reason: 'Al eerder gevraagd' })).json();
    await hdsr.post(`/api/proposals/${earlier.id}/accept`, {});
    const first = (await director.post('/api/snapshots', { areaId: 'sterke-lekdijk', title: 'Tafel februari' })).json();

    const accepted = (await director.post('/api/proposals', { taskId: id('SLD-ICU'), shiftMonths: 12, reason: 'Gelijk met de waterlinie' })).json();
    const open = (await director.post('/api/proposals', { taskId: id('PU-NHW-CUB'), shiftMonths: 6, reason: 'Later' })).json();
    const item = (await director.post('/api/areas/sterke-lekdijk/agenda', { title: 'Irenesluis', links: [{ kind: 'proposal', proposalId: accepted.id }] })).json();
    expect((await hdsr.post(`/api/proposals/${accepted.id}/accept`, {})).statusCode).toBe(200);
    await director.patch(`/api/agenda/${item.id}`, { status: 'decided', decision: 'HDSR schuift een jaar op.', decidedSnapshotId: first.id });
    const open2 = (await director.post('/api/areas/sterke-lekdijk/agenda', { title: 'Nog te bespreken' })).json();

    const second = (await director.post('/api/snapshots', { areaId: 'sterke-lekdijk', title: 'Tafel maart' })).json();
    const view = (await viewer.get(`/api/snapshots/${second.id}/view`)).json();
    expect(view.snapshot.content.agenda.map((each: { id: string; status: string }) => [each.id, each.status])).toEqual([
      [item.id, 'decided'],
      [open2.id, 'open'],
    ]);
    expect(view.snapshot.content.openProposals.map((each: { id: string }) => each.id)).toEqual([open.id]);
    expect(view.sincePrevious.decidedItems).toEqual([{ itemId: item.id, title: 'Irenesluis', decision: 'HDSR schuift een jaar op.', decidedAt: expect.any(String) }]);
    expect(view.sincePrevious.acceptedProposals).toEqual([
      { proposalId: accepted.id, taskId: id('SLD-ICU'), taskTitle: tasks.get('SLD-ICU')!.title, decidedBy: 'hdsr@demo.local', decidedAt: expect.any(String) },
    ]);

    // The first snapshot stays as it was: the proposal accepted before it, nothing on the agenda.
    const firstView = (await viewer.get(`/api/snapshots/${first.id}/view`)).json();
    expect(firstView.snapshot.content.agenda).toEqual([]);
    expect(firstView.snapshot.content.acceptedProposals.map((each: { id: string }) => each.id)).toEqual([earlier.id]);
  });
});
