// Entry of the self-contained snapshot file: data, script and styles all inline, no network.
import type { PublicSharedSnapshot } from '../server/contracts/snapshots.js';
import { loadLanguage } from './src/i18n.js';
import './src/styles.css';
import { renderSnapshotView } from './src/ui/snapshot-view.js';

loadLanguage();
const data = JSON.parse(document.getElementById('snapshot-data')!.textContent!) as PublicSharedSnapshot;
void renderSnapshotView(document.getElementById('main')!, data, null, new Date());
