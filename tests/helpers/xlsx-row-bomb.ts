import ExcelJS from 'exceljs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * Writes an XLSX whose first sheet holds `rows` identical rows below a header, with shared
 * strings as Excel writes them and the strongest compression: a file of about a megabyte
 * that unpacks to tens of megabytes of sheet. `filled` rows hold one cell each; `blank` rows
 * hold no value, only a row height (formatting). Returns its path (in `directory`) and bytes.
 */
export async function writeRowBomb(directory: string, rows = 300_000, kind: 'filled' | 'blank' = 'filled'): Promise<{ path: string; bytes: Buffer }> {
  const path = join(directory, `row-bomb-${kind}-${rows}.xlsx`);
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: path, useSharedStrings: true, useStyles: false, zip: { zlib: { level: 9 } } });
  const sheet = workbook.addWorksheet('opgaven');
  sheet.addRow(['externe_ref']).commit();
  for (let number = 2; number <= rows + 1; number++) {
    const row = sheet.getRow(number);
    if (kind === 'filled') row.getCell(1).value = 'BOMB';
    else row.height = 20;
    row.commit();
  }
  sheet.commit();
  await workbook.commit();
  return { path, bytes: await readFile(path) };
}
