import ExcelJS from 'exceljs';
import { Readable } from 'node:stream';
import { formatCsv, neutraliseFormula, parseCsv, restoreNeutralised } from './csv.js';
import { userMessage, type UserMessage } from '../domain/messages.js';
import { CODED_COLUMNS, dutchChoices, isExampleRow, SHEET_COLUMNS, SHEET_HEADERS } from './planning-sheet.js';

/**
 * A file that cannot be read as a planning sheet: the reason as a message code (its Dutch and
 * English texts live with the client) and in English for logs. `rowsRead` tells how many rows
 * below the header were read before an XLSX was refused.
 */
export class SheetFileError extends Error {
  constructor(
    readonly userMessage: UserMessage,
    reason: string,
    readonly rowsRead?: number,
  ) {
    super(reason);
  }
}

export interface SheetContent {
  headers: string[];
  /** Cells by header, as text; `rowNumber` is the row as the spreadsheet numbers it. */
  records: { rowNumber: number; cells: Record<string, string> }[];
}

export const MAX_ROWS = 5000;
/**
 * Rows below the header an XLSX may hold in all, empty ones with only formatting included: enough
 * for formatting left below the data, while a sheet of millions of blank rows is not read to its end.
 */
export const MAX_SHEET_ROWS = 20 * MAX_ROWS;
/** A zip whose contents unpack to more than this is refused before it is opened (zip bombs). */
const MAX_UNPACKED_BYTES = 100 * 1024 * 1024;

const damaged = (name: string) => new SheetFileError(userMessage('import_file_damaged', { name }), 'the Excel file is damaged');
const notWorkbook = (name: string) => new SheetFileError(userMessage('import_file_not_workbook', { name }), 'the file is not an Excel workbook (.xlsx)');

function isZip(buffer: Buffer): boolean {
  return buffer.length >= 4 && buffer.readUInt32LE(0) === 0x04034b50;
}

interface ZipEntry {
  name: string;
  /** Where the entry's local header starts. */
  offset: number;
  declaredSize: number;
}

/** The entries a zip's central directory lists, and where that directory starts; nothing is unpacked. */
function zipDirectory(buffer: Buffer, name: string): { entries: ZipEntry[]; directoryOffset: number } {
  const end = buffer.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  if (end < 0 || end + 22 > buffer.length) throw damaged(name);
  const count = buffer.readUInt16LE(end + 10);
  const directoryOffset = buffer.readUInt32LE(end + 16);
  const entries: ZipEntry[] = [];
  let offset = directoryOffset;
  for (let entry = 0; entry < count; entry++) {
    if (offset + 46 > buffer.length || buffer.readUInt32LE(offset) !== 0x02014b50) throw damaged(name);
    const nameLength = buffer.readUInt16LE(offset + 28);
    entries.push({
      name: buffer.toString('utf8', offset + 46, offset + 46 + nameLength),
      offset: buffer.readUInt32LE(offset + 42),
      declaredSize: buffer.readUInt32LE(offset + 24),
    });
    offset += 46 + nameLength + buffer.readUInt16LE(offset + 30) + buffer.readUInt16LE(offset + 32);
  }
  return { entries, directoryOffset };
}

/**
 * The total unpacked size a zip declares in its central directory, read without unpacking
 * anything. Declared sizes can lie, so reading the sheet stays bounded by its row limits too.
 */
export function declaredUnpackedSize(buffer: Buffer, name: string): number {
  return zipDirectory(buffer, name).entries.reduce((total, entry) => total + entry.declaredSize, 0);
}

function monthText(date: Date): string {
  return `${date.getUTCFullYear()}-${String(date.getUTCMonth() + 1).padStart(2, '0')}`;
}

function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  // A month typed as 2030-01 may come back from Excel as a date: it meant the month.
  if (value instanceof Date) return monthText(value);
  if (typeof value === 'object') {
    if ('richText' in value) return value.richText.map((part) => part.text).join('');
    if ('text' in value) return String(value.text);
    if ('result' in value) return cellText(value.result as ExcelJS.CellValue);
    return '';
  }
  // A number cell is a number, not text: written with a decimal comma, the sheet's number
  // reading (which takes 952.125 as Dutch for 952125) keeps 952.125 a fraction.
  if (typeof value === 'number') return String(value).replace('.', ',');
  return String(value);
}

function checkRowCount(count: number): void {
  if (count > MAX_ROWS) {
    throw new SheetFileError(userMessage('import_file_too_many_rows', { count, max: MAX_ROWS }), `more than ${MAX_ROWS} rows (${count}); split the file`);
  }
}

const WORKSHEET = /^xl\/worksheets\/sheet(\d+)\.xml$/;
/** What exceljs's stream reader needs before the sheets, in this order; other entries it would skip. */
const WORKBOOK_PARTS = ['xl/_rels/workbook.xml.rels', 'xl/workbook.xml', 'xl/sharedStrings.xml', 'xl/styles.xml'];

