import type { TaskInput } from '../contracts/tasks.js';

/** One column of the planning sheet: Dutch header, meaning in both languages, and whether a row needs it. */
export interface SheetColumn {
  header: string;
  required: boolean;
  nl: string;
  en: string;
}

export const SHEET_COLUMNS: SheetColumn[] = [
  { header: 'externe_ref', required: true, nl: 'Uw eigen sleutel van de opgave; opnieuw importeren werkt de opgave met deze sleutel bij', en: 'Your own key of the task; re-importing updates the task with this key' },
  { header: 'partij', required: false, nl: 'Partij-id (leeg = uw partij); regels van andere partijen worden overgeslagen', en: 'Party id (empty = yours); rows of other parties are skipped' },
  { header: 'gebied', required: true, nl: 'Gebied-id, bijv. sterke-lekdijk', en: 'Area id, e.g. sterke-lekdijk' },
  { header: 'programma', required: true, nl: 'HWBP, KRW, IRM, PROVINCIE, GEMEENTE of OVERIG', en: 'HWBP, KRW, IRM, PROVINCIE, GEMEENTE or OVERIG' },
  { header: 'soort', required: true, nl: 'dike_reinforcement, river_measure, nature, infrastructure, spatial_development of other', en: 'dike_reinforcement, river_measure, nature, infrastructure, spatial_development or other' },
  { header: 'titel', required: true, nl: 'Naam van de opgave', en: 'Name of the task' },
  { header: 'omschrijving', required: false, nl: 'Toelichting', en: 'Description' },
  { header: 'dijktraject', required: false, nl: 'Landelijk trajectnummer, bijv. 44-1', en: 'National trajectory id, e.g. 44-1' },
  { header: 'verkenning_start', required: false, nl: 'Maand JJJJ-MM', en: 'Month YYYY-MM' },
  { header: 'verkenning_eind', required: false, nl: 'Maand JJJJ-MM', en: 'Month YYYY-MM' },
  { header: 'planuitwerking_start', required: false, nl: 'Maand JJJJ-MM', en: 'Month YYYY-MM' },
  { header: 'planuitwerking_eind', required: false, nl: 'Maand JJJJ-MM', en: 'Month YYYY-MM' },
  { header: 'realisatie_start', required: true, nl: 'Maand JJJJ-MM (verplicht)', en: 'Month YYYY-MM (required)' },
  { header: 'realisatie_eind', required: true, nl: 'Maand JJJJ-MM (verplicht)', en: 'Month YYYY-MM (required)' },
  { header: 'venster_vroegste_start', required: false, nl: 'Vroegste start als de opgave mag schuiven (JJJJ-MM)', en: 'Earliest start if the task may move (YYYY-MM)' },
  { header: 'venster_laatste_eind', required: false, nl: 'Laatste eind als de opgave mag schuiven (JJJJ-MM); HWBP uiterlijk 2049-12', en: 'Latest end if the task may move (YYYY-MM); HWBP by 2049-12' },
  { header: 'grond_aanbod_m3', required: false, nl: 'Vrijkomende grond in m³', en: 'Soil supplied in m³' },
  { header: 'grond_vraag_m3', required: false, nl: 'Benodigde grond in m³', en: 'Soil needed in m³' },
  { header: 'grondsoort', required: false, nl: 'klei, zand of overig', en: 'klei (clay), zand (sand) or overig (other)' },
  { header: 'kosten_eur', required: false, nl: 'Kosten in euro', en: 'Cost in euros' },
  { header: 'rivier', required: false, nl: 'Rivier', en: 'River' },
  { header: 'km_van', required: false, nl: 'Rivierkilometer van', en: 'River kilometre from' },
  { header: 'km_tot', required: false, nl: 'Rivierkilometer tot', en: 'River kilometre to' },
  { header: 'lengte_km', required: false, nl: 'Dijkversterking: lengte van het dijkvak in km', en: 'Dike reinforcement: length of the section in km' },
  { header: 'status', required: false, nl: 'Stand van de opgave', en: 'Status of the task' },
  { header: 'urgentie', required: false, nl: 'HWBP-urgentie (1 = meest urgent)', en: 'HWBP urgency (1 = most urgent)' },
];

export const SHEET_HEADERS = SHEET_COLUMNS.map((column) => column.header);

const PHASES = ['verkenning', 'planuitwerking', 'realisatie'] as const;

