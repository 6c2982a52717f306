import type { LedgerBody } from '../../../server/contracts/soil.js';
import { formatEuro, formatNumber, t } from '../i18n.js';
import { monthIndex, shiftMonth } from '../timeline/to-items.js';

/*
 * The soil ledger (DOMAIN.md, "Soil over time") as the Grond tab, the snapshot viewer and its
 * exports show it: which types to draw, one type's months as chart rows, the tasks behind a month,
 * and the totals with how each was computed. Pure: no DOM, no network, so unit tests check it.
 */

export const SOIL_TYPES = ['klei', 'zand', 'overig'] as const;
export type SoilTypeName = (typeof SOIL_TYPES)[number];

/** What a chart, a table and a totals list need of a ledger: the live answer and a snapshot's copy both have it. */
export type Ledger = Pick<LedgerBody, 'settings' | 'firstMonth' | 'lastMonth' | 'rows' | 'byType' | 'total' | 'value'>;

/** The types any of the ledgers releases or needs, in the domain's order: an unused type would only draw an empty chart. */
export function typesInUse(...ledgers: readonly (Ledger | null)[]): SoilTypeName[] {
  return SOIL_TYPES.filter((type) => ledgers.some((ledger) => ledger !== null && (ledger.byType[type].releasedM3 > 0 || ledger.byType[type].neededM3 > 0)));
}

/**
 * Every month from the earliest first month to the latest last month of the ledgers, so a
 * scenario and its baseline share one axis even when a move widens the range.
 *
 * @example monthSpan({ firstMonth: '2030-11', lastMonth: '2031-02', ... }) // ['2030-11', '2030-12', '2031-01', '2031-02']
 */
export function monthSpan(...ledgers: readonly (Pick<Ledger, 'firstMonth' | 'lastMonth'> | null)[]): string[] {
  const firsts = ledgers.flatMap((ledger) => (ledger?.firstMonth ? [ledger.firstMonth] : [])).sort();
  const lasts = ledgers.flatMap((ledger) => (ledger?.lastMonth ? [ledger.lastMonth] : [])).sort();
  if (firsts.length === 0 || lasts.length === 0) return [];
  const first = firsts[0]!;
  const count = monthIndex(lasts[lasts.length - 1]!) - monthIndex(first) + 1;
  return Array.from({ length: count }, (_, offset) => shiftMonth(first, offset));
}

/** One month of one soil type as the chart draws it (m³). */
export interface ChartMonth {
  month: string;
  /** Came free (drawn above the axis). */
  released: number;
  /** Needed (drawn below the axis), split into what was met locally and what was brought in. */
  needed: number;
  reused: number;
  shortage: number;
  /** Left storage unused at the end of its horizon: carted off. */
  surplus: number;
  /** Month-end storage level. */
  level: number;
}

/** One type's figures for every month given; a month outside the ledger's range is all zeros. */
export function chartMonths(ledger: Ledger, type: SoilTypeName, months: readonly string[]): ChartMonth[] {
  const byMonth = new Map(ledger.rows.map((row) => [row.month, row.types[type]]));
  return months.map((month) => {
    const figures = byMonth.get(month);
    if (!figures) return { month, released: 0, needed: 0, reused: 0, shortage: 0, surplus: 0, level: 0 };
    return {
      month,
      released: figures.releasedM3,
      needed: figures.neededM3,
      reused: figures.usedDirectlyM3 + figures.takenFromStorageM3,
      shortage: figures.shortageM3,
      surplus: figures.surplusM3,
      level: figures.storageLevelM3,
    };
  });
}

/** The tasks that release and that need soil in a month (ids; empty outside the ledger's range). */
export function monthTasks(ledger: Ledger, month: string): { releasing: readonly string[]; needing: readonly string[] } {
  const row = ledger.rows.find((candidate) => candidate.month === month);
  return { releasing: row?.releasingTaskIds ?? [], needing: row?.needingTaskIds ?? [] };
}

/** m³ as people read them: whole cubic metres (the ledger keeps fractions; DOMAIN.md rounds only for display). */
export function formatM3(value: number): string {
  return `${formatNumber(Math.round(value))} m³`;
}

export type TotalKey = 'reused' | 'broughtIn' | 'cartedOff' | 'peakStorage' | 'saving' | 'lorryLoads';

/** One total under the chart: what it is, its value (and the baseline's in a scenario), and how it was computed. */
export interface TotalLine {
  key: TotalKey;
  label: string;
  value: number;
  /** The baseline's value when the ledger is a scenario's; null otherwise. */
  baseline: number | null;
  /** The value as text, e.g. `500.000 m³` or `€ 30.000.000`. */
  text: string;
  baselineText: string | null;
  /** Scenario − baseline with its sign, e.g. `+12.000 m³`; null without a baseline. */
  changeText: string | null;
  /** One line saying how it was computed, with the area's figures filled in. */
  explanation: string;
}

function valueText(key: TotalKey, value: number): string {
  if (key === 'saving') return formatEuro(value);
  if (key === 'lorryLoads') return formatNumber(Math.round(value));
  return formatM3(value);
}

/** A change with its sign; rounding decides zero, so a change of 0.2 m³ reads as no change. */
function signedText(key: TotalKey, change: number): string {
  const text = valueText(key, Math.abs(change));
  const rounded = Math.round(change);
  return rounded === 0 ? `±${valueText(key, 0)}` : `${rounded > 0 ? '+' : '−'}${text}`;
}

/**
 * The ledger's totals and what they are worth, each with how it was computed; with a baseline
 * (scenario mode) each also carries the baseline's value to set beside it.
 */
export function totalLines(ledger: Ledger, baseline: Ledger | null = null): TotalLine[] {
  const { settings } = ledger;
  const line = (key: TotalKey, pick: (of: Ledger) => number, label: string, explanation: string): TotalLine => {
    const value = pick(ledger);
    const before = baseline ? pick(baseline) : null;
    return {
      key,
      label,
      value,
      baseline: before,
      text: valueText(key, value),
      baselineText: before === null ? null : valueText(key, before),
      changeText: before === null ? null : signedText(key, value - before),
      explanation,
    };
  };
  return [
    line('reused', (of) => of.total.reusedM3, t('soilReused'), t('soilReusedHow')),
    line('broughtIn', (of) => of.total.broughtInM3, t('soilBroughtIn'), t('soilBroughtInHow')),
    line(
      'cartedOff',
      (of) => of.total.cartedOffM3,
      t('soilCartedOff'),
      t(settings.soilStorageMonths === 0 ? 'soilCartedOffHowNoStorage' : 'soilCartedOffHow', { months: settings.soilStorageMonths, closing: formatM3(ledger.total.closingSurplusM3) }),
    ),
    line('peakStorage', (of) => of.total.peakStorageM3, t('soilPeakStorage'), t('soilPeakStorageHow')),
    line('saving', (of) => of.value.savingEur, t('soilSaving'), t('soilSavingHow', { reused: formatM3(ledger.total.reusedM3), rate: formatNumber(settings.savingEurPerM3) })),
    line('lorryLoads', (of) => of.value.lorryLoadsAvoided, t('soilLorryLoads'), t('soilLorryLoadsHow', { reused: formatM3(ledger.total.reusedM3), load: formatNumber(settings.truckLoadM3) })),
  ];
}