/**
 * The workbook as exceljs's stream reader should see it: workbook parts first, then the
 * worksheets in number order. Excel writes the shared strings after the sheets, and the
 * reader then copies every sheet whole to a temporary file before reading a row (and leaves
 * the file behind when reading stops early); in this order it reads the sheet straight from
 * the upload. Each entry is passed on byte for byte, from its local header to the next one, and
 * the central directory last.
 */
function inStreamingOrder(buffer: Buffer, name: string): { input: Readable; hasSharedStrings: boolean } {
  const { entries, directoryOffset } = zipDirectory(buffer, name);
  const starts = [...new Set(entries.map((entry) => entry.offset)), directoryOffset].sort((a, b) => a - b);
  const bytesOf = (entry: ZipEntry): Buffer => {
    const next = starts.find((start) => start > entry.offset);
    if (next === undefined || next > buffer.length || next - entry.offset < 30) throw damaged(name);
    const record = buffer.subarray(entry.offset, next);
    // The reader goes by the local header's name: it must be the one the directory was sorted by.
    const localName = record.toString('utf8', 30, 30 + record.readUInt16LE(26));
    if (record.readUInt32LE(0) !== 0x04034b50 || localName !== entry.name) throw damaged(name);
    return record;
  };
  const byName = new Map(entries.map((entry) => [entry.name, entry]));
  if (!byName.has('xl/_rels/workbook.xml.rels') || !byName.has('xl/workbook.xml')) throw notWorkbook(name);
  const parts = WORKBOOK_PARTS.flatMap((name) => (byName.has(name) ? [byName.get(name)!] : []));
  const sheets = entries
    .filter((entry) => WORKSHEET.test(entry.name))
    .sort((a, b) => Number(WORKSHEET.exec(a.name)![1]) - Number(WORKSHEET.exec(b.name)![1]));
  // The directory closes the zip as before, so a reader that gets that far finishes cleanly.
  const chunks = [...[...parts, ...sheets].map(bytesOf), buffer.subarray(directoryOffset)];
  return { input: new ZipInput(chunks), hasSharedStrings: byName.has('xl/sharedStrings.xml') };
}

/**
 * Zip bytes for exceljs's stream reader. The reader pipes them into an unzipper that reports
 * damaged compressed data on itself, never on the entry being read, which the reader then
 * awaits for ever; so the error is passed on to that entry.
 */
class ZipInput extends Readable {
  constructor(private readonly chunks: Buffer[]) {
    super();
  }

  override _read(): void {
    this.push(this.chunks.shift() ?? null);
  }

  override pipe<T extends NodeJS.WritableStream>(unzipper: T, options?: { end?: boolean }): T {
    let entry: Readable | undefined;
    unzipper.on('data', (next: Readable) => {
      entry = next;
      // Whoever reads the entry hears the error too; an entry skipped unread must not end the process with it.
      entry.on('error', () => {});
    });
    unzipper.on('error', (error: Error) => entry?.destroy(error));
    return super.pipe(unzipper, options);
  }
}

/** The parts of exceljs 4.4's WorkbookReader used here that its typings leave out. */
interface ReaderState {
  sharedStrings?: unknown[];
  model?: { sheets?: { name: string }[] };
  properties?: { model?: { date1904?: boolean } };
}

/** Mirrors exceljs's own test for a date format (utils.isDateFmt), which it does not export. */
function isDateFormat(format: string | undefined): boolean {
  return !!format && /[ymdhMsb]+/.test(format.replace(/\[[^\]]*]/g, '').replace(/"[^"]*"/g, ''));
}

/**
 * A cell's value as the full workbook loader gives it. The stream reader reads every formula
 * result as a number: the loader gives a date under a date format, and an error (which reads as
 * NaN here) as no text. A boolean result still reads as 1 or 0 where the loader says true or false.
 */
function loadedValue(cell: ExcelJS.Cell, date1904: boolean): ExcelJS.CellValue {
  const { value } = cell;
  if (value === null || typeof value !== 'object' || !('result' in value) || typeof value.result !== 'number') return value;
  if (Number.isNaN(value.result)) return null;
  if (!isDateFormat(cell.numFmt)) return value;
  return new Date(Math.round((value.result - 25569 + (date1904 ? 1462 : 0)) * 24 * 3600 * 1000));
}

function tooManyRows(rowsRead: number, withEmpty: boolean): SheetFileError {
  return withEmpty
    ? new SheetFileError(userMessage('import_file_too_many_sheet_rows', { max: MAX_SHEET_ROWS }), `more than ${MAX_SHEET_ROWS} rows, empty ones included; split the file`, rowsRead)
    : new SheetFileError(userMessage('import_file_too_many_rows', { count: { nl: `meer dan ${MAX_ROWS}`, en: `more than ${MAX_ROWS}` }, max: MAX_ROWS }), `more than ${MAX_ROWS} rows; split the file`, rowsRead);
}

