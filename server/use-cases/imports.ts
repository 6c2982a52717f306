import { type TaskInput, toTaskDraft, toTaskInput } from '../contracts/tasks.js';
import { type Db, type Executor, writeTransaction } from '../db/database.js';
import type { WriteContext } from '../db/repositories/audit.js';
import { getArea } from '../db/repositories/areas.js';
import { insertTask, listAreaTasks, listPartyTasksByRef, updateTask } from '../db/repositories/tasks.js';
import { changedFields, type FieldChange } from '../domain/audit.js';
import { DomainError } from '../domain/errors.js';
import { userMessage, type UserMessage } from '../domain/messages.js';
import { resolveTaskParty } from '../domain/permissions.js';
import type { Task } from '../domain/tasks.js';
import { EXAMPLE_ROW, isExampleRow, readSheetRow, taskToRow, type CellError } from '../formats/planning-sheet.js';
import { readSheet, SheetFileError, writeCsv, writeXlsx } from '../formats/sheet-files.js';

/** Imports reading or writing a sheet at once; more are asked to come back (503 with Retry-After). */
export const MAX_PARALLEL_IMPORTS = 2;
const RETRY_AFTER_SECONDS = 5;

/** One row of the planning sheet, by Dutch column header. */
export type SheetRow = Record<string, string | number>;

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

interface PlannedRow {
  row: number;
  externalRef: string;
  title: string;
  input: TaskInput;
  existing: Task | null;
  changes: FieldChange[];
}

/** Reads, validates and matches every row; writes nothing. */
async function planImport(db: Executor, file: SheetUpload, partyId: string) {
  const sheet = await readSheet(file.bytes, file.name);
  const errors: CellError[] = [];
  const planned: PlannedRow[] = [];
  const examples: number[] = [];
  let skipped = 0;
  const areas = new Set((await db.selectFrom('areas').select('id').execute()).map((row) => row.id));
  const trajects = new Set((await db.selectFrom('dike_trajects').select('id').execute()).map((row) => row.id));
  const refs = sheet.records.map((record) => (record.cells.externe_ref ?? '').trim()).filter(Boolean);
  const existingByRef = await listPartyTasksByRef(db, partyId, refs);
  const seen = new Map<string, number>();
  for (const { rowNumber, cells } of sheet.records) {
    if (isExampleRow(cells)) {
      examples.push(rowNumber);
      continue;
    }
    const party = (cells.partij ?? '').trim();
    if (party !== '' && party !== partyId) {
      skipped++;
      continue;
    }
    const read = readSheetRow(cells, rowNumber, partyId);
    const rowErrors: CellError[] = read.errors ?? [];
    const cellError = (column: string, message: UserMessage) =>
      rowErrors.push({ row: rowNumber, column, value: (cells[column] ?? '').trim(), messageCode: message.code, messageParams: message.params });
    const at = (column: string) => ({ row: rowNumber, column, value: (cells[column] ?? '').trim() });
    const ref = (cells.externe_ref ?? '').trim();
    if (ref !== '' && seen.has(ref)) cellError('externe_ref', userMessage('import_cell_ref_duplicate', { ...at('externe_ref'), otherRow: seen.get(ref)! }));
    else if (ref !== '') seen.set(ref, rowNumber);
    const input = read.input;
    if (input && !areas.has(input.areaId)) cellError('gebied', userMessage('import_cell_area_unknown', at('gebied')));
    if (input?.dikeTrajectId && !trajects.has(input.dikeTrajectId)) cellError('dijktraject', userMessage('import_cell_traject_unknown', at('dijktraject')));
    if (rowErrors.length > 0 || !input) {
      errors.push(...rowErrors);
      continue;
    }
    const existing = existingByRef.get(ref) ?? null;
    const before = existing ? (toTaskInput(existing) as Record<string, unknown>) : null;
    const changes = existing ? changedFields(before, { ...input, geometry: existing.geometry }) : [];
    planned.push({ row: rowNumber, externalRef: ref, title: input.title, input, existing, changes });
  }
  return { planned, errors, skipped, examples };
}

/** What an import did, or would do in a dry run: per row created, updated or unchanged, and the cells that are wrong. */
export interface ImportSummary {
  dryRun: boolean;
  created: { row: number; externalRef: string; title: string; areaId: string }[];
  updated: { row: number; externalRef: string; title: string; areaId: string; taskId: string; changes: FieldChange[] }[];
  unchanged: { row: number; externalRef: string; areaId: string; taskId: string }[];
  skippedOtherParties: number;
  /** Rows marked as the template's example (`externe_ref` VOORBEELD): read past, never imported. */
  skippedExampleRows: number[];
  errors: CellError[];
}

