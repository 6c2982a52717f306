import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { Slug } from '../../contracts/common.js';
import {
  CreatedShareLinkSchema,
  CreateShareLinkBody,
  CreateSnapshotBody,
  DiffQuery,
  PlanDiffSchema,
  SharedParams,
  SharedSnapshotSchema,
  ShareLinkParams,
  ShareLinkSchema,
  SnapshotParams,
  SnapshotSchema,
  SnapshotSummarySchema,
  PublicSharedSnapshotSchema,
  type PublicSnapshot,
  type Snapshot,
} from '../../contracts/snapshots.js';
import {
  createSnapshot,
  diffSnapshot,
  getSnapshot,
  listSnapshots,
  offlineSnapshot,
  removeSnapshot,
  revokeLink,
  shareLinksOf,
  shareSnapshot,
  sharedOfflineSnapshot,
  sharedPublicSnapshot,
  sharedSnapshotView,
  snapshotView,
} from '../../use-cases/snapshots.js';
import { snapshotCsv } from '../../formats/snapshot-export.js';
import { currentMonth, nowIso, writeContext } from '../context.js';
import { withProblems } from './schemas.js';

function sendExport(reply: FastifyReply, snapshot: PublicSnapshot, format: 'json' | 'csv') {
  const name = `snapshot-${snapshot.createdAt.slice(0, 10)}-${snapshot.id.slice(0, 8)}.${format}`;
  reply.header('content-disposition', `attachment; filename="${name}"`);
  if (format === 'json') return reply.type('application/json; charset=utf-8').send(JSON.stringify(snapshot, null, 2));
  return reply.type('text/csv; charset=utf-8').send(snapshotCsv(snapshot));
}

