import multipart from '@fastify/multipart';
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AreaParams } from '../../contracts/areas.js';
import { Slug } from '../../contracts/common.js';
import { TaskInput, toTaskDraft, toTaskInput, toTaskResponse } from '../../contracts/tasks.js';
import { type Executor, writeTransaction } from '../../db/database.js';
import { getArea } from '../../db/repositories/areas.js';
import { insertTask, listAreaTasks, listPartyTasksByRef, updateTask } from '../../db/repositories/tasks.js';
import { changedFields, type FieldChange } from '../../domain/audit.js';
import { DomainError } from '../../domain/errors.js';
import { resolveTaskParty } from '../../domain/permissions.js';
import type { Task } from '../../domain/tasks.js';
import { columnOf, rowToInput, taskToRow, type CellError } from '../../formats/planning-sheet.js';
import { readSheet, SheetFileError, writeCsv, writeXlsx } from '../../formats/sheet-files.js';
import { actorOf, writeContext } from '../context.js';
import { problem, sendProblem } from '../problem.js';
import { withProblems } from './schemas.js';

export const MAX_UPLOAD_BYTES = 10 * 1024 * 1024;
/** Imports reading or writing a sheet at once; more are asked to come back (503 with Retry-After). */
export const MAX_PARALLEL_IMPORTS = 2;
const RETRY_AFTER_SECONDS = 5;

/** A fixed number of slots, taken without waiting: a caller that finds none says so at once. */
export class Slots {
  #taken = 0;

  constructor(readonly limit: number) {}

  get taken(): number {
    return this.#taken;
  }

  /** A slot's release function (calling it again does nothing), or undefined when every slot is taken. */
  tryTake(): (() => void) | undefined {
    if (this.#taken >= this.limit) return undefined;
    this.#taken++;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.#taken--;
    };
  }
}

/** One set for the process, shared by every app in it: a sheet's memory and CPU come out of the process. */
export const importSlots = new Slots(MAX_PARALLEL_IMPORTS);

const DUTCH: Record<string, string> = {
  'expected a month as YYYY-MM': 'verwacht een maand als JJJJ-MM',
  'a realisatie phase is required': 'realisatie_start en realisatie_eind zijn verplicht',
  'phase end must not be before its start': 'het eind ligt voor de start',
  'an HWBP window must end by 2049-12 (before 2050)': 'een HWBP-venster eindigt uiterlijk 2049-12',
  'urgencyRank is only for HWBP tasks': 'urgentie hoort alleen bij HWBP-opgaven',
};

function message(en: string): { nl: string; en: string } {
  return { nl: DUTCH[en] ?? `ongeldige waarde (${en})`, en };
}

interface PlannedRow {
  row: number;
  externalRef: string;
  title: string;
  input: TaskInput;
  existing: Task | null;
  changes: FieldChange[];
}

/** Reads, validates and matches every row; writes nothing. */
async function planImport(db: Executor, buffer: Buffer, partyId: string) {
  const sheet = await readSheet(buffer);
  const errors: CellError[] = [];
  const planned: PlannedRow[] = [];
  let skipped = 0;
  const areas = new Set((await db.selectFrom('areas').select('id').execute()).map((row) => row.id));
  const trajects = new Set((await db.selectFrom('dike_trajects').select('id').execute()).map((row) => row.id));
  const refs = sheet.records.map((record) => (record.cells.externe_ref ?? '').trim()).filter(Boolean);
  const existingByRef = await listPartyTasksByRef(db, partyId, refs);
  const seen = new Map<string, number>();
  for (const { rowNumber, cells } of sheet.records) {
    const party = (cells.partij ?? '').trim();
    if (party !== '' && party !== partyId) {
      skipped++;
      continue;
    }
    const raw = rowToInput(cells, partyId);
    const rowErrors: CellError[] = [];
    const cellError = (column: string, text: { nl: string; en: string }) => rowErrors.push({ row: rowNumber, column, value: cells[column] ?? '', message: text });
    const ref = (cells.externe_ref ?? '').trim();
    if (ref === '') cellError('externe_ref', { nl: 'externe_ref is verplicht', en: 'externe_ref is required' });
    else if (seen.has(ref)) cellError('externe_ref', { nl: `dubbel: staat ook in regel ${seen.get(ref)}`, en: `duplicate: also in row ${seen.get(ref)}` });
    else seen.set(ref, rowNumber);
    const parsed = TaskInput.safeParse(raw);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) cellError(columnOf(issue.path, raw), message(issue.message));
    } else {
      if (!areas.has(parsed.data.areaId)) cellError('gebied', { nl: `gebied '${parsed.data.areaId}' bestaat niet`, en: `area '${parsed.data.areaId}' does not exist` });
      if (parsed.data.dikeTrajectId && !trajects.has(parsed.data.dikeTrajectId)) {
        cellError('dijktraject', { nl: `dijktraject '${parsed.data.dikeTrajectId}' staat niet in de landelijke tabel`, en: `dike traject '${parsed.data.dikeTrajectId}' is not in the national table` });
      }
    }
    if (rowErrors.length > 0 || !parsed.success) {
      errors.push(...rowErrors);
      continue;
    }
    const existing = existingByRef.get(ref) ?? null;
    const before = existing ? (toTaskInput(existing) as Record<string, unknown>) : null;
    const changes = existing ? changedFields(before, { ...parsed.data, geometry: existing.geometry }) : [];
    planned.push({ row: rowNumber, externalRef: ref, title: parsed.data.title, input: parsed.data, existing, changes });
  }
  return { planned, errors, skipped };
}

