import { z } from 'zod';
import { formatMonth, type MonthIndex } from '../domain/months.js';
import { DEFAULT_LEDGER_SETTINGS, ledgerRows, type LedgerDelta, type LedgerTotals, type MonthFigures, type SoilLedger } from '../domain/soil-ledger.js';
import { MonthText, Slug, TimestampText } from './common.js';

/*
 * The area's soil ledger on the wire (DOMAIN.md, "Soil over time"): its key figures with their
 * defaults' sources, the ledger month by month, and how a scenario changes it.
 */

/** The area's key figures as the API names them. */
export interface SoilSettingValues {
  soilStorageMonths: number;
  savingEurPerM3: number;
  truckLoadM3: number;
}

/**
 * The tool's defaults and where they come from, quoted from `shared/data/kentallen_bronnen.csv`
 * (columns onderwerp, waarde, eenheid, toelichting, bron, bron_datum). The storage horizon has
 * no row there: it is an estimate, and says so.
 */
export const SOIL_SETTING_DEFAULTS = {
  soilStorageMonths: {
    value: DEFAULT_LEDGER_SETTINGS.storageMonths,
    unit: 'months',
    estimate: true,
    topic: 'opslagtermijn gronddepot (schatting)',
    note:
      'Geen rij in kentallen_bronnen.csv: een schatting van twee jaar. Ter vergelijking (gebied_projecten.csv, Salmsteke): ' +
      '"Vrijkomende grond uit geul/uiterwaard in depots gezet en hergebruikt voor de dijkversterking Salmsteke (verwerkt in 2024)", ' +
      'uiterwaard 2022-06..2023-06, dijk 2023-06..2024-12.',
    source: 'DOMAIN.md (Soil over time), default soilStorageMonths = 24; shared/data/gebied_projecten.csv rows SAL-UW and SLD-SAL',
    sourceDate: null,
  },
  savingEurPerM3: {
    value: DEFAULT_LEDGER_SETTINGS.savingEurPerM3,
    unit: 'EUR/m3',
    estimate: false,
    topic: 'eenheidsprijs grond buitenwaarts toegevoegd / hergebruikt / afgevoerd (KOSWAT 2023)',
    note:
      '50.75 / 18.59 / 27.59 EUR/m3. "Hergebruiksfactor 0,7; compensatiefactor 0,5. Hergebruik lokale grond is ca. 60 EUR/m3 ' +
      'goedkoper dan afvoeren plus nieuwe grond aanvoeren."',
    source: 'Deltares-research/VrtoolDocumentation vrtool_docs/Achtergronden/Maatregelen/tables/kosten_grond.csv',
    sourceDate: '2023',
  },
  truckLoadM3: {
    value: DEFAULT_LEDGER_SETTINGS.truckLoadM3,
    unit: 'm3',
    estimate: false,
    topic: 'grondverzet IJsselmeerdijk Lemmer',
    note:
      '"5 km dijk gemiddeld 1 m verhoogd: 215.000 m3 klei, 6.000 m3 zand, 54.000 m3 vulgrond, 7.500 m3 teelaarde; ca. 81.500 m3/km ' +
      'totaal grondverzet. Andere bron: 240.000 m3 klei, ruim 10.000 vrachtwagens." 240.000 m3 / 10.000 vrachten = 24 m3 per vracht.',
    source:
      'https://www.kijkopdedijklemmer.nl/wat-gebeurt-er/veel-materiaal/ ; https://zuidfriesland.nl/artikel/655471/ijsselmeerdijk-bij-lemmer-klaar-voor-toekomst.html ; ' +
      'https://www.waterforum.net/ophoging-ijsselmeerdijk-lemmer-van-start/',
    sourceDate: '2015-2017',
  },
} as const satisfies Record<keyof SoilSettingValues, { value: number; unit: string; estimate: boolean; topic: string; note: string; source: string; sourceDate: string | null }>;

export const SOIL_SETTING_FIELDS = ['soilStorageMonths', 'savingEurPerM3', 'truckLoadM3'] as const;

const storageMonths = z
  .int({ error: 'soilStorageMonths must be a whole number of months (0 = no storage allowed)' })
  .min(0, 'soilStorageMonths must be 0 (no storage allowed) or more')
  .max(240, 'soilStorageMonths can be at most 240 (20 years)');
