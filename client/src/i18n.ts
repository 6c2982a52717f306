import { format } from 'date-fns';
import { enGB, nl } from 'date-fns/locale';
import type { Entity, MessageCode, MessageParam, Problem } from '../../server/contracts/common.js';

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
  scenarioStaleTitle: 'Intussen gewijzigd',
  scenarioStaleText: 'Deze opgaven zijn gewijzigd sinds hun verschuiving werd vastgelegd; de beoordeling hieronder gaat uit van de planning zoals die nu is:',
  scenarioRebase: 'Verschuivingen overnemen op de huidige planning',
  readOnly: 'Alleen lezen: vastgelegd beeld',
  meetingDate: 'Vergadering',
  madeBy: 'gemaakt door',
  printPdf: 'Afdrukken / PDF',
  presentation: 'Presentatiemodus',
  sincePrevious: 'Gewijzigd sinds',
  firstSnapshot: 'Eerste snapshot van dit gebied',
  noChanges: 'Geen wijzigingen.',
  diffAdded: 'Nieuw',
  alignedSoil: 'Gelijktijdige grond',
  importTitle: 'Planning importeren',
  importIntro: 'Upload het ingevulde sjabloon (CSV of Excel). U ziet eerst wat er verandert; pas bij Doorvoeren wordt alles in één keer opgeslagen.',
  importFile: 'Bestand (CSV of .xlsx)',
  importPreview: 'Voorbeeld bekijken',
  importCommit: 'Doorvoeren',
  importDone: 'Geïmporteerd: {created} nieuw, {updated} bijgewerkt.',
  importTemplates: 'Sjabloon downloaden',
  importCreate: 'nieuw',
  importUpdate: 'bijwerken',
  importUnchanged: 'ongewijzigd',
  importSkipped: '{count} regels van andere partijen overgeslagen.',
  importErrors: 'Fouten (er wordt niets geïmporteerd zolang die er zijn)',
  importRow: 'Regel',
  importAction: 'Actie',
  importColumn: 'Kolom',
  importValue: 'Waarde',
  importMessage: 'Melding',
  importChanges: 'Wijzigingen',
  importNav: 'Importeren',
  exportCsv: 'Export CSV',
  exportXlsx: 'Export Excel',
  shareLink: 'Deellink van',
  expires: 'verloopt',
  revoked: 'ingetrokken',
  revoke: 'Intrekken',
  offlineHtml: 'HTML (offline)',
  diffRemoved: 'Vervallen',
  diffMoved: 'Verschoven',
  diffChanged: 'Gewijzigd',
  snapshotsTitle: 'Snapshots voor overleg',
  snapshotTitle: 'Titel',
  snapshotMeeting: 'Vergaderdatum',
  snapshotCreate: 'Snapshot maken',
  snapshotOpen: 'Bekijken',
  snapshotShare: 'Deellink maken',
  snapshotCompare: 'Vergelijk met nu',
  shareLinkMade: 'Deellink (alleen lezen, nu kopiëren: hij wordt niet opnieuw getoond):',
  technicalDetails: 'Technische details',
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
  scenarioStaleTitle: 'Changed in the meantime',
  scenarioStaleText: 'These tasks changed since their shift was set; the evaluation below is against the plan as it is now:',
  scenarioRebase: 'Take the shifts over onto the current plan',
  readOnly: 'Read only: frozen picture',
  meetingDate: 'Meeting',
  madeBy: 'made by',
  printPdf: 'Print / PDF',
  presentation: 'Presentation mode',
  sincePrevious: 'Changed since',
  firstSnapshot: 'First snapshot of this area',
  noChanges: 'No changes.',
  diffAdded: 'New',
  alignedSoil: 'Aligned soil',
  importTitle: 'Import planning',
  importIntro: 'Upload the filled-in template (CSV or Excel). You first see what changes; only Commit saves everything at once.',
  importFile: 'File (CSV or .xlsx)',
  importPreview: 'Preview',
  importCommit: 'Commit',
  importDone: 'Imported: {created} new, {updated} updated.',
  importTemplates: 'Download template',
  importCreate: 'new',
  importUpdate: 'update',
  importUnchanged: 'unchanged',
  importSkipped: '{count} rows of other parties skipped.',
  importErrors: 'Errors (nothing is imported while there are any)',
  importRow: 'Row',
  importAction: 'Action',
  importColumn: 'Column',
  importValue: 'Value',
  importMessage: 'Message',
  importChanges: 'Changes',
  importNav: 'Import',
  exportCsv: 'Export CSV',
  exportXlsx: 'Export Excel',
  shareLink: 'Share link of',
  expires: 'expires',
  revoked: 'revoked',
  revoke: 'Revoke',
  offlineHtml: 'HTML (offline)',
  diffRemoved: 'Removed',
  diffMoved: 'Moved',
  diffChanged: 'Changed',
  snapshotsTitle: 'Snapshots for meetings',
  snapshotTitle: 'Title',
  snapshotMeeting: 'Meeting date',
  snapshotCreate: 'Make snapshot',
  snapshotOpen: 'View',
  snapshotShare: 'Make share link',
  snapshotCompare: 'Compare with now',
  shareLinkMade: 'Share link (read only; copy it now, it is not shown again):',
  technicalDetails: 'Technical details',
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

