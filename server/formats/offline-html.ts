import { readFileSync } from 'node:fs';
import type { PublicSharedSnapshot } from '../contracts/snapshots.js';

/** Where the client build puts the single-file snapshot viewer (see client/vite.offline.config.ts). */
const OFFLINE_DIR = new URL('../../dist/offline/', import.meta.url);

function escapeHtml(text: string): string {
  return text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('"', '&quot;');
}

/**
 * One HTML file that shows a snapshot with no network: the viewer's script and styles and the
 * snapshot's data inline. Data is JSON in a non-executable script element with every `<`
 * escaped, so no text in it can close the element. Null when the viewer was not built.
 */
export function offlineSnapshotHtml(view: PublicSharedSnapshot): string | null {
  let script: string;
  let styles: string;
  try {
    script = readFileSync(new URL('offline.js', OFFLINE_DIR), 'utf8');
    styles = readFileSync(new URL('offline.css', OFFLINE_DIR), 'utf8');
  } catch {
    return null;
  }
  const data = JSON.stringify(view).replaceAll('<', '\\u003c');
  return [
    '<!doctype html>',
    '<html lang="nl"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeHtml(view.snapshot.title)}</title>`,
    `<style>${styles.replaceAll('</style', '<\\/style')}</style>`,
    '</head><body><div id="status" class="status"></div><main id="main"></main>',
    `<script type="application/json" id="snapshot-data">${data}</script>`,
    `<script type="module">${script.replaceAll('</script', '<\\/script')}</script>`,
    '</body></html>',
  ].join('\n');
}
