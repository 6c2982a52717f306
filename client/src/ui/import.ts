import { api, type ImportResult } from '../api.js';
import { h } from '../dom.js';
import { messageText, t } from '../i18n.js';
import { fieldLabel } from './field-values.js';
import { errorBlock } from './status.js';

function resultTables(result: ImportResult): HTMLElement {
  const rows = [
    ...result.created.map((row) => ({ row: row.row, action: t('importCreate'), ref: row.externalRef, title: row.title, changes: '' })),
    ...result.updated.map((row) => ({ row: row.row, action: t('importUpdate'), ref: row.externalRef, title: row.title, changes: row.changes.map((change) => fieldLabel(change.field)).join(', ') })),
    ...result.unchanged.map((row) => ({ row: row.row, action: t('importUnchanged'), ref: row.externalRef, title: '', changes: '' })),
  ].sort((a, b) => a.row - b.row);
  return h(
    'div',
    { class: 'import-result' },
    result.skippedExampleRows.length ? h('p', { class: 'import-example-skipped' }, t('importExampleSkipped', { rows: result.skippedExampleRows.join(', ') })) : null,
    result.skippedOtherParties ? h('p', {}, t('importSkipped', { count: result.skippedOtherParties })) : null,
    result.errors.length
      ? h(
          'table',
          { class: 'data-table import-errors' },
          h('caption', {}, t('importErrors')),
          h('thead', {}, h('tr', {}, [t('importRow'), t('importColumn'), t('importValue'), t('importMessage')].map((text) => h('th', { scope: 'col' }, text)))),
          h(
            'tbody',
            {},
            result.errors.map((error) =>
              h(
                'tr',
                {},
                h('td', {}, String(error.row)),
                h('td', { class: 'cell-error' }, error.column),
                h('td', { class: 'cell-error' }, error.value),
                // A code this client does not know yet still names the cell it is about.
                h('td', {}, messageText(error.messageCode, error.messageParams) ?? `${error.column}: ${error.value}`),
              ),
            ),
          ),
        )
      : null,
    h(
      'table',
      { class: 'data-table import-preview' },
      h('caption', {}, t('importPreview')),
      h('thead', {}, h('tr', {}, [t('importRow'), t('importAction'), 'externe_ref', t('title'), t('importChanges')].map((text) => h('th', { scope: 'col' }, text)))),
      h(
        'tbody',
        {},
        rows.map((row) => h('tr', { class: `import-${row.action}` }, h('td', {}, String(row.row)), h('td', {}, row.action), h('td', {}, row.ref), h('td', {}, row.title), h('td', {}, row.changes))),
      ),
    ),
  );
}

/** After a commit: where the imported tasks now are, one link per area, by the area's name. */
async function areaLinks(result: ImportResult): Promise<HTMLElement | null> {
  const areaIds = [...new Set([...result.created, ...result.updated, ...result.unchanged].map((row) => row.areaId))];
  if (areaIds.length === 0) return null;
  const names = new Map((await api.areas().catch(() => [])).map((area) => [area.id, area.name]));
  return h(
    'p',
    { class: 'import-areas' },
    `${t('importOpenAreas')} `,
    areaIds.flatMap((areaId, index) => [index > 0 ? ', ' : null, h('a', { href: `#/gebied/${encodeURIComponent(areaId)}` }, names.get(areaId) ?? areaId)]),
  );
}

/** The import page: pick a sheet, preview the dry run, then commit it in one go. */
export function renderImport(main: HTMLElement): void {
  const input = h('input', { id: 'import-file', type: 'file', accept: '.csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' });
  const output = h('div', { 'aria-live': 'polite' });
  const hint = h('p', { id: 'import-commit-hint', class: 'field-hint' }, t('importCommitHint'));
  const commit = h('button', { type: 'button', class: 'primary import-commit', disabled: true, 'aria-describedby': hint.id }, t('importCommit'));
  const run = async (dryRun: boolean) => {
    const file = input.files?.[0];
    if (!file) return;
    try {
      const result = await api.importSheet(file, dryRun);
      if (dryRun) {
        output.replaceChildren(resultTables(result));
        commit.disabled = result.errors.length > 0 || result.created.length + result.updated.length === 0;
      } else {
        commit.disabled = true;
        output.replaceChildren(h('p', { class: 'import-done', role: 'status' }, t('importDone', { created: result.created.length, updated: result.updated.length })));
        const links = await areaLinks(result);
        if (links) output.append(links);
      }
    } catch (error) {
      output.replaceChildren(errorBlock(error));
    }
  };
  commit.addEventListener('click', () => void run(false));
  input.addEventListener('change', () => {
    commit.disabled = true;
    output.replaceChildren();
  });
  main.replaceChildren(
    h('h1', {}, t('importTitle')),
    h('p', {}, t('importIntro')),
    h('p', {}, `${t('importTemplates')}: `, h('a', { href: '/api/imports/template.xlsx', download: '' }, 'Excel'), ' · ', h('a', { href: '/api/imports/template.csv', download: '' }, 'CSV')),
    h('div', { class: 'toolbar' }, h('div', { class: 'field' }, h('label', { for: 'import-file' }, t('importFile')), input), h('button', { type: 'button', class: 'import-preview-button', onclick: () => void run(true) }, t('importPreview')), commit),
    hint,
    output,
  );
}