/** A task as one sheet row (months as `YYYY-MM`, empty cells for missing values). */
export function taskToRow(task: TaskInput): Record<string, string | number> {
  const phase = (kind: string) => task.phases.find((candidate) => candidate.kind === kind);
  const row: Record<string, string | number | null | undefined> = {
    externe_ref: task.externalRef,
    partij: task.partyId,
    gebied: task.areaId,
    programma: task.programme,
    soort: task.kind,
    titel: task.title,
    omschrijving: task.description,
    dijktraject: task.dikeTrajectId,
    venster_vroegste_start: task.window?.earliestStart,
    venster_laatste_eind: task.window?.latestEnd,
    grond_aanbod_m3: task.soilSupplyM3,
    grond_vraag_m3: task.soilDemandM3,
    grondsoort: task.soilType,
    kosten_eur: task.costEur,
    rivier: task.river,
    km_van: task.kmFrom,
    km_tot: task.kmTo,
    lengte_km: task.lengthKm,
    status: task.status,
    urgentie: task.urgencyRank,
  };
  for (const kind of PHASES) {
    row[`${kind}_start`] = phase(kind)?.start;
    row[`${kind}_eind`] = phase(kind)?.end;
  }
  return Object.fromEntries(SHEET_HEADERS.map((header) => [header, row[header] ?? '']));
}

export interface CellError {
  /** Sheet row number as a spreadsheet shows it (the header is row 1). */
  row: number;
  column: string;
  value: string;
  message: { nl: string; en: string };
}

function number(value: string): number | string {
  const normalised = value.replace(/\s/g, '').replace(/\.(?=\d{3}(\D|$))/g, '').replace(',', '.');
  return normalised !== '' && Number.isFinite(Number(normalised)) ? Number(normalised) : value;
}

/**
 * One sheet row as the task input it describes (the contract validates it afterwards). Cells
 * are text as the sheet held them; numbers accept Dutch notation (`1.250,5`).
 */
export function rowToInput(record: Record<string, string>, partyId: string): Record<string, unknown> {
  const text = (header: string) => (record[header] ?? '').trim();
  const optional = (header: string) => (text(header) === '' ? null : text(header));
  const optionalNumber = (header: string) => (text(header) === '' ? null : number(text(header)));
  const phases = PHASES.flatMap((kind) => {
    const start = text(`${kind}_start`);
    const end = text(`${kind}_eind`);
    return start === '' && end === '' ? [] : [{ kind, start, end }];
  });
  const hasWindow = text('venster_vroegste_start') !== '' || text('venster_laatste_eind') !== '';
  return {
    areaId: text('gebied'),
    partyId,
    programme: text('programma'),
    kind: text('soort'),
    title: text('titel'),
    phases,
    description: optional('omschrijving'),
    dikeTrajectId: optional('dijktraject'),
    urgencyRank: optionalNumber('urgentie'),
    window: hasWindow ? { earliestStart: text('venster_vroegste_start'), latestEnd: text('venster_laatste_eind') } : null,
    soilSupplyM3: optionalNumber('grond_aanbod_m3') ?? 0,
    soilDemandM3: optionalNumber('grond_vraag_m3') ?? 0,
    soilType: optional('grondsoort'),
    river: optional('rivier'),
    kmFrom: optionalNumber('km_van'),
    kmTo: optionalNumber('km_tot'),
    lengthKm: optionalNumber('lengte_km'),
    costEur: optionalNumber('kosten_eur'),
    status: optional('status'),
    externalRef: optional('externe_ref'),
  };
}

const FIELD_COLUMNS: Record<string, string> = {
  areaId: 'gebied',
  programme: 'programma',
  kind: 'soort',
  title: 'titel',
  description: 'omschrijving',
  dikeTrajectId: 'dijktraject',
  urgencyRank: 'urgentie',
  soilSupplyM3: 'grond_aanbod_m3',
  soilDemandM3: 'grond_vraag_m3',
  soilType: 'grondsoort',
  river: 'rivier',
  kmFrom: 'km_van',
  kmTo: 'km_tot',
  lengthKm: 'lengte_km',
  costEur: 'kosten_eur',
  status: 'status',
  externalRef: 'externe_ref',
};

/** The sheet column a validation issue's path points at. */
export function columnOf(path: readonly PropertyKey[], input: Record<string, unknown>): string {
  const [field, index, part] = path.map(String);
  if (field === 'phases') {
    const phases = input.phases as { kind: string }[];
    const kind = index !== undefined ? phases[Number(index)]?.kind : 'realisatie';
    return `${kind ?? 'realisatie'}_${part === 'end' ? 'eind' : 'start'}`;
  }
  if (field === 'window') return index === 'latestEnd' ? 'venster_laatste_eind' : 'venster_vroegste_start';
  return FIELD_COLUMNS[field ?? ''] ?? field ?? '';
}
