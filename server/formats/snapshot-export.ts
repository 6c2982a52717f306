import type { PublicSnapshot } from '../contracts/snapshots.js';
import { formatCsv } from './csv.js';
import { soilLedgerCsv } from './soil-ledger-csv.js';

function csvLines(header: string[], rows: unknown[][]): string {
  return formatCsv([header, ...rows]);
}

/**
 * A snapshot's tasks and alignment pairs as CSV (`;`-separated, as Dutch spreadsheets expect,
 * UTF-8 with a byte-order mark), two tables one after the other, then the soil ledger as the
 * snapshot recorded it (in the layout of the live ledger's CSV) when it recorded one.
 */
export function snapshotCsv(snapshot: PublicSnapshot): string {
  const { content } = snapshot;
  const party = new Map(content.parties.map((candidate) => [candidate.id, candidate.name]));
  const title = new Map(content.tasks.map((task) => [task.id, task.title]));
  const phase = (task: (typeof content.tasks)[number], kind: string, end: boolean) => {
    const found = task.phases.find((candidate) => candidate.kind === kind);
    return found ? (end ? found.end : found.start) : '';
  };
  const tasks = csvLines(
    ['titel', 'partij', 'programma', 'soort', 'dijktraject', 'verkenning_start', 'verkenning_eind', 'planuitwerking_start', 'planuitwerking_eind', 'realisatie_start', 'realisatie_eind', 'venster_vroegste_start', 'venster_laatste_eind', 'buiten_venster', 'grond_aanbod_m3', 'grond_vraag_m3', 'grondsoort', 'kosten_eur'],
    content.tasks.map((task) => [
      task.title,
      party.get(task.partyId) ?? task.partyId,
      task.programme,
      task.kind,
      task.dikeTrajectId,
      phase(task, 'verkenning', false),
      phase(task, 'verkenning', true),
      phase(task, 'planuitwerking', false),
      phase(task, 'planuitwerking', true),
      phase(task, 'realisatie', false),
      phase(task, 'realisatie', true),
      task.window?.earliestStart,
      task.window?.latestEnd,
      task.outsideWindow ? 'ja' : 'nee',
      task.soilSupplyM3,
      task.soilDemandM3,
      task.soilType,
      task.costEur,
    ]),
  );
  const pairs = csvLines(
    ['dijkversterking', 'andere_opgave', 'status', 'overlap_maanden', 'tussenruimte_maanden', 'verschuiving_maanden', 'grond_m3', 'toelichting'],
    content.alignments.pairs.map((pair) => [
      title.get(pair.dikeTaskId),
      title.get(pair.otherTaskId),
      pair.status,
      pair.overlapMonths,
      pair.gapMonths,
      pair.move?.shiftMonths,
      pair.soilMatchM3,
      pair.explanation.nl,
    ]),
  );
  const ledger = content.soilLedger
    ? `\r\n${soilLedgerCsv({ ...content.soilLedger, areaId: content.area.id, scenarioId: snapshot.scenarioId, asOf: content.asOf ?? snapshot.createdAt.slice(0, 7), delta: null }).replace(/^\uFEFF/, '')}`
    : '';
  return `\uFEFF${csvLines(['snapshot', 'vergaderdatum', 'gemaakt_op'], [[snapshot.title, snapshot.meetingDate, snapshot.createdAt]])}\r\n\r\n${tasks}\r\n\r\n${pairs}\r\n${ledger}`;
}
