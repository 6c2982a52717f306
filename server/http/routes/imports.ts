import multipart from '@fastify/multipart';
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AreaParams } from '../../contracts/areas.js';
import { MESSAGE_CODES, Slug } from '../../contracts/common.js';
import { areaSheetRows, importSheet, sheetFile, templateFile } from '../../use-cases/imports.js';
import { writeContext } from '../context.js';
import { withProblems } from './schemas.js';

export const MAX_UPLOAD_BYTES = 10 * 1024 * 1024;

const MessageParam = z.union([z.string(), z.number(), z.array(z.string()), z.object({ nl: z.string(), en: z.string() })]);
const ImportResultSchema = z.object({
  dryRun: z.boolean(),
  created: z.array(z.object({ row: z.int(), externalRef: z.string(), title: z.string(), areaId: z.string() })),
  updated: z.array(
    z.object({
      row: z.int(),
      externalRef: z.string(),
      title: z.string(),
      areaId: z.string(),
      taskId: z.string(),
      changes: z.array(z.object({ field: z.string(), from: z.unknown(), to: z.unknown() })),
    }),
  ),
  unchanged: z.array(z.object({ row: z.int(), externalRef: z.string(), areaId: z.string(), taskId: z.string() })),
  skippedOtherParties: z.int(),
  skippedExampleRows: z.array(z.int()).meta({ description: "rows marked as the template's example (externe_ref VOORBEELD), never imported" }),
  errors: z.array(
    z.object({
      row: z.int(),
      column: z.string().meta({ description: 'the column as the template names it' }),
      value: z.string(),
      messageCode: z.enum(MESSAGE_CODES).meta({ description: 'what is wrong and what would be right, by code (Dutch and English texts in the client), as in a problem' }),
      messageParams: z.record(z.string(), MessageParam),
    }),
  ),
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
      { config: { access: 'signed_in' }, schema: { tags, summary: `The planning sheet (${format.toUpperCase()}) with the Dutch column headers and an example row the import skips${format === 'xlsx' ? ', drop-down lists for coded columns, month cells and a sheet explaining every column' : ''}` } },
      async (_request, reply) => sendSheet(reply, 'planning-sjabloon', format, await templateFile(format)),
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
        summary: "Import your party's planning sheet (multipart field 'file', named .csv or .xlsx with content to match): a dry run shows what would change; a real run writes all or nothing",
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
          return file ? { bytes: await file.toBuffer(), name: file.filename } : undefined;
        },
      }),
  );
}
