import ExcelJS from 'exceljs';
import { formatCsv, neutraliseFormula, parseCsv, restoreNeutralised } from './csv.js';
import { SHEET_COLUMNS, SHEET_HEADERS } from './planning-sheet.js';

/** A file that cannot be read as a planning sheet, with the reason in Dutch and English. */
export class SheetFileError extends Error {
  constructor(readonly texts: { nl: string; en: string }) {
    super(texts.en);
  }
}

export interface SheetContent {
  headers: string[];
  /** Cells by header, as text; `rowNumber` is the row as the spreadsheet numbers it. */
  records: { rowNumber: number; cells: Record<string, string> }[];
}

export const MAX_ROWS = 5000;
/** A zip whose contents unpack to more than this is refused before it is opened (zip bombs). */
const MAX_UNPACKED_BYTES = 100 * 1024 * 1024;

function isZip(buffer: Buffer): boolean {
  return buffer.length >= 4 && buffer.readUInt32LE(0) === 0x04034b50;
}

/**
 * The total unpacked size a zip declares in its central directory, read without unpacking
 * anything. Declared sizes can lie, so exceljs reading stays bounded by the same limit below.
 */
export function declaredUnpackedSize(buffer: Buffer): number {
  const end = buffer.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  if (end < 0 || end + 22 > buffer.length) throw new SheetFileError({ nl: 'het Excel-bestand is beschadigd', en: 'the Excel file is damaged' });
  const entries = buffer.readUInt16LE(end + 10);
  let offset = buffer.readUInt32LE(end + 16);
  let total = 0;
  for (let entry = 0; entry < entries; entry++) {
    if (offset + 46 > buffer.length || buffer.readUInt32LE(offset) !== 0x02014b50) {
      throw new SheetFileError({ nl: 'het Excel-bestand is beschadigd', en: 'the Excel file is damaged' });
    }
    total += buffer.readUInt32LE(offset + 24);
    offset += 46 + buffer.readUInt16LE(offset + 28) + buffer.readUInt16LE(offset + 30) + buffer.readUInt16LE(offset + 32);
  }
  return total;
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
  return String(value);
}

function checkRowCount(count: number): void {
  if (count > MAX_ROWS) {
    throw new SheetFileError({ nl: `meer dan ${MAX_ROWS} regels (${count}); splits het bestand`, en: `more than ${MAX_ROWS} rows (${count}); split the file` });
  }
}

async function readXlsx(buffer: Buffer): Promise<SheetContent> {
  if (declaredUnpackedSize(buffer) > MAX_UNPACKED_BYTES) {
    throw new SheetFileError({ nl: 'het Excel-bestand pakt uit tot een onredelijke omvang en wordt niet geopend', en: 'the Excel file unpacks to an unreasonable size and is not opened' });
  }
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(buffer as unknown as ArrayBuffer);
  } catch {
    throw new SheetFileError({ nl: 'het bestand is geen leesbaar Excel-bestand (.xlsx)', en: 'the file is not a readable Excel file (.xlsx)' });
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) throw new SheetFileError({ nl: 'het Excel-bestand heeft geen werkblad', en: 'the Excel file has no worksheet' });
  checkRowCount(sheet.actualRowCount - 1);
  const headers = ((sheet.getRow(1).values as ExcelJS.CellValue[]) ?? []).slice(1).map((value) => cellText(value).trim());
  const records: SheetContent['records'] = [];
  sheet.eachRow((row, rowNumber) => {
    if (rowNumber === 1) return;
    const values = (row.values as ExcelJS.CellValue[]).slice(1);
    const cells = Object.fromEntries(headers.map((header, index) => [header, restoreNeutralised(cellText(values[index] ?? null))]));
    if (Object.values(cells).some((cell) => cell.trim() !== '')) records.push({ rowNumber, cells });
  });
  return { headers, records };
}

function readCsv(buffer: Buffer): SheetContent {
  // Text files hold no NUL bytes; images, PDFs and old .xls files do.
  if (buffer.includes(0)) throw new SheetFileError({ nl: 'het bestand is geen CSV- of Excel-bestand', en: 'the file is neither CSV nor Excel' });
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(buffer);
  } catch {
    throw new SheetFileError({
      nl: 'het bestand is geen UTF-8-tekst; sla het op als "CSV UTF-8" of gebruik .xlsx',
      en: 'the file is not UTF-8 text; save it as "CSV UTF-8" or use .xlsx',
    });
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

/** Reads an uploaded planning sheet: XLSX (by its zip signature) or CSV (`;` or `,`, UTF-8 with or without BOM). */
export async function readSheet(buffer: Buffer): Promise<SheetContent> {
  const content = isZip(buffer) ? await readXlsx(buffer) : readCsv(buffer);
  const unknown = content.headers.filter((header) => header !== '' && !SHEET_HEADERS.includes(header));
  if (unknown.length > 0) {
    throw new SheetFileError({ nl: `onbekende kolommen: ${unknown.join(', ')}`, en: `unknown columns: ${unknown.join(', ')}` });
  }
  const missing = SHEET_COLUMNS.filter((column) => column.required && !content.headers.includes(column.header)).map((column) => column.header);
  if (missing.length > 0) {
    throw new SheetFileError({ nl: `verplichte kolommen ontbreken: ${missing.join(', ')}`, en: `required columns are missing: ${missing.join(', ')}` });
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

/** Rows as an Excel workbook in the sheet layout, with a second sheet explaining every column. */
export async function writeXlsx(rows: Record<string, string | number>[]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('opgaven');
  sheet.columns = SHEET_HEADERS.map((header) => ({ header, key: header, width: Math.max(12, header.length + 2) }));
  sheet.getRow(1).font = { bold: true };
  for (const row of rows) sheet.addRow(Object.fromEntries(SHEET_HEADERS.map((header) => [header, safeCell(row[header] ?? '')])));
  // Months stay text: Excel must not turn 2030-01 into a date.
  for (const header of SHEET_HEADERS.filter((name) => /_(start|eind)$/.test(name))) sheet.getColumn(header).numFmt = '@';
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
