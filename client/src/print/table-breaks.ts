import { h } from '../dom.js';

/** How many rows at a table's start and end stay on one printed page together. */
const KEPT_ROWS = 2;

/**
 * A table's rows as table bodies for print: the first two and the last two rows each sit in a
 * body that does not break (`tbody.keep-together`), so a printed page never holds a lone row of
 * a table, under its repeated header or alone at the top of the next page. Chromium ignores
 * `break-before: avoid` between rows; a body that may not break is what it honours.
 */
export function unbrokenBodies(rows: readonly HTMLTableRowElement[]): HTMLTableSectionElement[] {
  if (rows.length <= 2 * KEPT_ROWS) return [h('tbody', { class: 'keep-together' }, [...rows])];
  return [
    h('tbody', { class: 'keep-together' }, rows.slice(0, KEPT_ROWS)),
    h('tbody', {}, rows.slice(KEPT_ROWS, -KEPT_ROWS)),
    h('tbody', { class: 'keep-together' }, rows.slice(-KEPT_ROWS)),
  ];
}