function summary(planned: PlannedRow[], errors: CellError[], skipped: number, dryRun: boolean) {
  return {
    dryRun,
    created: planned.filter((row) => !row.existing).map(({ row, externalRef, title }) => ({ row, externalRef, title })),
    updated: planned
      .filter((row) => row.existing && row.changes.length > 0)
      .map(({ row, externalRef, title, existing, changes }) => ({ row, externalRef, title, taskId: existing!.id, changes })),
    unchanged: planned.filter((row) => row.existing && row.changes.length === 0).map(({ row, externalRef, existing }) => ({ row, externalRef, taskId: existing!.id })),
    skippedOtherParties: skipped,
    errors,
  };
}

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
      async (_request, reply) => sendSheet(reply, 'planning-sjabloon', format, format === 'csv' ? writeCsv([]) : await writeXlsx([])),
    );
    app.get(
      `/api/areas/:areaId/export.${format}`,
      {
        config: { access: 'signed_in' },
        schema: { tags, summary: `An area's tasks in the planning-sheet layout (${format.toUpperCase()}); re-importing your own rows changes nothing`, params: AreaParams },
      },
      async (request, reply) => {
        await getArea(app.db, request.params.areaId);
        const rows = (await listAreaTasks(app.db, request.params.areaId)).map((task) => taskToRow(toTaskResponse(task)));
        return sendSheet(reply, `planning-${request.params.areaId}`, format, format === 'csv' ? writeCsv(rows) : await writeXlsx(rows));
      },
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
    async (request, reply) => {
      const partyId = resolveTaskParty(actorOf(request), request.query.partyId);
      const file = await request.file();
      if (!file) throw new DomainError('validation', 'send the sheet as multipart form field "file"');
      const buffer = await file.toBuffer();
      // Taken once the upload is in, so a slow sender holds no slot.
      const release = importSlots.tryTake();
      if (!release) {
        const detail = `${MAX_PARALLEL_IMPORTS} imports are running; try again in ${RETRY_AFTER_SECONDS} seconds`;
        return sendProblem(reply, problem(request, 503, 'busy', detail, undefined, { retryAfter: RETRY_AFTER_SECONDS }));
      }
      try {
        let plan;
        try {
          plan = await planImport(app.db, buffer, partyId);
        } catch (error) {
          if (error instanceof SheetFileError) throw new DomainError('validation', error.texts.en, undefined, { messages: error.texts });
          throw error;
        }
        const { planned, errors, skipped } = plan;
        const { dryRun } = request.query;
        if (dryRun) return summary(planned, errors, skipped, true);
        if (errors.length > 0) {
          throw new DomainError('rule_violation', `${errors.length} cell(s) are wrong; nothing was imported`, undefined, { cellErrors: errors });
        }
        await writeTransaction(app.db, async (trx) => {
          const context = writeContext(request);
          for (const row of planned) {
            if (!row.existing) await insertTask(trx, toTaskDraft(row.input), context);
            else if (row.changes.length > 0) await updateTask(trx, row.existing, { ...toTaskDraft(row.input), geometry: row.existing.geometry }, context);
          }
        });
        return summary(planned, errors, skipped, false);
      } finally {
        release();
      }
    },
  );
}
