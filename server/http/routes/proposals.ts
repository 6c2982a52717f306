import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AreaParams } from '../../contracts/areas.js';
import {
  AcceptedProposalSchema,
  AcceptProposalBody,
  AgendaCommentBody,
  AgendaItemParams,
  AgendaItemSchema,
  CreateAgendaItemBody,
  CreateProposalBody,
  DeclineProposalBody,
  PatchAgendaItemBody,
  ProposalBundleSchema,
  ProposalListQuery,
  ProposalParams,
  ProposalSchema,
  ProposeScenarioBody,
  toAgendaItemResponse,
  toProposalChange,
  toProposalResponse,
} from '../../contracts/proposals.js';
import { ScenarioParams } from '../../contracts/scenarios.js';
import { toTaskResponse } from '../../contracts/tasks.js';
import { addAgendaItem, areaAgenda, changeAgendaItem, commentOnAgendaItem, removeAgendaItem } from '../../use-cases/agenda.js';
import {
  acceptProposal,
  declineProposal,
  findProposals,
  getProposal,
  makeProposal,
  proposeScenario,
  rebaseOwnProposal,
  withdrawProposal,
} from '../../use-cases/proposals.js';
import { actorOf, currentMonth, writeContext } from '../context.js';
import { withProblems } from './schemas.js';

/**
 * Proposals between parties and the area's agenda (issue 17). Every signed-in user may call these;
 * who may do what (propose, answer, withdraw, manage the agenda) depends on the proposal's task
 * or the area, so the use cases decide, with a message code for each refusal.
 */
