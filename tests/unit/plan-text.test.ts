import { afterEach, describe, expect, it } from 'vitest';
import type { PlanResult } from '../../server/contracts/plans.js';
import { setLanguage } from '../../client/src/i18n.js';
import { consentText, describeMove, inversionTexts, listText, monthsText, outcomeText, planFigureRows, planStatusText, type PlanMove } from '../../client/src/plan/plan-text.js';

function move(fields: Partial<PlanMove>): PlanMove {
  return { taskId: 'lottum', shiftMonths: 18, title: 'Lottum', areaId: 'vierwaarden', partyId: 'wl', pairsWon: [], pairsLost: [], soilGainedM3: 0, needsConsent: false, ...fields };
}

function pair(partnerTitle: string, soilMatchM3 = 0, soilType: 'klei' | 'zand' | 'overig' = 'klei') {
  return { dikeTaskId: 'lottum', otherTaskId: partnerTitle, partnerTaskId: partnerTitle, partnerTitle, soilMatchM3, soilType };
}

const RESULT: PlanResult = {
  moves: [],
  valueBefore: 93,
  valueAfter: 97.25,
  valueBound: 97.25,
  alignedPairsBefore: 12,
  alignedPairsAfter: 15,
  alignedSoilBeforeM3: 20_000,
  alignedSoilAfterM3: 122_500,
  movedMonths: 48,
  gap: 0,
  inversions: [],
  modelSize: { variables: 10, binaries: 8, constraints: 5, nonzeros: 20, movableTasks: 3, pairs: 12 },
  solveMs: 120,
};

afterEach(() => setLanguage('nl'));

describe('describeMove', () => {
  it('says where a task goes and what it lines up with, with the soil the pair can exchange', () => {
    expect(describeMove(move({ pairsWon: [pair('de rivierverruiming', 100_000)] }))).toBe('Lottum 18 maanden later: gelijktijdig met de rivierverruiming, 100.000 m³ klei uitwisselbaar');
  });

  it('says "earlier" for a negative shift and uses the singular for one month', () => {
    expect(describeMove(move({ shiftMonths: -1, pairsWon: [pair('Jachthaven')] }))).toBe('Lottum 1 maand eerder: gelijktijdig met Jachthaven');
  });

  it('lists several partners once each, adds soil up per kind, and names what the move loses', () => {
    const text = describeMove(
      move({
        shiftMonths: 6,
        pairsWon: [pair('A', 10_000, 'klei'), pair('B', 2_500, 'zand'), pair('C', 5_000, 'klei'), pair('A', 0)],
        pairsLost: [pair('D', 7_000)],
      }),
    );
    expect(text).toBe('Lottum 6 maanden later: gelijktijdig met A, B en C, niet meer gelijktijdig met D, 15.000 m³ klei uitwisselbaar, 2.500 m³ zand uitwisselbaar');
  });

  it('explains a move that wins no pair itself as keeping capacity and urgency with the others', () => {
    expect(describeMove(move({ shiftMonths: -3 }))).toBe('Lottum 3 maanden eerder: nodig om met de andere verschuivingen binnen capaciteit en urgentievolgorde te blijven');
  });

  it('speaks English when asked', () => {
    setLanguage('en');
    expect(describeMove(move({ pairsWon: [pair('the river widening', 100_000)] }))).toBe('Lottum 18 months later: aligned with the river widening, 100,000 m³ of clay exchangeable');
  });
});

describe('the words around a plan', () => {
  it('joins lists as a sentence does and counts months in words', () => {
    expect(listText([])).toBe('');
    expect(listText(['A'])).toBe('A');
    expect(listText(['A', 'B'])).toBe('A en B');
    expect(monthsText(1)).toBe('1 maand');
    expect(monthsText(12)).toBe('12 maanden');
  });

  it("says who decides about a move: another party's consent, or the planner", () => {
    const partyName = (id: string) => (id === 'rws-zn' ? 'Rijkswaterstaat Zuid-Nederland' : id);
    expect(consentText(move({ partyId: 'rws-zn', needsConsent: true }), partyName)).toBe('Toestemming nodig: Rijkswaterstaat Zuid-Nederland beslist over deze opgave');
    expect(consentText(move({}), partyName)).toBe('U kunt deze verschuiving zelf doorvoeren');
  });

  it('lays the figures out before and after, with nothing moved today', () => {
    expect(planFigureRows(RESULT).map((row) => [row.label, row.before, row.after])).toEqual([
      ['Gelijktijdige paren', '12', '15'],
      ['Gelijktijdige grond (m³)', '20.000', '122.500'],
      ['Waarde (elk paar 1, elke 10.000 m³ grond 1 extra)', '93', '97,3'],
      ['Verschoven maanden in totaal', '0', '48'],
    ]);
  });

  it('calls an optimal plan proven, and rounds a time-limited gap up so it never looks better than it is', () => {
    expect(outcomeText({ status: 'optimal', result: RESULT })).toBe('bewezen optimaal');
    expect(outcomeText({ status: 'time_limit', result: { ...RESULT, gap: 0.01231 } })).toBe('tijdslimiet bereikt, gat 1,3%');
  });

  it("reads a plan's status from its message code", () => {
    expect(planStatusText({ messageCode: 'plan_optimal', messageParams: { moves: 2 } })).toBe('Dit is bewezen de beste set verschuivingen binnen de regels: 2 verschuiving(en).');
    expect(planStatusText({ messageCode: 'plan_time_limit', messageParams: { seconds: 20, gap: { nl: '1,3%', en: '1.3%' } } })).toBe(
      'De rekentijd van 20 s was op: dit is de beste set die gevonden is, hooguit 1,3% onder het best haalbare.',
    );
  });

  it('names both sections of an urgency inversion by title', () => {
    const result = { ...RESULT, inversions: [{ moreUrgentTaskId: 'a', moreUrgentRank: 3, lessUrgentTaskId: 'b', lessUrgentRank: 9 }] };
    expect(inversionTexts(result, (id) => ({ a: 'Lottum', b: 'Arcen' })[id]!)).toEqual(['Urgentievolgorde wijkt: Lottum (urgentie 3) is later klaar dan Arcen (urgentie 9)']);
  });
});
