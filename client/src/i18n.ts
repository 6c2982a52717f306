import { format } from 'date-fns';
import { enGB, nl } from 'date-fns/locale';

export type Language = 'nl' | 'en';

const nlTexts = {
  appName: 'Gebiedsplanner',
  skipLink: 'Naar de inhoud',
  loading: 'Bezig met laden…',
  demoBanner: 'Demo-omgeving: fictieve schattingen naast echte projectgegevens. Alle demo-accounts hebben wachtwoord',
  loginTitle: 'Inloggen',
  email: 'E-mailadres',
  password: 'Wachtwoord',
  loginButton: 'Inloggen',
  demoAccounts: 'Demo-accounts (klik om in te vullen)',
  logout: 'Uitloggen',
  language: 'Taal',
  areasTitle: 'Gebieden',
  areasIntro: 'Kies een gebied om de opgaven van alle partijen naast elkaar te zien.',
  tasks: 'opgaven',
  parties: 'partijen',
  aligned: 'gelijktijdig',
  alignable: 'te combineren',
  soilOpportunities: 'grondkansen',
  back: 'Alle gebieden',
  timelineTab: 'Tijdlijn',
  tableTab: 'Tabel',
  filterParty: 'Partij',
  filterProgramme: 'Programma',
  filterKind: 'Soort',
  all: 'Alle',
  search: 'Zoek op titel of dijktraject',
  fit: 'Alles tonen',
  zoomIn: 'Inzoomen',
  zoomOut: 'Uitzoomen',
  legend: 'Legenda',
  window: 'Venster (mag binnen verschuiven)',
  krwDeadline: 'KRW-deadline eind 2027',
  hwbpDeadline: 'HWBP-deadline 2050',
  today: 'Vandaag',
  ghost: 'Voorgestelde positie',
  outsideWindow: 'buiten venster',
  ownParty: 'eigen partij',
  pairsTitle: 'Afstemmingskansen',
  pairsEmpty: 'Geen paren gevonden.',
  pairsShown: '{shown} van {total} paren getoond, gelijktijdige eerst en daarna de meeste grond.',
  morePairs: 'Meer paren tonen',
  status: 'Status',
  dike: 'Dijkversterking',
  other: 'Andere opgave',
  move: 'Verschuiving',
  soil: 'Grond (m³)',
  explanation: 'Toelichting',
  show: 'Toon',
  months: 'mnd',
  noMove: '–',
  detailsTitle: 'Details',
  closeDetails: 'Sluiten',
  title: 'Titel',
  party: 'Partij',
  programme: 'Programma',
  kind: 'Soort',
  phases: 'Fasen',
  windowLabel: 'Venster',
  noWindow: 'geen (niet verschuifbaar)',
  soilSupply: 'Grondaanbod',
  soilDemand: 'Grondvraag',
  soilType: 'Grondsoort',
  cost: 'Kosten',
  river: 'Rivier',
  km: 'Kilometrering',
  statusField: 'Stand',
  externalRef: 'Externe referentie',
  urgency: 'Urgentie (HWBP)',
  trajectory: 'Dijktraject',
  signalingValue: 'Signaleringswaarde',
  lowerLimit: 'Ondergrens',
  length: 'Lengte',
  waterBoards: 'Waterschappen',
  description: 'Omschrijving',
  history: 'Wijzigingen',
  start: 'Start',
  end: 'Einde',
  sortBy: 'Sorteer op',
  timelineSummary: 'De tijdlijn toont {tasks} opgaven van {parties} partijen. Dezelfde gegevens staan in de tabel.',
  tableTasks: 'Opgaven',
  tablePairs: 'Paren',
  realisation: 'Realisatie',
  errorTitle: 'Er ging iets mis',
  notFound: 'Pagina niet gevonden',
  none: '—',
  scenarioTitle: 'Scenario (proefverschuiving)',
  scenarioIntro: 'Versleep dijkvakken en verschuifbare opgaven van uw partij; de echte planning verandert pas bij Toepassen.',
  scenarioOpen: 'Open scenario',
  scenarioNone: '— kies —',
  scenarioName: 'Naam nieuw scenario',
  scenarioCreate: 'Nieuw scenario',
  scenarioClose: 'Scenariomodus sluiten',
  scenarioReset: 'Alle verschuivingen terugzetten',
  scenarioApply: 'Toepassen op de planning',
  scenarioApplied: 'Het scenario is toegepast; de planning is bijgewerkt.',
  swapTitle: 'Twee dijkvakken wisselen',
  swapA: 'Dijkvak A',
  swapB: 'Dijkvak B',
  swapButton: 'Wissel',
  movesNone: 'Nog geen verschuivingen.',
  evaluationTitle: 'Gevolgen',
  evaluationClean: 'Geen overtredingen of waarschuwingen.',
  inBaseline: 'al in de basisplanning',
  violationWindow: '{task}: {shift} mnd valt buiten het venster',
  violationNoWindow: '{task} heeft geen venster en mag niet schuiven',
  violationConcurrent: '{party} {programme}: {count} opgaven tegelijk in realisatie in {months} (max {limit})',
  violationBudget: '{party} {programme}: {amount} in {year} (budget {budget})',
  warningUrgency: '{urgent} (urgentie {urgentRank}) is nu later klaar dan {less} (urgentie {lessRank})',
  won: 'Gewonnen: {dike} ↔ {other} ({before} → {after})',
  lost: 'Verloren: {dike} ↔ {other} ({before} → {after})',
  soilDelta: 'Gelijktijdige grond {area}: {before} → {after} m³',
  notApplicable: 'Toepassen kan pas zonder (nieuwe) overtredingen.',
} as const;