export async function proposalRoutes(server: FastifyInstance): Promise<void> {
  const app = server.withTypeProvider<ZodTypeProvider>();
  const signedIn = { access: 'signed_in' } as const;
  const tags = ['proposals'];

  app.post(
    '/api/proposals',
    {
      config: signedIn,
      schema: {
        tags,
        summary: 'Ask the party that owns a task to shift it, or to take new phases or a new window',
        body: CreateProposalBody,
        response: withProblems({ 201: ProposalSchema }, 400, 401, 403, 404, 422),
      },
    },
    async (request, reply) => {
      const { taskId, reason, pairRef, scenarioId, bundleId } = request.body;
      const proposal = await makeProposal(app.db, writeContext(request), {
        taskId,
        change: toProposalChange(request.body),
        reason,
        pair: pairRef ?? null,
        scenarioId: scenarioId ?? null,
        bundleId: bundleId ?? null,
      });
      return reply.code(201).header('location', `/api/proposals/${proposal.id}`).send(toProposalResponse(proposal));
    },
  );

  app.get(
    '/api/proposals',
    {
      config: signedIn,
      schema: {
        tags,
        summary: "Proposals, newest first: by area, by owning party (a party's inbox), by status, or the caller's own",
        querystring: ProposalListQuery,
        response: withProblems({ 200: z.array(ProposalSchema) }, 400, 401),
      },
    },
    async (request) => (await findProposals(app.db, { actor: actorOf(request) }, request.query)).map(toProposalResponse),
  );

  app.get(
    '/api/proposals/:proposalId',
    { config: signedIn, schema: { tags, summary: 'One proposal', params: ProposalParams, response: withProblems({ 200: ProposalSchema }, 400, 401, 404) } },
    async (request) => toProposalResponse(await getProposal(app.db, request.params.proposalId)),
  );

  app.post(
    '/api/proposals/:proposalId/accept',
    {
      config: signedIn,
      schema: {
        tags,
        summary: "Accept and apply a proposal (the owning party): 409 with the current task when it changed since",
        params: ProposalParams,
        body: AcceptProposalBody,
        response: withProblems({ 200: AcceptedProposalSchema }, 400, 401, 403, 404, 409, 422),
      },
    },
    async (request) => {
      const { proposal, task, warnings } = await acceptProposal(app.db, writeContext(request), request.params.proposalId, request.body.note ?? null);
      return { proposal: toProposalResponse(proposal), task: toTaskResponse(task, currentMonth(request)), warnings };
    },
  );

  app.post(
    '/api/proposals/:proposalId/decline',
    {
      config: signedIn,
      schema: { tags, summary: 'Decline a proposal with a note (the owning party)', params: ProposalParams, body: DeclineProposalBody, response: withProblems({ 200: ProposalSchema }, 400, 401, 403, 404, 409) },
    },
    async (request) => toProposalResponse(await declineProposal(app.db, writeContext(request), request.params.proposalId, request.body.note)),
  );

  app.post(
    '/api/proposals/:proposalId/withdraw',
    {
      config: signedIn,
      schema: { tags, summary: 'Withdraw an open proposal (its maker)', params: ProposalParams, response: withProblems({ 200: ProposalSchema }, 400, 401, 403, 404, 409) },
    },
    async (request) => toProposalResponse(await withdrawProposal(app.db, writeContext(request), request.params.proposalId)),
  );

  app.post(
    '/api/proposals/:proposalId/rebase',
    {
      config: signedIn,
      schema: {
        tags,
        summary: "Let an open proposal rest on its task's current version, keeping its change (its maker)",
        params: ProposalParams,
        response: withProblems({ 200: ProposalSchema }, 400, 401, 403, 404, 409, 422),
      },
    },
    async (request) => toProposalResponse(await rebaseOwnProposal(app.db, writeContext(request), request.params.proposalId)),
  );

  app.post(
    '/api/scenarios/:scenarioId/proposals',
    {
      config: signedIn,
      schema: {
        tags,
        summary: "Voorleggen: every move of another party's task becomes a proposal, in one bundle",
        params: ScenarioParams,
        body: ProposeScenarioBody,
        response: withProblems({ 201: ProposalBundleSchema }, 400, 401, 403, 404, 422),
      },
    },
    async (request, reply) => {
      const bundle = await proposeScenario(app.db, writeContext(request), request.params.scenarioId, request.body.reason);
      return reply.code(201).send({ bundleId: bundle.bundleId, proposals: bundle.proposals.map(toProposalResponse) });
    },
  );

  const agendaTags = ['agenda'];
  app.get(
    '/api/areas/:areaId/agenda',
    { config: signedIn, schema: { tags: agendaTags, summary: "An area's agenda", params: AreaParams, response: withProblems({ 200: z.array(AgendaItemSchema) }, 400, 401, 404) } },
    async (request) => (await areaAgenda(app.db, request.params.areaId)).map(toAgendaItemResponse),
  );

  app.post(
    '/api/areas/:areaId/agenda',
    {
      config: signedIn,
      schema: {
        tags: agendaTags,
        summary: "Put an item on an area's agenda (its directors, admins, and users of parties with tasks there)",
        params: AreaParams,
        body: CreateAgendaItemBody,
        response: withProblems({ 201: AgendaItemSchema }, 400, 401, 403, 404),
      },
    },
    async (request, reply) => reply.code(201).send(toAgendaItemResponse(await addAgendaItem(app.db, writeContext(request), request.params.areaId, request.body))),
  );

  app.patch(
    '/api/agenda/:itemId',
    {
      config: signedIn,
      schema: {
        tags: agendaTags,
        summary: 'Change an agenda item: status, decision and its meeting, owner, links (the area’s directors and admins)',
        params: AgendaItemParams,
        body: PatchAgendaItemBody,
        response: withProblems({ 200: AgendaItemSchema }, 400, 401, 403, 404),
      },
    },
    async (request) => toAgendaItemResponse(await changeAgendaItem(app.db, writeContext(request), request.params.itemId, request.body)),
  );

  app.post(
    '/api/agenda/:itemId/comments',
    {
      config: signedIn,
      schema: { tags: agendaTags, summary: 'Comment on an agenda item', params: AgendaItemParams, body: AgendaCommentBody, response: withProblems({ 201: AgendaItemSchema }, 400, 401, 403, 404) },
    },
    async (request, reply) => reply.code(201).send(toAgendaItemResponse(await commentOnAgendaItem(app.db, writeContext(request), request.params.itemId, request.body.text))),
  );

  app.delete(
    '/api/agenda/:itemId',
    {
      config: signedIn,
      schema: { tags: agendaTags, summary: 'Take an item off the agenda (the area’s directors and admins)', params: AgendaItemParams, response: withProblems({ 204: z.null() }, 400, 401, 403, 404) },
    },
    async (request, reply) => {
      await removeAgendaItem(app.db, writeContext(request), request.params.itemId);
      return reply.code(204).send(null);
    },
  );
}
