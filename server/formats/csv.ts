/**
 * Parses RFC 4180 CSV: quoted fields may hold the delimiter, doubled quotes and line
 * breaks; CRLF and LF both end a record; a leading byte-order mark is dropped.
 */
export function parseCsv(text: string, delimiter = ','): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let field = '';
  let quoted = false;
  const source = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  for (let i = 0; i < source.length; i++) {
    const char = source[i];
    if (quoted) {
      if (char === '"' && source[i + 1] === '"') {
        field += '"';
        i++;
      } else if (char === '"') {
        quoted = false;
      } else {
        field += char;
      }
    } else if (char === '"' && field === '') {
      quoted = true;
    } else if (char === delimiter) {
      record.push(field);
      field = '';
    } else if (char === '\n' || char === '\r') {
      if (char === '\r' && source[i + 1] === '\n') i++;
      record.push(field);
      records.push(record);
      record = [];
      field = '';
    } else {
      field += char;
    }
  }
  if (field !== '' || record.length > 0) {
    record.push(field);
    records.push(record);
  }
  return records;
}

/** CSV with a header row as one object per record, keyed by header. */
export function parseCsvObjects(text: string, delimiter = ','): Record<string, string>[] {
  const [header, ...rows] = parseCsv(text, delimiter);
  if (!header) return [];
  return rows.map((row) => Object.fromEntries(header.map((name, index) => [name, row[index] ?? ''])));
}

/** Spreadsheet programs run cells that start like a formula; a leading quote keeps them text. */
export function neutraliseFormula(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

/** What a neutralised cell meant: the reverse of `neutraliseFormula`, so a round trip changes nothing. */
export function restoreNeutralised(value: string): string {
  return /^'[=+\-@\t\r]/.test(value) ? value.slice(1) : value;
}

/**
 * Records as `;`-separated CSV lines (what Dutch spreadsheets expect): numbers as they are, text
 * neutralised against formulas and quoted where it holds a delimiter, quote or line break.
 */
export function formatCsv(records: readonly (readonly unknown[])[]): string {
  const cell = (value: unknown) => {
    if (typeof value === 'number') return String(value);
    const text = neutraliseFormula(value === null || value === undefined ? '' : String(value));
    return /[";\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
  };
  return records.map((record) => record.map(cell).join(';')).join('\r\n');
}
