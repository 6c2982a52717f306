import multipart from '@fastify/multipart';
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AreaParams } from '../../contracts/areas.js';
import { Slug } from '../../contracts/common.js';
import { areaSheetRows, importSheet, sheetFile } from '../../use-cases/imports.js';
import { writeContext } from '../context.js';
import { withProblems } from './schemas.js';

export const MAX_UPLOAD_BYTES = 10 * 1024 * 1024;

const Message = z.object({ nl: z.string(), en: z.string() });
const ImportResultSchema = z.object({
  dryRun: z.boolean(),
  created: z.array(z.object({ row: z.int(), externalRef: z.string(), title: z.string() })),
  updated: z.array(
    z.object({ row: z.int(), externalRef: z.string(), title: z.string(), taskId: z.string(), changes: z.array(z.object({ field: z.string(), from: z.unknown(), to: z.unknown() })) }),
  ),
  unchanged: z.array(z.object({ row: z.int(), externalRef: z.string(), taskId: z.string() })),
  skippedOtherParties: z.int(),
  errors: z.array(z.object({ row: z.int(), column: z.string(), value: z.string(), message: Message })),
});

function sendSheet(reply: FastifyReply, name: string, format: 'csv' | 'xlsx', body: string | Buffer) {
  reply.header('content-disposition', `attachment; filename="${name}.${format}"`);
  return reply
    .type(format === 'csv' ? 'text/csv; charset=utf-8' : 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
    .send(body);
}

export async function importRoutes(server: FastifyInstance): Promise<void> {
  await server.register(multipart, { limits: { fileSize: MAX_UPLOAD_BYTES, files: 1, fields: 5 } });
  const app = server.withTypeProvider<ZodTypeProvider>();
  const tags = ['import and export'];

  for (const format of ['csv', 'xlsx'] as const) {
    app.get(
      `/api/imports/template.${format}`,
      { config: { access: 'signed_in' }, schema: { tags, summary: `An empty planning sheet (${format.toUpperCase()}) with the Dutch column headers${format === 'xlsx' ? ' and a sheet explaining them' : ''}` } },
      async (_request, reply) => sendSheet(reply, 'planning-sjabloon', format, await sheetFile(format, [])),
    );
    app.get(
      `/api/areas/:areaId/export.${format}`,
      {
        config: { access: 'signed_in' },
        schema: { tags, summary: `An area's tasks in the planning-sheet layout (${format.toUpperCase()}); re-importing your own rows changes nothing`, params: AreaParams },
      },
      async (request, reply) =>
        sendSheet(reply, `planning-${request.params.areaId}`, format, await sheetFile(format, await areaSheetRows(app.db, request.params.areaId))),
    );
  }

  app.post(
    '/api/imports',
    {
      config: { access: 'edit_tasks' },
      schema: {
        tags,
        summary: "Import your party's planning sheet (CSV or XLSX, multipart field 'file'): a dry run shows what would change; a real run writes all or nothing",
        querystring: z.object({ dryRun: z.stringbool().default(true), partyId: Slug.optional() }),
        response: withProblems({ 200: ImportResultSchema }, 400, 401, 403, 413, 415, 422, 503),
      },
    },
    async (request) =>
      importSheet(app.db, writeContext(request), {
        partyId: request.query.partyId,
        dryRun: request.query.dryRun,
        upload: async () => {
          const file = await request.file();
          return file ? file.toBuffer() : undefined;
        },
      }),
  );
}
