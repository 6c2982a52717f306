import { describe, expect, it } from 'vitest';
import { formatCsv, parseCsv, parseCsvObjects, restoreNeutralised } from '../../server/formats/csv.js';

describe('parseCsv', () => {
  it('splits records and fields', () => {
    expect(parseCsv('a,b\n1,2\n')).toEqual([['a', 'b'], ['1', '2']]);
  });

  it('keeps delimiters, doubled quotes and line breaks inside quoted fields', () => {
    expect(parseCsv('"a,b","say ""hi""","two\nlines"\r\nx,y,z')).toEqual([
      ['a,b', 'say "hi"', 'two\nlines'],
      ['x', 'y', 'z'],
    ]);
  });

  it('drops a byte-order mark and keeps empty fields', () => {
    expect(parseCsv('\uFEFFa;;c', ';')).toEqual([['a', '', 'c']]);
  });

  it('maps records to objects by header', () => {
    expect(parseCsvObjects('id,name\n1,Lek\n2,')).toEqual([
      { id: '1', name: 'Lek' },
      { id: '2', name: '' },
    ]);
  });
});

describe('formatCsv', () => {
  it('writes numbers as they are and neutralises text that a spreadsheet would run', () => {
    expect(formatCsv([['titel', 'km'], ['=SUM(A1)', -3], ['a;b "c"', null]])).toBe(`titel;km\r\n'=SUM(A1);-3\r\n"a;b ""c""";`);
  });

  it('reads back through parseCsv and restoreNeutralised unchanged', () => {
    const records = [['@team', '+31', 'gewoon']];
    expect(parseCsv(formatCsv(records), ';').map((row) => row.map(restoreNeutralised))).toEqual(records);
  });
});
