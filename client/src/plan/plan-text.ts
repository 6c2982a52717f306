import type { PlanResponse, PlanResult } from '../../../server/contracts/plans.js';
import { formatNumber, label, messageText, t } from '../i18n.js';

export type PlanMove = PlanResult['moves'][number];

/**
 * A number of months in words.
 *
 * @example monthsText(1) // '1 maand'
 * @example monthsText(18) // '18 maanden'
 */
export function monthsText(months: number): string {
  return months === 1 ? t('planMonth') : t('planMonths', { count: formatNumber(months) });
}

/**
 * Items joined the way a sentence lists them.
 *
 * @example listText(['A', 'B', 'C']) // 'A, B en C'
 */
export function listText(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} ${t('planAnd')} ${items.at(-1)}`;
}

function uniqueTitles(pairs: PlanMove['pairsWon']): string[] {
  return [...new Set(pairs.map((pair) => pair.partnerTitle))];
}

/**
 * One move of a plan in words: where the task goes and why (what it now lines up with, what it no
 * longer does, and the soil the pairs it wins can exchange, per kind). A move that wins nothing
 * itself is there to keep capacity and urgency with the others.
 *
 * @example describeMove(lottum) // 'Lottum 18 maanden later: gelijktijdig met de rivierverruiming, 100.000 m³ klei uitwisselbaar'
 */
export function describeMove(move: PlanMove): string {
  const head = t(move.shiftMonths > 0 ? 'planLater' : 'planEarlier', { task: move.title, months: monthsText(Math.abs(move.shiftMonths)) });
  const reasons: string[] = [];
  if (move.pairsWon.length > 0) reasons.push(t('planAlignedWith', { titles: listText(uniqueTitles(move.pairsWon)) }));
  if (move.pairsLost.length > 0) reasons.push(t('planNoLongerWith', { titles: listText(uniqueTitles(move.pairsLost)) }));
  const soilByType = new Map<string, number>();
  for (const pair of move.pairsWon) if (pair.soilMatchM3 > 0) soilByType.set(pair.soilType, (soilByType.get(pair.soilType) ?? 0) + pair.soilMatchM3);
  for (const [soilType, amount] of soilByType) reasons.push(t('planSoilExchange', { amount: formatNumber(amount), soil: label(soilType) }));
  if (reasons.length === 0) reasons.push(t('planMakesRoom'));
  return `${head}: ${reasons.join(', ')}`;
}

/** Who decides about a moved task: its owner when the requester may not edit it, else the requester. */
export function consentText(move: PlanMove, partyName: (partyId: string) => string): string {
  return move.needsConsent ? t('planNeedsConsent', { party: partyName(move.partyId) }) : t('planOwnMove');
}

export interface FigureRow {
  label: string;
  before: string;
  after: string;
}

/** The plan's before/after figures as table rows; moved months have no "before" (today nothing moves). */
export function planFigureRows(result: PlanResult): FigureRow[] {
  const value = (amount: number) => formatNumber(Math.round(amount * 10) / 10);
  return [
    { label: t('planAlignedPairs'), before: formatNumber(result.alignedPairsBefore), after: formatNumber(result.alignedPairsAfter) },
    { label: t('planAlignedSoil'), before: formatNumber(result.alignedSoilBeforeM3), after: formatNumber(result.alignedSoilAfterM3) },
    { label: t('planValue'), before: value(result.valueBefore), after: value(result.valueAfter) },
    { label: t('planMovedMonths'), before: '0', after: formatNumber(result.movedMonths) },
  ];
}

/**
 * Whether the plan is proven best or the time limit stopped the search, and then how far from the
 * best it may be (the gap, rounded up so it never looks better than it is).
 *
 * @example outcomeText({ status: 'time_limit', result: { gap: 0.0123, ... } }) // 'tijdslimiet bereikt, gat 1,3%'
 */
export function outcomeText(plan: Pick<PlanResponse, 'status' | 'result'>): string {
  if (plan.status === 'time_limit' && plan.result) return t('planOutcomeTimeLimit', { gap: `${formatNumber(Math.ceil(plan.result.gap * 1000) / 10)}%` });
  return t('planOutcomeOptimal');
}

/** What the plan's status tells its reader, from its message code. */
export function planStatusText(plan: Pick<PlanResponse, 'messageCode' | 'messageParams'>): string {
  return messageText(plan.messageCode, plan.messageParams) ?? plan.messageCode;
}

/** The inversions a plan makes (only when the urgency order was allowed to give way), in words. */
export function inversionTexts(result: PlanResult, titleOf: (taskId: string) => string): string[] {
  return result.inversions.map((inversion) =>
    t('planInversion', {
      urgent: titleOf(inversion.moreUrgentTaskId),
      urgentRank: inversion.moreUrgentRank,
      less: titleOf(inversion.lessUrgentTaskId),
      lessRank: inversion.lessUrgentRank,
    }),
  );
}