/** Problems the client makes itself, when there is no answer from the server to show. */
export type ClientMessageCode = 'server_unreachable';

/**
 * What a user reads for each message code a problem can carry (server/domain/messages.ts), with
 * `{name}` placeholders for its params. The type makes a new server code fail to compile here
 * until both languages have its text; tests/unit/messages.test.ts checks the placeholders.
 */
export const MESSAGE_TEXTS: Record<Language, Record<MessageCode | ClientMessageCode, string>> = {
  nl: {
    invalid_input: 'De invoer klopt niet.',
    invalid_fields: 'De invoer klopt niet ({count} fout(en)).',
    sign_in_required: 'U bent niet (meer) ingelogd. Log opnieuw in.',
    forbidden: 'Dit mag niet met uw rol of voor uw partij.',
    not_found: 'Dit bestaat niet (meer).',
    conflict: 'Dit botst met bestaande gegevens of met een andere wijziging.',
    changed_meanwhile: 'Iemand anders heeft dit intussen gewijzigd. Laad opnieuw en probeer het nog eens.',
    version_required: 'De versie die u wijzigde ontbreekt (If-Match).',
    rule_violation: 'Dit is in strijd met een regel van de planning.',
    too_many_requests: 'Te veel verzoeken tegelijk. Probeer het zo opnieuw.',
    request_too_large: 'Het bestand of verzoek is te groot.',
    unsupported_media_type: 'Dit soort bestand of verzoek wordt niet ondersteund.',
    request_refused: 'De server weigerde dit verzoek.',
    internal_error: 'Er ging iets mis op de server. Het verzoeknummer hieronder helpt om het terug te vinden.',
    storage_full: 'De database is vol: uw wijziging is niet opgeslagen. Probeer het later opnieuw.',
    storage_unavailable: 'De database kan nu geen wijzigingen opslaan: uw wijziging is niet opgeslagen. Probeer het later opnieuw.',
    entity_not_found: "{entity} '{id}' bestaat niet (meer).",
    text_has_nul: 'Tekst mag geen NUL-tekens bevatten.',
    area_taken: 'Er bestaat al een gebied met deze id.',
    party_taken: 'Er bestaat al een partij met deze id.',
    user_email_taken: 'Er bestaat al een gebruiker met dit e-mailadres.',
    capacity_rule_taken: 'Deze partij heeft al een capaciteitsregel voor dit programma.',
    task_ref_taken: 'Deze partij heeft al een opgave met deze externe referentie.',
    area_director_taken: 'Deze gebruiker is al regisseur van dit gebied.',
    already_exists: 'Dit bestaat al.',
    reference_conflict: 'Dit verwijst naar iets dat niet (meer) bestaat, of iets anders verwijst er nog naar.',
    database_rule: 'Een waarde is in strijd met een regel van de database.',
    sign_in_failed: 'Het e-mailadres of wachtwoord klopt niet.',
    sign_in_throttled: 'Te veel inlogpogingen. Probeer het over {seconds} s opnieuw.',
    last_admin: 'De laatste beheerder kan niet worden verwijderd en houdt zijn rol.',
    user_needs_party: 'Alleen beheerders mogen zonder partij zijn.',
    task_changed_meanwhile: '‘{title}’ is intussen gewijzigd (nu versie {version}). Bekijk de nieuwe versie en probeer het opnieuw.',
    scenario_closed: 'Dit scenario is op {appliedAt} toegepast en is gesloten.',
    scenario_no_moves: 'Het scenario heeft nog geen verschuivingen om toe te passen.',
    scenario_tasks_changed: 'Deze opgaven zijn gewijzigd sinds hun verschuiving werd vastgelegd: {titles}. Beoordeel het scenario opnieuw voordat u het toepast.',
    scenario_foreign_tasks: 'U mag deze opgaven niet wijzigen: {titles}.',
    scenario_violations: 'Het scenario overtreedt {count} regel(s); zie de gevolgen.',
    scenario_plan_busy: 'De planning veranderde steeds tijdens het toepassen. Beoordeel het scenario opnieuw en probeer het nog eens.',
    swap_needs_hwbp: 'Wisselen kan alleen tussen twee HWBP-dijkvakken.',
    swap_same_start: 'De twee dijkvakken beginnen hun realisatie al in dezelfde maand.',
    snapshot_scenario_other_area: 'Het scenario hoort bij een ander gebied.',
    snapshot_plan_busy: 'De planning van het gebied veranderde steeds tijdens het maken van de snapshot. Probeer het opnieuw.',
    snapshot_unreadable: 'Snapshot {snapshotId} kan niet worden gelezen: hij is beschadigd of door een nieuwere versie van de applicatie gemaakt.',
    share_link_dead: 'Deze link opent geen snapshot (meer): hij is verlopen of ingetrokken.',
    share_link_expiry_past: 'Een deellink moet in de toekomst verlopen.',
    offline_viewer_missing: 'De offline weergave is op deze server niet gebouwd.',
    imports_busy: 'Er lopen al {running} imports. Probeer het over {seconds} seconden opnieuw.',
    import_file_missing: 'Kies eerst een bestand.',
    import_file_unreadable: 'Het bestand kan niet worden gelezen: {reason}.',
    import_cells_wrong: '{count} cel(len) kloppen niet; er is niets geïmporteerd.',
    server_unreachable: 'De server is niet bereikbaar. Controleer de verbinding en probeer het opnieuw.',
  },
  en: {
    invalid_input: 'The input is not valid.',
    invalid_fields: 'The input is not valid ({count} error(s)).',
    sign_in_required: 'You are not signed in (any more). Please sign in again.',
    forbidden: 'Your role or party does not allow this.',
    not_found: 'This does not exist (any more).',
    conflict: 'This conflicts with existing data or with another change.',
    changed_meanwhile: 'Someone else changed this in the meantime. Reload and try again.',
    version_required: 'The version you changed is missing (If-Match).',
    rule_violation: 'This breaks a planning rule.',
    too_many_requests: 'Too many requests at once. Try again shortly.',
    request_too_large: 'The file or request is too large.',
    unsupported_media_type: 'This kind of file or request is not supported.',
    request_refused: 'The server refused this request.',
    internal_error: 'Something went wrong on the server. The request id below helps to find it.',
    storage_full: 'The database is full: your change was not saved. Try again later.',
    storage_unavailable: 'The database cannot store changes right now: your change was not saved. Try again later.',
    entity_not_found: "{entity} '{id}' does not exist (any more).",
    text_has_nul: 'Text may not contain NUL characters.',
    area_taken: 'An area with this id already exists.',
    party_taken: 'A party with this id already exists.',
    user_email_taken: 'A user with this email already exists.',
    capacity_rule_taken: 'This party already has a capacity rule for this programme.',
    task_ref_taken: 'This party already has a task with this external reference.',
    area_director_taken: 'This user already directs this area.',
    already_exists: 'This already exists.',
    reference_conflict: 'This refers to something that does not exist (any more), or something else still refers to it.',
    database_rule: 'A value breaks a rule of the database.',
    sign_in_failed: 'The email or password is not right.',
    sign_in_throttled: 'Too many sign-in attempts. Try again in {seconds} s.',
    last_admin: 'The last admin cannot be removed or demoted.',
    user_needs_party: 'Only admins may belong to no party.',
    task_changed_meanwhile: '‘{title}’ was changed in the meantime (now version {version}). Look at the new version and try again.',
    scenario_closed: 'This scenario was applied on {appliedAt} and is closed.',
    scenario_no_moves: 'The scenario has no shifts to apply yet.',
    scenario_tasks_changed: 'These tasks changed since their shift was set: {titles}. Evaluate the scenario again before applying it.',
    scenario_foreign_tasks: 'You may not change these tasks: {titles}.',
    scenario_violations: 'The scenario breaks {count} rule(s); see the consequences.',
    scenario_plan_busy: 'The plan kept changing while the scenario was applied. Evaluate it again and retry.',
    swap_needs_hwbp: 'A swap exchanges two HWBP dike sections.',
    swap_same_start: 'The two sections already start their realisation in the same month.',
    snapshot_scenario_other_area: 'The scenario belongs to another area.',
    snapshot_plan_busy: "The area's plan kept changing while the snapshot was made. Try again.",
    snapshot_unreadable: 'Snapshot {snapshotId} cannot be read: it is damaged or was made by a newer version of the application.',
    share_link_dead: 'This link does not open a snapshot (any more): it has expired or was revoked.',
    share_link_expiry_past: 'A share link must expire in the future.',
    offline_viewer_missing: 'The offline viewer is not built on this server.',
    imports_busy: '{running} imports are running. Try again in {seconds} seconds.',
    import_file_missing: 'Choose a file first.',
    import_file_unreadable: 'The file cannot be read: {reason}.',
    import_cells_wrong: '{count} cell(s) are wrong; nothing was imported.',
    server_unreachable: 'The server could not be reached. Check the connection and try again.',
  },
};