export type TextKey = keyof typeof nlTexts;

const enTexts: Record<TextKey, string> = {
  appName: 'Area planner',
  skipLink: 'Skip to content',
  loading: 'Loading…',
  demoBanner: 'Demo environment: estimates next to real project data. Every demo account has the password',
  loginTitle: 'Sign in',
  email: 'Email',
  password: 'Password',
  loginButton: 'Sign in',
  demoAccounts: 'Demo accounts (click to fill in)',
  logout: 'Sign out',
  language: 'Language',
  areasTitle: 'Areas',
  areasIntro: "Choose an area to see every party's tasks side by side.",
  tasks: 'tasks',
  parties: 'parties',
  aligned: 'aligned',
  alignable: 'alignable',
  soilOpportunities: 'soil opportunities',
  back: 'All areas',
  timelineTab: 'Timeline',
  tableTab: 'Table',
  filterParty: 'Party',
  filterProgramme: 'Programme',
  filterKind: 'Kind',
  all: 'All',
  search: 'Search title or dike trajectory',
  fit: 'Show all',
  zoomIn: 'Zoom in',
  zoomOut: 'Zoom out',
  legend: 'Legend',
  window: 'Window (may move within)',
  krwDeadline: 'WFD deadline end of 2027',
  hwbpDeadline: 'HWBP deadline 2050',
  today: 'Today',
  ghost: 'Suggested position',
  outsideWindow: 'outside window',
  ownParty: 'own party',
  pairsTitle: 'Alignment opportunities',
  pairsEmpty: 'No pairs found.',
  pairsShown: '{shown} of {total} pairs shown, aligned first and then the most soil.',
  morePairs: 'Show more pairs',
  status: 'Status',
  dike: 'Dike reinforcement',
  other: 'Other task',
  move: 'Shift',
  soil: 'Soil (m³)',
  explanation: 'Explanation',
  show: 'Show',
  months: 'mo',
  noMove: '–',
  detailsTitle: 'Details',
  closeDetails: 'Close',
  title: 'Title',
  party: 'Party',
  programme: 'Programme',
  kind: 'Kind',
  phases: 'Phases',
  windowLabel: 'Window',
  noWindow: 'none (not movable)',
  soilSupply: 'Soil supply',
  soilDemand: 'Soil demand',
  soilType: 'Soil type',
  cost: 'Cost',
  river: 'River',
  km: 'River kilometres',
  statusField: 'Status',
  externalRef: 'External reference',
  urgency: 'Urgency (HWBP)',
  trajectory: 'Dike trajectory',
  signalingValue: 'Signalling value',
  lowerLimit: 'Lower limit',
  length: 'Length',
  waterBoards: 'Water boards',
  description: 'Description',
  history: 'Changes',
  start: 'Start',
  end: 'End',
  sortBy: 'Sort by',
  timelineSummary: 'The timeline shows {tasks} tasks of {parties} parties. The table holds the same data.',
  tableTasks: 'Tasks',
  tablePairs: 'Pairs',
  realisation: 'Realisation',
  errorTitle: 'Something went wrong',
  notFound: 'Page not found',
  none: '—',
  scenarioTitle: 'Scenario (trial shift)',
  scenarioIntro: "Drag your party's dike sections and movable tasks; the real plan changes only on Apply.",
  scenarioOpen: 'Open scenario',
  scenarioNone: '— choose —',
  scenarioName: 'Name of new scenario',
  scenarioCreate: 'New scenario',
  scenarioClose: 'Close scenario mode',
  scenarioReset: 'Undo all shifts',
  scenarioApply: 'Apply to the plan',
  scenarioApplied: 'The scenario was applied; the plan is updated.',
  swapTitle: 'Swap two dike sections',
  swapA: 'Section A',
  swapB: 'Section B',
  swapButton: 'Swap',
  movesNone: 'No shifts yet.',
  evaluationTitle: 'Consequences',
  evaluationClean: 'No violations or warnings.',
  inBaseline: 'already in the baseline',
  violationWindow: '{task}: {shift} mo leaves its window',
  violationNoWindow: '{task} has no window and may not move',
  violationConcurrent: '{party} {programme}: {count} tasks in realisation at once in {months} (max {limit})',
  violationBudget: '{party} {programme}: {amount} in {year} (budget {budget})',
  warningUrgency: '{urgent} (urgency {urgentRank}) now finishes after {less} (urgency {lessRank})',
  won: 'Won: {dike} ↔ {other} ({before} → {after})',
  lost: 'Lost: {dike} ↔ {other} ({before} → {after})',
  soilDelta: 'Aligned soil {area}: {before} → {after} m³',
  notApplicable: 'Apply needs a scenario without (new) violations.',
};

