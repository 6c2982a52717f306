import { h } from '../dom.js';
import { t } from '../i18n.js';
import { unbrokenBodies } from '../print/table-breaks.js';

export interface Column<Row> {
  key: string;
  header: string;
  /** What the column sorts by. */
  value(row: Row): string | number;
  /** What the cell shows (text or nodes); defaults to the value. */
  cell?(row: Row): Node | string;
  numeric?: boolean;
}

/**
 * A table whose headers are buttons that sort it (aria-sort says how), so it works with
 * keyboard and screen reader alone.
 */
export function sortableTable<Row>(caption: string, columns: Column<Row>[], rows: readonly Row[], rowClass?: (row: Row) => string): HTMLElement {
  let sortKey = columns[0]!.key;
  let ascending = true;
  const table = h('table', { class: 'data-table' });
  const render = () => {
    const column = columns.find((candidate) => candidate.key === sortKey)!;
    const sorted = [...rows].sort((a, b) => {
      const x = column.value(a);
      const y = column.value(b);
      const order = typeof x === 'number' && typeof y === 'number' ? x - y : String(x).localeCompare(String(y), 'nl');
      return ascending ? order : -order;
    });
    table.replaceChildren(
      h('caption', {}, caption),
      h(
        'thead',
        {},
        h(
          'tr',
          {},
          columns.map((candidate) =>
            h(
              'th',
              { scope: 'col', 'aria-sort': candidate.key === sortKey ? (ascending ? 'ascending' : 'descending') : 'none' },
              h(
                'button',
                {
                  type: 'button',
                  class: 'sort-button',
                  'aria-label': `${t('sortBy')} ${candidate.header}`,
                  onclick: () => {
                    ascending = sortKey === candidate.key ? !ascending : true;
                    sortKey = candidate.key;
                    render();
                    table.querySelector<HTMLButtonElement>(`th[aria-sort="${ascending ? 'ascending' : 'descending'}"] button`)?.focus();
                  },
                },
                candidate.header,
                h('span', { 'aria-hidden': 'true', class: 'sort-indicator' }, candidate.key === sortKey ? (ascending ? ' ▲' : ' ▼') : ''),
              ),
            ),
          ),
        ),
      ),
      ...unbrokenBodies(
        sorted.map((row) =>
          h(
            'tr',
            { class: rowClass?.(row) ?? '' },
            columns.map((candidate) =>
              h('td', { class: candidate.numeric ? 'numeric' : '' }, candidate.cell ? candidate.cell(row) : String(candidate.value(row))),
            ),
          ),
        ),
      ),
    );
  };
  render();
  return table;
}