const savingEurPerM3 = z
  .number({ error: 'savingEurPerM3 must be a number of euros per m³' })
  .min(0, 'savingEurPerM3 cannot be negative')
  .max(10_000, 'savingEurPerM3 can be at most 10,000 EUR/m³');
const truckLoadM3 = z
  .number({ error: 'truckLoadM3 must be a number of m³ per lorry load' })
  .gt(0, 'truckLoadM3 must be more than 0 m³')
  .max(1_000, 'truckLoadM3 can be at most 1,000 m³');

/** Every figure named; null means "use the tool's default" (and follow it when it changes). */
export const PutSoilSettingsBody = z.strictObject({
  soilStorageMonths: storageMonths.nullable(),
  savingEurPerM3: savingEurPerM3.nullable(),
  truckLoadM3: truckLoadM3.nullable(),
});
export type PutSoilSettingsBody = z.infer<typeof PutSoilSettingsBody>;

const SettingDefaultSchema = z.object({
  value: z.number(),
  unit: z.string(),
  estimate: z.boolean().meta({ description: 'true when no source gives the figure' }),
  topic: z.string().meta({ description: 'the row of shared/data/kentallen_bronnen.csv (onderwerp)' }),
  note: z.string().meta({ description: 'what the source says (toelichting)' }),
  source: z.string().meta({ description: 'bron' }),
  sourceDate: z.string().nullable(),
});

export const SoilSettingsSchema = z.object({
  areaId: Slug,
  soilStorageMonths: storageMonths.meta({ description: 'in effect: soil released in month t may be used up to month t + this; 0 = no storage' }),
  savingEurPerM3: savingEurPerM3.meta({ description: 'in effect: saving per m³ reused locally instead of carted off and brought in' }),
  truckLoadM3: truckLoadM3.meta({ description: 'in effect: m³ per lorry load' }),
  own: z
    .object({ soilStorageMonths: z.boolean(), savingEurPerM3: z.boolean(), truckLoadM3: z.boolean() })
    .meta({ description: 'true where the area set its own figure, false where the default applies' }),
  defaults: z.object({ soilStorageMonths: SettingDefaultSchema, savingEurPerM3: SettingDefaultSchema, truckLoadM3: SettingDefaultSchema }),
  updatedAt: TimestampText.nullable(),
});
export type SoilSettingsResponse = z.infer<typeof SoilSettingsSchema>;

const FiguresSchema = z.object({
  releasedM3: z.number(),
  neededM3: z.number(),
  usedDirectlyM3: z.number(),
  takenFromStorageM3: z.number(),
  storedM3: z.number(),
  storageLevelM3: z.number(),
  surplusM3: z.number(),
  shortageM3: z.number(),
});
const TotalsSchema = z.object({
  releasedM3: z.number(),
  neededM3: z.number(),
  usedDirectlyM3: z.number(),
  takenFromStorageM3: z.number(),
  reusedM3: z.number().meta({ description: 'used directly + taken from storage' }),
  broughtInM3: z.number().meta({ description: 'the shortages' }),
  cartedOffM3: z.number().meta({ description: 'the surpluses plus the closing surplus' }),
  closingSurplusM3: z.number().meta({ description: 'still stored after the last month: carted off after it' }),
  peakStorageM3: z.number(),
});
const byType = <T extends z.ZodType>(schema: T) => z.object({ klei: schema, zand: schema, overig: schema });

export const LedgerRowSchema = z.object({
  month: MonthText,
  types: byType(FiguresSchema),
  storageLevelM3: z.number().meta({ description: 'month-end level of all types together' }),
  releasingTaskIds: z.array(z.string()),
  needingTaskIds: z.array(z.string()),
});

/** The ledger itself: what the API answers and what a snapshot stores (its frozen copy is snapshot-content/v3.ts). */
export const LedgerBodySchema = z.object({
  settings: z.object({ soilStorageMonths: z.int(), savingEurPerM3: z.number(), truckLoadM3: z.number() }),
  firstMonth: MonthText.nullable(),
  lastMonth: MonthText.nullable(),
  rows: z.array(LedgerRowSchema),
  byType: byType(TotalsSchema),
  total: TotalsSchema,
  value: z.object({
    savingEur: z.number().meta({ description: 'total.reusedM3 × savingEurPerM3' }),
    lorryLoadsAvoided: z.number().meta({ description: '2 × total.reusedM3 / truckLoadM3: one load not brought in, one not carted off' }),
  }),
});
export type LedgerBody = z.infer<typeof LedgerBodySchema>;