/**
 * Reads the first worksheet row by row and stops as soon as it holds too many rows, so a small
 * file with a huge sheet costs no more than its first few thousand rows.
 */
async function readXlsx(buffer: Buffer, name: string): Promise<SheetContent> {
  if (!isZip(buffer)) throw notWorkbook(name);
  if (declaredUnpackedSize(buffer, name) > MAX_UNPACKED_BYTES) {
    throw new SheetFileError(userMessage('import_file_unpacks_too_large', { name }), 'the Excel file unpacks to an unreasonable size and is not opened');
  }
  const { input, hasSharedStrings } = inStreamingOrder(buffer, name);
  // Styles tell dates from numbers; hyperlinks would only replace a cell's value by the same text.
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(input, { sharedStrings: 'cache', styles: 'cache', hyperlinks: 'ignore', worksheets: 'emit', entries: 'ignore' });
  const state = reader as unknown as ReaderState;
  // Without a shared-strings part the reader would still wait for one, copying the sheets to temporary files.
  if (!hasSharedStrings) state.sharedStrings = [];
  let headers: string[] = [];
  const records: SheetContent['records'] = [];
  let found = false;
  try {
    for await (const sheet of reader) {
      const names = (state.model?.sheets ?? []).map((entry) => entry.name);
      // The loader's first sheet is the first tab; a sheet file that is another tab is skipped.
      if (names.length > 1 && names.indexOf((sheet as unknown as { name: string }).name) > 0) continue;
      found = true;
      const date1904 = state.properties?.model?.date1904 ?? false;
      let rowsRead = 0;
      let filled = 0;
      for await (const row of sheet) {
        // Array.from fills the gaps the values array leaves for empty cells.
        const values = Array.from(row.values as ExcelJS.CellValue[], (value, column) => (value == null ? '' : cellText(loadedValue(row.getCell(column), date1904))));
        if (row.number === 1) {
          headers = values.slice(1).map((value) => value.trim());
          continue;
        }
        rowsRead++;
        if (row.hasValues && ++filled > MAX_ROWS) throw tooManyRows(rowsRead, false);
        if (rowsRead > MAX_SHEET_ROWS) throw tooManyRows(rowsRead, true);
        const cells = Object.fromEntries(headers.map((header, index) => [header, restoreNeutralised(values[index + 1] ?? '')]));
        if (Object.values(cells).some((cell) => cell.trim() !== '')) records.push({ rowNumber: row.number, cells });
      }
      break;
    }
  } catch (error) {
    if (error instanceof SheetFileError) throw error;
    throw damaged(name);
  } finally {
    input.destroy();
  }
  if (!found) throw new SheetFileError(userMessage('import_file_no_worksheet', { name }), 'the Excel file has no worksheet');
  return { headers, records };
}

function readCsv(buffer: Buffer, name: string): SheetContent {
  // Text files hold no NUL bytes; images, PDFs, workbooks and old .xls files do.
  if (isZip(buffer) || buffer.includes(0)) throw new SheetFileError(userMessage('import_file_not_text', { name }), 'the file is named .csv but is not text');
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(buffer);
  } catch {
    throw new SheetFileError(userMessage('import_file_not_utf8', { name }), 'the file is not UTF-8 text; save it as "CSV UTF-8" or use .xlsx');
  }
  const firstLine = text.replace(/^\uFEFF/, '').split(/\r?\n/, 1)[0] ?? '';
  const delimiter = (firstLine.match(/;/g)?.length ?? 0) >= (firstLine.match(/,/g)?.length ?? 0) ? ';' : ',';
  const [header = [], ...rows] = parseCsv(text, delimiter);
  checkRowCount(rows.filter((row) => row.some((cell) => cell.trim() !== '')).length);
  const headers = header.map((cell) => cell.trim());
  const records: SheetContent['records'] = [];
  rows.forEach((row, index) => {
    if (!row.some((cell) => cell.trim() !== '')) return;
    records.push({ rowNumber: index + 2, cells: Object.fromEntries(headers.map((name, column) => [name, restoreNeutralised(row[column] ?? '')])) });
  });
  return { headers, records };
}

/** The sheet format a file name promises, or undefined for any other name (`.txt`, `.xls`, none). */
export function sheetFormatOf(name: string): 'csv' | 'xlsx' | undefined {
  const extension = /\.([^.]+)$/.exec(name.trim())?.[1]?.toLowerCase();
  return extension === 'csv' || extension === 'xlsx' ? extension : undefined;
}

