import { Slug } from '../contracts/common.js';
import { TaskInput, toTaskDraft } from '../contracts/tasks.js';
import { VALUE_LABELS } from '../contracts/value-labels.js';
import { userMessage, type LocalizedText, type UserMessage } from '../domain/messages.js';
import { isPlanningMonth, MONTH_PATTERN, parseMonth } from '../domain/months.js';
import { PROGRAMMES, scheduleRuleViolations, SOIL_TYPES, TASK_KINDS } from '../domain/tasks.js';

/** One column of the planning sheet: Dutch header, meaning in both languages, and whether a row needs it. */
export interface SheetColumn {
  header: string;
  required: boolean;
  nl: string;
  en: string;
}

export const SHEET_COLUMNS: SheetColumn[] = [
  { header: 'externe_ref', required: true, nl: 'Uw eigen sleutel van de opgave; opnieuw importeren werkt de opgave met deze sleutel bij. Een regel met VOORBEELD is het voorbeeld en wordt overgeslagen', en: 'Your own key of the task; re-importing updates the task with this key. A row with VOORBEELD is the example and is skipped' },
  { header: 'partij', required: false, nl: 'Partij-id (leeg = uw partij); regels van andere partijen worden overgeslagen', en: 'Party id (empty = yours); rows of other parties are skipped' },
  { header: 'gebied', required: true, nl: 'Gebied-id, bijv. sterke-lekdijk', en: 'Area id, e.g. sterke-lekdijk' },
  { header: 'programma', required: true, nl: 'HWBP, KRW, IRM, PROVINCIE, GEMEENTE of OVERIG', en: 'HWBP, KRW, IRM, PROVINCIE, GEMEENTE or OVERIG' },
  { header: 'soort', required: true, nl: 'Dijkversterking, Riviermaatregel, Natuur, Infrastructuur, Ruimtelijke ontwikkeling of Overig (of de API-code, bijv. dike_reinforcement)', en: 'Dike reinforcement, River measure, Nature, Infrastructure, Spatial development or Other (Dutch names and API codes such as dike_reinforcement work too)' },
  { header: 'titel', required: true, nl: 'Naam van de opgave', en: 'Name of the task' },
  { header: 'omschrijving', required: false, nl: 'Toelichting', en: 'Description' },
  { header: 'dijktraject', required: false, nl: 'Landelijk trajectnummer, bijv. 44-1', en: 'National trajectory id, e.g. 44-1' },
  { header: 'verkenning_start', required: false, nl: 'Maand JJJJ-MM of een datumcel', en: 'Month YYYY-MM or a date cell' },
  { header: 'verkenning_eind', required: false, nl: 'Maand JJJJ-MM of een datumcel', en: 'Month YYYY-MM or a date cell' },
  { header: 'planuitwerking_start', required: false, nl: 'Maand JJJJ-MM of een datumcel', en: 'Month YYYY-MM or a date cell' },
  { header: 'planuitwerking_eind', required: false, nl: 'Maand JJJJ-MM of een datumcel', en: 'Month YYYY-MM or a date cell' },
  { header: 'realisatie_start', required: true, nl: 'Maand JJJJ-MM of een datumcel (verplicht)', en: 'Month YYYY-MM or a date cell (required)' },
  { header: 'realisatie_eind', required: true, nl: 'Maand JJJJ-MM of een datumcel (verplicht)', en: 'Month YYYY-MM or a date cell (required)' },
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

/**
 * The `externe_ref` that marks the template's example row. The import skips such a row (and says
 * so), so a filled-in template can keep it.
 */
export const EXAMPLE_REF = 'VOORBEELD';

/** Whether a sheet row is the template's example (by its `externe_ref`, in any case). */
export function isExampleRow(cells: Record<string, string>): boolean {
  return (cells.externe_ref ?? '').trim().toUpperCase() === EXAMPLE_REF;
}

/** The template's example row: a dike reinforcement written the way the interface names things. */
export const EXAMPLE_ROW: Record<string, string | number> = {
  externe_ref: EXAMPLE_REF,
  gebied: 'sterke-lekdijk',
  programma: 'HWBP',
  soort: 'Dijkversterking',
  titel: 'Voorbeeld: dijkversterking Salmsteke (deze regel wordt niet geïmporteerd)',
  omschrijving: 'Vervang deze regel door uw eigen opgaven, of laat hem staan: regels met VOORBEELD worden overgeslagen.',
  dijktraject: '44-1',
  verkenning_start: '2026-01',
  verkenning_eind: '2027-06',
  planuitwerking_start: '2027-07',
  planuitwerking_eind: '2029-12',
  realisatie_start: '2030-03',
  realisatie_eind: '2032-10',
  venster_vroegste_start: '2026-01',
  venster_laatste_eind: '2035-12',
  grond_aanbod_m3: 20000,
  grond_vraag_m3: 80000,
  grondsoort: 'klei',
  kosten_eur: 45000000,
  lengte_km: 4.2,
  status: 'projectbesluit',
  urgentie: 12,
};

/** Columns whose cells hold one of a fixed set of codes, and those codes. */
export const CODED_COLUMNS = { programma: PROGRAMMES, soort: TASK_KINDS, grondsoort: SOIL_TYPES } as const;

/** What a coded column's drop-down offers: each code as the Dutch interface names it. */
export function dutchChoices(codes: readonly string[]): string[] {
  return codes.map((code) => VALUE_LABELS.nl[code] ?? code);
}

/**
 * The code a coded cell means: the code itself, or its Dutch or English label as the interface
 * shows it, in any case (`natuur`, `Natuur`, `nature` all mean `nature`).
 */
export function codeOf(codes: readonly string[], text: string): string | undefined {
  const wanted = text.trim().toLowerCase();
  return codes.find((code) => [code, VALUE_LABELS.nl[code], VALUE_LABELS.en[code]].some((name) => name?.toLowerCase() === wanted));
}

function choicesText(codes: readonly string[]): LocalizedText {
  return { nl: dutchChoices(codes).join(', '), en: codes.map((code) => VALUE_LABELS.en[code] ?? code).join(', ') };
}

function numberText(value: number): LocalizedText {
  return { nl: value.toLocaleString('nl-NL'), en: value.toLocaleString('en-GB') };
}

/** A number in Dutch (`1.250,5`) or plain (`1250.5`) notation, or undefined when the text is none. */
function parseNumber(text: string): number | undefined {
  const normalised = text.replace(/\s/g, '').replace(/\.(?=\d{3}(\D|$))/g, '').replace(',', '.');
  return normalised !== '' && Number.isFinite(Number(normalised)) ? Number(normalised) : undefined;
}

/** A wrong cell: where it is, what it holds, and the message (a code and its params) saying what would be right. */
export interface CellError {
  /** Sheet row number as a spreadsheet shows it (the header is row 1). */
  row: number;
  column: string;
  value: string;
  messageCode: UserMessage['code'];
  messageParams: UserMessage['params'];
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

/** The sheet column a task input path points at. */
export function columnOf(path: readonly PropertyKey[], input: Pick<TaskInput, 'phases'>): string {
  const [field, index, part] = path.map(String);
  if (field === 'phases') {
    const kind = index !== undefined ? input.phases[Number(index)]?.kind : 'realisatie';
    return `${kind ?? 'realisatie'}_${part === 'end' ? 'eind' : 'start'}`;
  }
  if (field === 'window') return index === 'latestEnd' ? 'venster_laatste_eind' : 'venster_vroegste_start';
  return FIELD_COLUMNS[field ?? ''] ?? field ?? '';
}

/**
 * One sheet row as a task input, or every wrong cell in it, each with a coded message naming the
 * row, the column, the value and what would be right (never a validator's own words). Cells are
 * text as the sheet held them; numbers accept Dutch notation (`1.250,5`), coded columns the
 * interface's labels as well as the codes.
 *
 * @example readSheetRow({ externe_ref: 'A1', soort: 'natuur', ... }, 2, 'hdsr') // { input: { kind: 'nature', ... } }
 */
export function readSheetRow(cells: Record<string, string>, row: number, partyId: string): { input: TaskInput; errors?: never } | { errors: CellError[]; input?: never } {
  const errors: CellError[] = [];
  const text = (column: string) => (cells[column] ?? '').trim();
  const at = (column: string) => ({ row, column, value: text(column) });
  const fail = (column: string, message: UserMessage) => {
    errors.push({ row, column, value: text(column), messageCode: message.code, messageParams: message.params });
  };
  const textCell = (column: string, max: number, required: boolean): string | null => {
    const value = text(column);
    if (value === '') {
      if (required) fail(column, userMessage('import_cell_required', { row, column }));
      return null;
    }
    if (value.length > max) fail(column, userMessage('import_cell_too_long', { ...at(column), max }));
    return value;
  };
  const monthCell = (column: string): string => {
    const value = text(column);
    if (!MONTH_PATTERN.test(value)) fail(column, userMessage('import_cell_not_month', at(column)));
    else if (!isPlanningMonth(parseMonth(value)!)) fail(column, userMessage('import_cell_month_out_of_range', at(column)));
    return value;
  };
  const numberCell = (column: string, min: number, max: number, kind: 'range' | 'positive' | 'whole' = 'range'): number | null => {
    const value = text(column);
    if (value === '') return null;
    const number = parseNumber(value);
    if (number === undefined) {
      fail(column, userMessage(kind === 'whole' ? 'import_cell_not_whole' : 'import_cell_not_number', { ...at(column), min: numberText(min), max: numberText(max) }));
    } else if (kind === 'whole' && (!Number.isInteger(number) || number < min || number > max)) {
      fail(column, userMessage('import_cell_not_whole', { ...at(column), min: numberText(min), max: numberText(max) }));
    } else if (kind === 'positive' && (number <= 0 || number > max)) {
      fail(column, userMessage('import_cell_not_positive', { ...at(column), max: numberText(max) }));
    } else if (number < min || number > max) {
      fail(column, userMessage('import_cell_number_range', { ...at(column), min: numberText(min), max: numberText(max) }));
    }
    return number ?? null;
  };
  const codedCell = <C extends string>(column: keyof typeof CODED_COLUMNS, codes: readonly C[], required: boolean): C | null => {
    if (text(column) === '') {
      if (required) fail(column, userMessage('import_cell_required', { row, column }));
      return null;
    }
    const code = codeOf(codes, text(column)) as C | undefined;
    if (!code) fail(column, userMessage('import_cell_not_one_of', { ...at(column), allowed: choicesText(codes) }));
    return code ?? null;
  };
  /** Two cells that are filled in together or not at all (a phase, the window): both months, or null. */
  const monthPair = (startColumn: string, endColumn: string, required: boolean): { start: string; end: string } | null => {
    const [start, end] = [text(startColumn), text(endColumn)];
    if (start === '' && end === '') {
      if (required) for (const column of [startColumn, endColumn]) fail(column, userMessage('import_cell_required', { row, column }));
      return null;
    }
    if (start === '' || end === '') {
      const [empty, other] = start === '' ? [startColumn, endColumn] : [endColumn, startColumn];
      fail(empty, userMessage('import_cell_pair_incomplete', { row, column: empty, other }));
      monthCell(other);
      return null;
    }
    return { start: monthCell(startColumn), end: monthCell(endColumn) };
  };

  const phases = PHASES.flatMap((kind) => {
    const months = monthPair(`${kind}_start`, `${kind}_eind`, kind === 'realisatie');
    return months ? [{ kind, ...months }] : [];
  });
  const window = monthPair('venster_vroegste_start', 'venster_laatste_eind', false);
  const areaCell = (): string => {
    const value = textCell('gebied', 64, true) ?? '';
    // An area id is a slug; anything else names no area.
    if (value !== '' && !Slug.safeParse(value).success) fail('gebied', userMessage('import_cell_area_unknown', at('gebied')));
    return value;
  };
  const input: TaskInput = {
    externalRef: textCell('externe_ref', 100, true),
    areaId: areaCell(),
    partyId,
    programme: codedCell('programma', PROGRAMMES, true) ?? 'OVERIG',
    kind: codedCell('soort', TASK_KINDS, true) ?? 'other',
    title: textCell('titel', 200, true) ?? '',
    phases,
    description: textCell('omschrijving', 5000, false),
    dikeTrajectId: textCell('dijktraject', 20, false),
    urgencyRank: numberCell('urgentie', 1, 100_000, 'whole'),
    window: window ? { earliestStart: window.start, latestEnd: window.end } : null,
    soilSupplyM3: numberCell('grond_aanbod_m3', 0, 1e9) ?? 0,
    soilDemandM3: numberCell('grond_vraag_m3', 0, 1e9) ?? 0,
    soilType: codedCell('grondsoort', SOIL_TYPES, false),
    river: textCell('rivier', 100, false),
    kmFrom: numberCell('km_van', -1000, 10_000),
    kmTo: numberCell('km_tot', -1000, 10_000),
    lengthKm: numberCell('lengte_km', 0, 1000, 'positive'),
    costEur: numberCell('kosten_eur', 0, 1e12),
    status: textCell('status', 100, false),
  };
  if (errors.length > 0) return { errors };

  // The rules across cells are the task rules of DOMAIN.md; each is told here by where it points.
  for (const violation of scheduleRuleViolations(toTaskDraft(input))) {
    const [field, index, part] = violation.path;
    const phase = typeof index === 'number' ? input.phases[index] : undefined;
    const previous = typeof index === 'number' ? input.phases[index - 1] : undefined;
    if (field === 'phases' && phase && part === 'end') {
      const column = `${phase.kind}_eind`;
      fail(column, userMessage('import_cell_end_before_start', { ...at(column), startColumn: `${phase.kind}_start`, start: phase.start }));
    } else if (field === 'phases' && phase && previous && part === 'start') {
      const column = `${phase.kind}_start`;
      fail(column, userMessage('import_cell_phase_overlap', { ...at(column), previousColumn: `${previous.kind}_eind`, previousEnd: previous.end }));
    } else if (field === 'window' && input.window && input.window.earliestStart > input.window.latestEnd) {
      fail('venster_laatste_eind', userMessage('import_cell_end_before_start', { ...at('venster_laatste_eind'), startColumn: 'venster_vroegste_start', start: input.window.earliestStart }));
    } else if (field === 'window') {
      fail('venster_laatste_eind', userMessage('import_cell_hwbp_window_end', at('venster_laatste_eind')));
    } else if (field === 'urgencyRank') {
      fail('urgentie', userMessage('import_cell_urgency_not_hwbp', { ...at('urgentie'), programme: input.programme }));
    } else if (field === 'kmTo') {
      fail('km_tot', userMessage('import_cell_km_order', { ...at('km_tot'), fromColumn: 'km_van', from: text('km_van') }));
    } else if (field === 'lengthKm') {
      fail('lengte_km', userMessage('import_cell_length_not_dike', at('lengte_km')));
    } else {
      const column = columnOf(violation.path, input);
      fail(column, userMessage('import_cell_invalid', at(column)));
    }
  }
  if (errors.length > 0) return { errors };
  // The contract is the last word; a cell it still refuses is named without its validator's text.
  const parsed = TaskInput.safeParse(input);
  if (!parsed.success) {
    for (const column of new Set(parsed.error.issues.map((issue) => columnOf(issue.path, input)))) fail(column, userMessage('import_cell_invalid', at(column)));
    return { errors };
  }
  return { input: parsed.data };
}