const VALUE_LABELS: Record<Language, Record<string, string>> = {
  nl: {
    verkenning: 'Verkenning',
    planuitwerking: 'Planuitwerking',
    realisatie: 'Realisatie',
    aligned: 'Gelijktijdig',
    alignable_by_dike: 'Te combineren (dijk schuift)',
    alignable_by_other: 'Te combineren (andere schuift)',
    not_alignable: 'Alleen grondkans',
    dike_reinforcement: 'Dijkversterking',
    river_measure: 'Riviermaatregel',
    nature: 'Natuur',
    infrastructure: 'Infrastructuur',
    spatial_development: 'Ruimtelijke ontwikkeling',
    other: 'Overig',
    klei: 'klei',
    zand: 'zand',
    overig: 'overig',
    viewer: 'lezer',
    editor: 'bewerker',
    planner: 'planner',
    area_director: 'gebiedsregisseur',
    admin: 'beheerder',
  },
  en: {
    verkenning: 'Exploration',
    planuitwerking: 'Plan elaboration',
    realisatie: 'Realisation',
    aligned: 'Aligned',
    alignable_by_dike: 'Alignable (dike moves)',
    alignable_by_other: 'Alignable (other moves)',
    not_alignable: 'Soil opportunity only',
    dike_reinforcement: 'Dike reinforcement',
    river_measure: 'River measure',
    nature: 'Nature',
    infrastructure: 'Infrastructure',
    spatial_development: 'Spatial development',
    other: 'Other',
    klei: 'clay',
    zand: 'sand',
    overig: 'other',
    viewer: 'viewer',
    editor: 'editor',
    planner: 'planner',
    area_director: 'area director',
    admin: 'admin',
  },
};

const STORAGE_KEY = 'gebiedsplanner.language';
let current: Language = 'nl';

export function loadLanguage(): Language {
  const stored = globalThis.localStorage?.getItem(STORAGE_KEY);
  current = stored === 'en' ? 'en' : 'nl';
  return current;
}

export function setLanguage(language: Language): void {
  current = language;
  globalThis.localStorage?.setItem(STORAGE_KEY, language);
}

export function language(): Language {
  return current;
}

/** The interface text for a key, with `{name}` placeholders filled in. */
export function t(key: TextKey, values: Record<string, string | number> = {}): string {
  const text: string = current === 'nl' ? nlTexts[key] : enTexts[key];
  return text.replace(/\{(\w+)\}/g, (_, name: string) => String(values[name] ?? ''));
}

/** A domain value (phase, status, kind, soil type, role) in the current language. */
export function label(value: string): string {
  return VALUE_LABELS[current][value] ?? value;
}

/** `YYYY-MM` as the first day of that month, in local time (what the timeline draws). */
export function monthStart(month: string): Date {
  const [year, monthOfYear] = month.split('-').map(Number);
  return new Date(year!, monthOfYear! - 1, 1);
}

/** The first day after a `YYYY-MM` month: where an inclusive month interval ends on the timeline. */
export function monthAfter(month: string): Date {
  const [year, monthOfYear] = month.split('-').map(Number);
  return new Date(year!, monthOfYear!, 1);
}

/**
 * A month the Dutch way (`mrt 2031`) or the English way (`Mar 2031`).
 *
 * @example formatMonth('2031-03', 'nl') // 'mrt 2031'
 */
export function formatMonth(month: string, lang: Language = current): string {
  return format(monthStart(month), 'MMM yyyy', { locale: lang === 'nl' ? nl : enGB }).replace('.', '');
}

export function formatNumber(value: number, lang: Language = current): string {
  return new Intl.NumberFormat(lang === 'nl' ? 'nl-NL' : 'en-GB', { maximumFractionDigits: 1 }).format(value);
}

export function formatEuro(value: number, lang: Language = current): string {
  return new Intl.NumberFormat(lang === 'nl' ? 'nl-NL' : 'en-GB', { style: 'currency', currency: 'EUR', maximumFractionDigits: 0 }).format(value);
}