/**
 * Reads an uploaded planning sheet. Its name says what it is (`.xlsx` or `.csv`, nothing else)
 * and its content must match: an XLSX workbook, or CSV text (`;` or `,`, UTF-8 with or without BOM).
 */
export async function readSheet(buffer: Buffer, name: string): Promise<SheetContent> {
  const format = sheetFormatOf(name);
  if (!format) throw new SheetFileError(userMessage('import_file_type', { name }), 'the file is neither CSV nor Excel (.csv or .xlsx)');
  const content = format === 'xlsx' ? await readXlsx(buffer, name) : readCsv(buffer, name);
  const unknown = content.headers.filter((header) => header !== '' && !SHEET_HEADERS.includes(header));
  if (unknown.length > 0) {
    throw new SheetFileError(userMessage('import_columns_unknown', { columns: unknown }), `unknown columns: ${unknown.join(', ')}`);
  }
  const missing = SHEET_COLUMNS.filter((column) => column.required && !content.headers.includes(column.header)).map((column) => column.header);
  if (missing.length > 0) {
    throw new SheetFileError(userMessage('import_columns_missing', { columns: missing }), `required columns are missing: ${missing.join(', ')}`);
  }
  return content;
}

function safeCell(value: string | number): string | number {
  return typeof value === 'number' ? value : neutraliseFormula(value);
}

/** Rows as CSV in the sheet layout: `;`-separated, UTF-8 with BOM, formula-like cells neutralised. */
export function writeCsv(rows: Record<string, string | number>[]): string {
  return `\uFEFF${formatCsv([SHEET_HEADERS, ...rows.map((row) => SHEET_HEADERS.map((header) => row[header] ?? ''))])}\r\n`;
}

/** Month columns: Excel shows their cells as months, and the import reads such date cells back as months. */
const MONTH_HEADERS = SHEET_HEADERS.filter((name) => /_(start|eind)$/.test(name));
/** How far down the drop-down lists and month formats reach: every row an import may hold. */
const LAST_SHEET_ROW = MAX_ROWS + 1;

/** A `YYYY-MM` month as the date Excel stores for its first day (a month cell), or the text as it was. */
function monthCell(value: string | number): string | number | Date {
  const match = typeof value === 'string' ? /^(\d{4})-(\d{2})$/.exec(value) : null;
  return match ? new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, 1)) : value;
}

/**
 * Rows as an Excel workbook in the sheet layout, with a second sheet explaining every column:
 * months as month cells (`yyyy-mm`), drop-down lists of the Dutch names for the coded columns
 * (a typed code still passes, with a warning), and a template's example row in grey italics.
 */
export async function writeXlsx(rows: Record<string, string | number>[]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('opgaven', { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = SHEET_HEADERS.map((header) => ({ header, key: header, width: Math.max(12, header.length + 2) }));
  sheet.getRow(1).font = { bold: true };
  for (const row of rows) {
    const added = sheet.addRow(Object.fromEntries(SHEET_HEADERS.map((header) => [header, MONTH_HEADERS.includes(header) ? monthCell(row[header] ?? '') : safeCell(row[header] ?? '')])));
    if (isExampleRow(Object.fromEntries(Object.entries(row).map(([key, value]) => [key, String(value)])))) {
      added.font = { italic: true, color: { argb: 'FF595959' } };
      added.getCell('externe_ref').note = 'Voorbeeldregel: de import slaat regels met VOORBEELD over. / Example row: the import skips rows marked VOORBEELD.';
    }
  }
  for (const header of MONTH_HEADERS) sheet.getColumn(header).numFmt = 'yyyy-mm';
  // exceljs types a data validation per cell only; its worksheet model also takes one for a range.
  const validations = (sheet as unknown as { dataValidations: { add(range: string, validation: ExcelJS.DataValidation): void } }).dataValidations;
  for (const [header, codes] of Object.entries(CODED_COLUMNS)) {
    const letter = sheet.getColumn(header).letter;
    validations.add(`${letter}2:${letter}${LAST_SHEET_ROW}`, {
      type: 'list',
      allowBlank: true,
      formulae: [`"${dutchChoices(codes).join(',')}"`],
      showErrorMessage: true,
      errorStyle: 'warning',
      errorTitle: header,
      error: `Kies uit de lijst: ${dutchChoices(codes).join(', ')}. / Choose from the list.`,
    });
  }
  const help = workbook.addWorksheet('uitleg');
  help.columns = [
    { header: 'kolom', key: 'kolom', width: 26 },
    { header: 'verplicht', key: 'verplicht', width: 10 },
    { header: 'betekenis', key: 'nl', width: 80 },
    { header: 'meaning', key: 'en', width: 80 },
  ];
  help.getRow(1).font = { bold: true };
  for (const column of SHEET_COLUMNS) help.addRow({ kolom: column.header, verplicht: column.required ? 'ja' : 'nee', nl: column.nl, en: column.en });
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
