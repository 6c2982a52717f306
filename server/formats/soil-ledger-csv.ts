import type { SoilLedgerResponse } from '../contracts/soil.js';
import { formatCsv } from './csv.js';

const TYPES = ['klei', 'zand', 'overig'] as const;

/** m³ and euros to the cent: the ledger keeps fractions, a spreadsheet reads them rounded. */
const round = (value: number) => Math.round(value * 100) / 100;

/**
 * An area's soil ledger as CSV (`;`-separated, UTF-8 with a byte-order mark, Dutch headers like
 * the snapshot export): the key figures, one line per month and soil type (types the area never
 * releases or needs left out), the totals per type and overall with the closing line, what local
 * reuse is worth, and for a scenario its change against the baseline.
 */
export function soilLedgerCsv(ledger: SoilLedgerResponse): string {
  const used = TYPES.filter((type) => ledger.byType[type].releasedM3 > 0 || ledger.byType[type].neededM3 > 0);
  const head = formatCsv([
    ['gebied', 'scenario', 'maand_berekend', 'opslagtermijn_maanden', 'besparing_eur_per_m3', 'm3_per_vracht'],
    [ledger.areaId, ledger.scenarioId, ledger.asOf, ledger.settings.soilStorageMonths, ledger.settings.savingEurPerM3, ledger.settings.truckLoadM3],
  ]);
  const months = formatCsv([
    ['maand', 'grondsoort', 'vrijgekomen_m3', 'nodig_m3', 'direct_gebruikt_m3', 'uit_opslag_m3', 'opgeslagen_m3', 'opslag_eind_maand_m3', 'overschot_afgevoerd_m3', 'tekort_aangevoerd_m3'],
    ...ledger.rows.flatMap((row) =>
      used.map((type) => {
        const figures = row.types[type];
        return [
          row.month,
          type,
          round(figures.releasedM3),
          round(figures.neededM3),
          round(figures.usedDirectlyM3),
          round(figures.takenFromStorageM3),
          round(figures.storedM3),
          round(figures.storageLevelM3),
          round(figures.surplusM3),
          round(figures.shortageM3),
        ];
      }),
    ),
  ]);
  const totalsLine = (name: string, totals: SoilLedgerResponse['total']) => [
    name,
    round(totals.releasedM3),
    round(totals.neededM3),
    round(totals.reusedM3),
    round(totals.broughtInM3),
    round(totals.cartedOffM3),
    round(totals.closingSurplusM3),
    round(totals.peakStorageM3),
  ];
  const totals = formatCsv([
    ['grondsoort', 'vrijgekomen_m3', 'nodig_m3', 'lokaal_hergebruikt_m3', 'aangevoerd_m3', 'afgevoerd_m3', 'waarvan_na_laatste_maand_m3', 'piekopslag_m3'],
    ...used.map((type) => totalsLine(type, ledger.byType[type])),
    totalsLine('totaal', ledger.total),
  ]);
  const value = formatCsv([
    ['besparing_eur', 'vrachten_vermeden'],
    [round(ledger.value.savingEur), round(ledger.value.lorryLoadsAvoided)],
  ]);
  const parts = [head, months, totals, value];
  if (ledger.delta) {
    const { delta } = ledger;
    const line = (name: string, change: { baseline: number; scenario: number; change: number }) => [name, round(change.baseline), round(change.scenario), round(change.change)];
    parts.push(
      formatCsv([
        ['verschil_met_basis', 'basis', 'scenario', 'verschil'],
        line('lokaal_hergebruikt_m3', delta.reusedM3),
        line('aangevoerd_m3', delta.shortageM3),
        line('afgevoerd_m3', delta.surplusM3),
        line('piekopslag_m3', delta.peakStorageM3),
        line('besparing_eur', delta.savingEur),
        line('vrachten_vermeden', delta.lorryLoadsAvoided),
      ]),
    );
  }
  return `\uFEFF${parts.join('\r\n\r\n')}\r\n`;
}