export async function snapshotRoutes(server: FastifyInstance): Promise<void> {
  const app = server.withTypeProvider<ZodTypeProvider>();
  const makers = { access: 'create_snapshots' } as const;
  const tags = ['snapshots'];

  app.post(
    '/api/snapshots',
    {
      config: makers,
      schema: {
        tags,
        summary: "Freeze an area's timeline (optionally with a scenario's moves) for a meeting",
        body: CreateSnapshotBody,
        response: withProblems({ 201: SnapshotSchema }, 400, 401, 403, 404, 409),
      },
    },
    async (request, reply) => {
      const { areaId, title, scenarioId, meetingDate, note } = request.body;
      const snapshot = await createSnapshot(app.db, writeContext(request), {
        areaId,
        scenarioId: scenarioId ?? null,
        title,
        meetingDate: meetingDate ?? null,
        note: note ?? null,
      });
      return reply.code(201).header('location', `/api/snapshots/${snapshot.id}`).send(snapshot);
    },
  );
  app.get(
    '/api/snapshots',
    {
      config: { access: 'signed_in' },
      schema: {
        tags,
        summary: 'Snapshots, newest first, optionally of one area (without their content)',
        querystring: z.object({ areaId: Slug.optional() }),
        response: withProblems({ 200: z.array(SnapshotSummarySchema) }, 400, 401),
      },
    },
    async (request) => listSnapshots(app.db, request.query.areaId),
  );
  app.get(
    '/api/snapshots/:snapshotId',
    { config: { access: 'signed_in' }, schema: { tags, summary: 'One snapshot with its frozen content', params: SnapshotParams, response: withProblems({ 200: SnapshotSchema }, 401, 404) } },
    async (request) => getSnapshot(app.db, request.params.snapshotId),
  );
  app.delete(
    '/api/snapshots/:snapshotId',
    {
      config: { access: 'delete_snapshots' },
      schema: { tags, summary: 'Delete a snapshot and its links (admins; audited)', params: SnapshotParams, response: withProblems({ 204: z.null() }, 401, 403, 404) },
    },
    async (request, reply) => {
      await removeSnapshot(app.db, writeContext(request), request.params.snapshotId);
      return reply.code(204).send(null);
    },
  );
  app.get(
    '/api/snapshots/:snapshotId/diff',
    {
      config: { access: 'signed_in' },
      schema: {
        tags,
        summary: 'What changed from this snapshot to another one or to the current plan (against=current)',
        params: SnapshotParams,
        querystring: DiffQuery,
        response: withProblems({ 200: PlanDiffSchema }, 400, 401, 404),
      },
    },
    async (request) => ({ against: request.query.against, ...(await diffSnapshot(app.db, request.params.snapshotId, request.query.against, currentMonth(request))) }),
  );
  app.post(
    '/api/snapshots/:snapshotId/share-links',
    {
      config: makers,
      schema: {
        tags,
        summary: 'Create a read-only link to the snapshot; the token is shown only in this answer',
        params: SnapshotParams,
        body: CreateShareLinkBody,
        response: withProblems({ 201: CreatedShareLinkSchema }, 400, 401, 403, 404),
      },
    },
    async (request, reply) => {
      const expiresAt = request.body.expiresAt ? new Date(request.body.expiresAt).toISOString() : null;
      const link = await shareSnapshot(app.db, writeContext(request), request.params.snapshotId, expiresAt);
      return reply.code(201).send({ ...link, url: `/s/${link.token}` });
    },
  );
  app.get(
    '/api/snapshots/:snapshotId/share-links',
    {
      config: makers,
      schema: { tags, summary: "A snapshot's share links (never their tokens)", params: SnapshotParams, response: withProblems({ 200: z.array(ShareLinkSchema) }, 401, 403, 404) },
    },
    async (request) => shareLinksOf(app.db, request.params.snapshotId),
  );
  app.delete(
    '/api/share-links/:linkId',
    {
      config: makers,
      schema: { tags, summary: "Revoke a share link: its URL stops working (the link's maker, the area's directors and admins; audited)", params: ShareLinkParams, response: withProblems({ 204: z.null() }, 401, 403, 404) },
    },
    async (request, reply) => {
      await revokeLink(app.db, writeContext(request), request.params.linkId);
      return reply.code(204).send(null);
    },
  );
  const sendOffline = async (reply: FastifyReply, snapshot: Pick<Snapshot, 'createdAt' | 'id'>, html: string) => {
    reply.header('content-disposition', `attachment; filename="snapshot-${snapshot.createdAt.slice(0, 10)}-${snapshot.id.slice(0, 8)}.html"`);
    return reply.type('text/html; charset=utf-8').send(html);
  };
  app.get(
    '/api/snapshots/:snapshotId/export.html',
    { config: { access: 'signed_in' }, schema: { tags, summary: 'The snapshot as one self-contained HTML file that opens offline', params: SnapshotParams } },
    async (request, reply) => {
      const snapshot = await getSnapshot(app.db, request.params.snapshotId);
      return sendOffline(reply, snapshot, await offlineSnapshot(app.db, snapshot));
    },
  );
  app.get(
    '/api/shared/:token/export.html',
    { config: { access: 'public' }, schema: { tags, summary: 'A shared snapshot as one self-contained HTML file (without who made it)', params: SharedParams } },
    async (request, reply) => {
      const { snapshot, html } = await sharedOfflineSnapshot(app.db, request.params.token, nowIso());
      return sendOffline(reply, snapshot, html);
    },
  );
  for (const format of ['json', 'csv'] as const) {
    app.get(
      `/api/snapshots/:snapshotId/export.${format}`,
      {
        config: { access: 'signed_in' },
        schema: { tags, summary: `The snapshot as a ${format.toUpperCase()} download (tasks and pairs)`, params: SnapshotParams },
      },
      async (request, reply) => sendExport(reply, await getSnapshot(app.db, request.params.snapshotId), format),
    );
    app.get(
      `/api/shared/:token/export.${format}`,
      {
        config: { access: 'public' },
        schema: { tags, summary: `A shared snapshot as a ${format.toUpperCase()} download`, params: SharedParams },
      },
      async (request, reply) => {
        return sendExport(reply, await sharedPublicSnapshot(app.db, request.params.token, nowIso()), format);
      },
    );
  }
  app.get(
    '/api/snapshots/:snapshotId/view',
    {
      config: { access: 'signed_in' },
      schema: {
        tags,
        summary: 'A snapshot with the previous one of its area and what changed since (the meeting viewer)',
        params: SnapshotParams,
        response: withProblems({ 200: SharedSnapshotSchema }, 401, 404),
      },
    },
    async (request) => snapshotView(app.db, request.params.snapshotId),
  );
  app.get(
    '/api/shared/:token',
    {
      config: { access: 'public' },
      schema: {
        tags,
        summary: 'The snapshot behind a share link, read-only and without an account, with what changed since the previous meeting; no personal data (parties by name only)',
        params: SharedParams,
        response: withProblems({ 200: PublicSharedSnapshotSchema }, 404),
      },
    },
    async (request) => {
      return sharedSnapshotView(app.db, request.params.token, nowIso());
    },
  );
}