const FigureChangeSchema = z.object({ baseline: z.number(), scenario: z.number(), change: z.number().meta({ description: 'scenario − baseline' }) });
const TypeChangeSchema = z.object({ reusedM3: FigureChangeSchema, shortageM3: FigureChangeSchema, surplusM3: FigureChangeSchema, peakStorageM3: FigureChangeSchema });
export const LedgerDeltaSchema = TypeChangeSchema.extend({
  savingEur: FigureChangeSchema,
  lorryLoadsAvoided: FigureChangeSchema,
  byType: byType(TypeChangeSchema),
});
export type LedgerDeltaResponse = z.infer<typeof LedgerDeltaSchema>;

export const SoilLedgerSchema = LedgerBodySchema.extend({
  areaId: Slug,
  scenarioId: z.string().nullable(),
  asOf: MonthText.meta({ description: 'the month the scenario moves were applied at (started work stays put)' }),
  delta: LedgerDeltaSchema.nullable().meta({ description: "a scenario's ledger against the baseline's; null for the baseline" }),
});
export type SoilLedgerResponse = z.infer<typeof SoilLedgerSchema>;

/** One affected area's ledger change in a scenario evaluation. */
export const AreaSoilDeltaSchema = LedgerDeltaSchema.extend({ areaId: z.string() });
export type AreaSoilDelta = z.infer<typeof AreaSoilDeltaSchema>;

export const SoilLedgerQuery = z.object({
  scenarioId: z.string().min(1).max(64).optional(),
  format: z.enum(['json', 'csv']).default('json'),
});

/** The area's figures in effect as the API answers them, with the defaults and their sources. */
export function toSoilSettingsResponse(settings: {
  areaId: string;
  values: SoilSettingValues;
  own: Record<keyof SoilSettingValues, boolean>;
  updatedAt: string | null;
}): SoilSettingsResponse {
  return { areaId: settings.areaId, ...settings.values, own: { ...settings.own }, defaults: SOIL_SETTING_DEFAULTS, updatedAt: settings.updatedAt };
}

const copyTotals = (totals: LedgerTotals): LedgerTotals => ({ ...totals });
const copyFigures = (figures: MonthFigures): MonthFigures => ({ ...figures });

/** The domain ledger as the API answers it and a snapshot stores it: one row per month. */
export function toLedgerBody(ledger: SoilLedger): LedgerBody {
  return {
    settings: {
      soilStorageMonths: ledger.settings.storageMonths,
      savingEurPerM3: ledger.settings.savingEurPerM3,
      truckLoadM3: ledger.settings.truckLoadM3,
    },
    firstMonth: ledger.firstMonth === null ? null : formatMonth(ledger.firstMonth),
    lastMonth: ledger.lastMonth === null ? null : formatMonth(ledger.lastMonth),
    rows: ledgerRows(ledger).map((row) => ({
      month: formatMonth(row.month),
      types: { klei: copyFigures(row.types.klei), zand: copyFigures(row.types.zand), overig: copyFigures(row.types.overig) },
      storageLevelM3: row.storageLevelM3,
      releasingTaskIds: [...row.releasingTaskIds],
      needingTaskIds: [...row.needingTaskIds],
    })),
    byType: { klei: copyTotals(ledger.byType.klei), zand: copyTotals(ledger.byType.zand), overig: copyTotals(ledger.byType.overig) },
    total: copyTotals(ledger.total),
    value: { savingEur: ledger.savingEur, lorryLoadsAvoided: ledger.lorryLoadsAvoided },
  };
}

/** An area's ledger (at the baseline, or a scenario's with its change) as the API answers it. */
export function toSoilLedgerResponse(answer: { areaId: string; scenarioId: string | null; asOf: MonthIndex; ledger: SoilLedger; delta: LedgerDelta | null }): SoilLedgerResponse {
  return { areaId: answer.areaId, scenarioId: answer.scenarioId, asOf: formatMonth(answer.asOf), ...toLedgerBody(answer.ledger), delta: answer.delta };
}
