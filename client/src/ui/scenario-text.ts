import type { EvaluationResponse } from '../../../server/contracts/scenarios.js';
import { ALIGNMENT_STATUSES } from '../../../server/domain/alignment.js';
import { formatEuro, formatMonth, formatNumber, label, t } from '../i18n.js';

export interface EvaluationLine {
  /** `violation` (red), `baseline` (grey: the plan already had it), `warning` (amber), `won` (green), `lost`, `soil`. */
  kind: 'violation' | 'baseline' | 'warning' | 'won' | 'lost' | 'soil';
  text: string;
}

const WINDOW_REASON_TEXT = {
  no_window: 'violationNoWindow',
  started: 'violationStarted',
  past: 'violationPast',
  outside_window: 'violationWindow',
} as const;

/** Consecutive months of one rule with the same tasks over the limit, as `mrt 2031 – jun 2031`. */
function monthRuns(months: string[]): string[] {
  const runs: string[] = [];
  let start = months[0]!;
  let previous = start;
  const next = (month: string) => {
    const [year, monthOfYear] = month.split('-').map(Number);
    return monthOfYear === 12 ? `${year! + 1}-01` : `${year}-${String(monthOfYear! + 1).padStart(2, '0')}`;
  };
  for (const month of [...months.slice(1), '']) {
    if (month && month === next(previous)) {
      previous = month;
      continue;
    }
    runs.push(start === previous ? formatMonth(start) : `${formatMonth(start)} – ${formatMonth(previous)}`);
    start = previous = month;
  }
  return runs;
}

/**
 * An evaluation as readable lines, each with its kind, so the panel can mark them by colour
 * and by icon and word (never by colour alone).
 */
export function describeEvaluation(
  evaluation: EvaluationResponse,
  titleOf: (taskId: string) => string,
  partyName: (partyId: string) => string,
  areaName: (areaId: string) => string = (areaId) => areaId,
): EvaluationLine[] {
  const lines: EvaluationLine[] = [];
  const concurrent = new Map<string, { months: string[]; violation: Extract<EvaluationResponse['violations'][number], { type: 'capacity_concurrent' }> }>();
  for (const violation of evaluation.violations) {
    const kind = violation.inBaseline ? 'baseline' : 'violation';
    const suffix = violation.inBaseline ? ` (${t('inBaseline')})` : '';
    if (violation.type === 'window') {
      const values = { task: titleOf(violation.taskId), shift: `${violation.shiftMonths > 0 ? '+' : ''}${violation.shiftMonths}` };
      const text = t(WINDOW_REASON_TEXT[violation.reason], values);
      lines.push({ kind, text: text + suffix });
    } else if (violation.type === 'capacity_budget') {
      lines.push({
        kind,
        text:
          t('violationBudget', {
            party: partyName(violation.partyId),
            programme: violation.programme,
            amount: formatEuro(violation.amountEur),
            year: violation.year,
            budget: formatEuro(violation.budgetEur),
          }) + suffix,
      });
    } else {
      const key = [violation.partyId, violation.programme, violation.count, violation.inBaseline, [...violation.taskIds].sort().join(',')].join('|');
      const entry = concurrent.get(key) ?? { months: [], violation };
      entry.months.push(violation.month);
      concurrent.set(key, entry);
    }
  }
  for (const { months, violation } of concurrent.values()) {
    lines.push({
      kind: violation.inBaseline ? 'baseline' : 'violation',
      text:
        t('violationConcurrent', {
          party: partyName(violation.partyId),
          programme: violation.programme,
          count: violation.count,
          months: monthRuns(months).join(', '),
          limit: violation.limit,
        }) + (violation.inBaseline ? ` (${t('inBaseline')})` : ''),
    });
  }
  for (const warning of evaluation.warnings) {
    lines.push({
      kind: 'warning',
      text: t('warningUrgency', {
        urgent: titleOf(warning.moreUrgentTaskId),
        urgentRank: warning.moreUrgentRank,
        less: titleOf(warning.lessUrgentTaskId),
        lessRank: warning.lessUrgentRank,
      }),
    });
  }
  for (const area of evaluation.alignmentDelta) {
    for (const change of area.changes) {
      // Statuses run from best (aligned) to worst (not alignable): moving up the list is a win.
      const won = ALIGNMENT_STATUSES.indexOf(change.after) < ALIGNMENT_STATUSES.indexOf(change.before);
      lines.push({
        kind: won ? 'won' : 'lost',
        text: t(won ? 'won' : 'lost', {
          dike: titleOf(change.dikeTaskId),
          other: titleOf(change.otherTaskId),
          before: label(change.before),
          after: label(change.after),
        }),
      });
    }
    if (area.alignedSoilBeforeM3 !== area.alignedSoilAfterM3) {
      lines.push({
        kind: 'soil',
        text: t('soilDelta', { area: areaName(area.areaId), before: formatNumber(area.alignedSoilBeforeM3), after: formatNumber(area.alignedSoilAfterM3) }),
      });
    }
  }
  // The soil ledger's change per area: what lining the tasks up keeps local, and what it saves,
  // in whole m³ as the Grond tab shows them.
  const m3 = (value: number) => formatNumber(Math.round(value));
  for (const area of evaluation.soil ?? []) {
    const { reusedM3, shortageM3, surplusM3, savingEur } = area;
    if (reusedM3.change === 0 && shortageM3.change === 0 && surplusM3.change === 0) continue;
    lines.push({
      kind: 'soil',
      text: t('soilLedgerDelta', {
        area: areaName(area.areaId),
        reused: `${m3(reusedM3.baseline)} → ${m3(reusedM3.scenario)}`,
        shortage: `${m3(shortageM3.baseline)} → ${m3(shortageM3.scenario)}`,
        surplus: `${m3(surplusM3.baseline)} → ${m3(surplusM3.scenario)}`,
        saving: `${formatEuro(savingEur.baseline)} → ${formatEuro(savingEur.scenario)}`,
      }),
    });
  }
  return lines;
}