/** What a `not_found` message calls the missing record. */
export const ENTITY_LABELS: Record<Language, Record<Entity, string>> = {
  nl: {
    area: 'Gebied',
    party: 'Partij',
    user: 'Gebruiker',
    'api token': 'API-token',
    task: 'Opgave',
    scenario: 'Scenario',
    'capacity rule': 'Capaciteitsregel',
    snapshot: 'Snapshot',
    'share link': 'Deellink',
    'dike traject': 'Dijktraject',
  },
  en: {
    area: 'Area',
    party: 'Party',
    user: 'User',
    'api token': 'API token',
    task: 'Task',
    scenario: 'Scenario',
    'capacity rule': 'Capacity rule',
    snapshot: 'Snapshot',
    'share link': 'Share link',
    'dike traject': 'Dike traject',
  },
};

function paramText(name: string, value: MessageParam | undefined, lang: Language): string {
  if (value === undefined) return '';
  if (Array.isArray(value)) return value.join('; ');
  if (typeof value === 'object') return value[lang];
  if (name === 'entity') return (ENTITY_LABELS[lang] as Record<string, string>)[String(value)] ?? String(value);
  // Timestamps (`appliedAt`) the way the reader writes dates.
  if (name.endsWith('At') && typeof value === 'string' && !Number.isNaN(Date.parse(value))) {
    return format(new Date(value), 'd MMMM yyyy HH:mm', { locale: lang === 'nl' ? nl : enGB });
  }
  return String(value);
}

/**
 * The text of a message code in the current language with its params filled in, or undefined for
 * a code this client does not know (then the problem's own `detail` is shown).
 *
 * @example messageText('scenario_foreign_tasks', { titles: ['Dijkvak A', 'Uiterwaard B'] }) // 'U mag deze opgaven niet wijzigen: Dijkvak A; Uiterwaard B.'
 */
export function messageText(code: string, params: Record<string, MessageParam> = {}, lang: Language = current): string | undefined {
  const texts: Record<string, string> = MESSAGE_TEXTS[lang];
  const text = Object.hasOwn(texts, code) ? texts[code] : undefined;
  return text?.replace(/\{(\w+)\}/g, (_, name: string) => paramText(name, params[name], lang));
}

/** What a user reads for a problem: the text of its message code, or undefined when there is none this client knows. */
export function problemText(problem: Pick<Problem, 'messageCode' | 'messageParams'>, lang: Language = current): string | undefined {
  return problem.messageCode === undefined ? undefined : messageText(problem.messageCode, problem.messageParams, lang);
}

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
