import { afterEach, describe, expect, it } from 'vitest';
import { setLanguage } from '../../client/src/i18n.js';
import { fieldChangeText } from '../../client/src/ui/field-values.js';

afterEach(() => setLanguage('nl'));

describe('fieldChangeText', () => {
  it('tells a soil change with both numbers the Dutch way and the unit once', () => {
    expect(fieldChangeText('soilDemandM3', 80_000, 100_000)).toBe('Grondvraag: 80.000 → 100.000 m³');
  });

  it('tells windows as months, kinds by their labels and parties by name, never code names', () => {
    expect(fieldChangeText('window', { earliestStart: '2026-01', latestEnd: '2040-12' }, { earliestStart: '2026-03', latestEnd: '2045-12' })).toBe(
      'Venster: jan 2026 – dec 2040 → mrt 2026 – dec 2045',
    );
    expect(fieldChangeText('kind', 'other', 'nature')).toBe('Soort: Overig → Natuur');
    expect(fieldChangeText('partyId', 'hdsr', 'rws-on', (id) => ({ hdsr: 'HDSR', 'rws-on': 'Rijkswaterstaat Oost-Nederland' })[id] ?? id)).toBe(
      'Partij: HDSR → Rijkswaterstaat Oost-Nederland',
    );
    expect(fieldChangeText('window', null, { earliestStart: '2026-03', latestEnd: '2045-12' })).toBe('Venster: — → mrt 2026 – dec 2045');
  });

  it('speaks English when the reader chose it', () => {
    setLanguage('en');
    expect(fieldChangeText('soilDemandM3', 80_000, 100_000)).toBe('Soil demand: 80,000 → 100,000 m³');
    expect(fieldChangeText('costEur', 4_000_000, 4_500_000)).toBe('Cost: €4,000,000 → €4,500,000');
  });
});