function summary(plan: { planned: PlannedRow[]; errors: CellError[]; skipped: number; examples: number[] }, dryRun: boolean): ImportSummary {
  const { planned, errors, skipped, examples } = plan;
  return {
    dryRun,
    created: planned.filter((row) => !row.existing).map(({ row, externalRef, title, input }) => ({ row, externalRef, title, areaId: input.areaId })),
    updated: planned
      .filter((row) => row.existing && row.changes.length > 0)
      .map(({ row, externalRef, title, input, existing, changes }) => ({ row, externalRef, title, areaId: input.areaId, taskId: existing!.id, changes })),
    unchanged: planned
      .filter((row) => row.existing && row.changes.length === 0)
      .map(({ row, externalRef, input, existing }) => ({ row, externalRef, areaId: input.areaId, taskId: existing!.id })),
    skippedOtherParties: skipped,
    skippedExampleRows: examples,
    errors,
  };
}

/** An uploaded sheet: its bytes and the name it came with (which says whether it is CSV or XLSX). */
export interface SheetUpload {
  bytes: Buffer;
  name: string;
}

/**
 * Imports a party's planning sheet: a dry run shows what would change; a real run writes all or
 * nothing. The sheet is read and every row validated and matched before the (short) write
 * transaction; a task that changed in between fails its version check there (412), and nothing
 * is written. At most {@link MAX_PARALLEL_IMPORTS} sheets are worked on at once in a process;
 * beyond that the answer is `busy` (503 with Retry-After).
 *
 * @param upload the sheet's bytes, or undefined when none was sent; read only after the party
 *   check, and before a slot is taken, so a slow sender holds no slot
 */
export async function importSheet(
  db: Db,
  caller: WriteContext,
  request: { partyId: string | undefined; dryRun: boolean; upload: () => Promise<SheetUpload | undefined> },
): Promise<ImportSummary> {
  const partyId = resolveTaskParty(caller.actor, request.partyId);
  const file = await request.upload();
  if (!file) {
    throw new DomainError('validation', 'send the sheet as multipart form field "file"', { userMessage: userMessage('import_file_missing') });
  }
  const release = importSlots.tryTake();
  if (!release) {
    throw new DomainError('busy', `${MAX_PARALLEL_IMPORTS} imports are running; try again in ${RETRY_AFTER_SECONDS} seconds`, {
      extensions: { retryAfter: RETRY_AFTER_SECONDS },
      userMessage: userMessage('imports_busy', { running: MAX_PARALLEL_IMPORTS, seconds: RETRY_AFTER_SECONDS }),
    });
  }
  try {
    let plan;
    try {
      plan = await planImport(db, file, partyId);
    } catch (error) {
      if (error instanceof SheetFileError) throw new DomainError('validation', error.message, { userMessage: error.userMessage });
      throw error;
    }
    const { planned, errors } = plan;
    if (request.dryRun) return summary(plan, true);
    if (errors.length > 0) {
      throw new DomainError('rule_violation', `${errors.length} cell(s) are wrong; nothing was imported`, {
        extensions: { cellErrors: errors },
        userMessage: userMessage('import_cells_wrong', { count: errors.length }),
      });
    }
    await writeTransaction(db, async (trx) => {
      for (const row of planned) {
        if (!row.existing) await insertTask(trx, toTaskDraft(row.input), caller);
        else if (row.changes.length > 0) await updateTask(trx, row.existing, { ...toTaskDraft(row.input), geometry: row.existing.geometry }, caller);
      }
    });
    return summary(plan, false);
  } finally {
    release();
  }
}

/** An area's tasks as rows of the planning sheet; re-importing your own rows changes nothing. */
export async function areaSheetRows(db: Executor, areaId: string): Promise<SheetRow[]> {
  await getArea(db, areaId);
  return (await listAreaTasks(db, areaId)).map((task) => taskToRow(toTaskInput(task)));
}

/** A planning sheet as a file: CSV text or an XLSX workbook (with a sheet explaining the columns). */
export async function sheetFile(format: 'csv' | 'xlsx', rows: SheetRow[]): Promise<string | Buffer> {
  return format === 'csv' ? writeCsv(rows) : writeXlsx(rows);
}

/** The empty template: the layout with one example row, which the import skips. */
export async function templateFile(format: 'csv' | 'xlsx'): Promise<string | Buffer> {
  return sheetFile(format, [EXAMPLE_ROW]);
}
