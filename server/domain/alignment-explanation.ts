import type { AlignmentPair, AlignmentTask } from './alignment.js';
import { overlapMonths, shiftInterval } from './months.js';
import { realisationPhase, type SoilType } from './tasks.js';

export interface Explanation {
  nl: string;
  en: string;
}

function groupThousands(value: number, separator: string): string {
  return String(Math.round(value)).replace(/\B(?=(\d{3})+(?!\d))/g, separator);
}

function months(count: number, language: 'nl' | 'en'): string {
  if (language === 'nl') return `${count} ${count === 1 ? 'maand' : 'maanden'}`;
  return `${count} ${count === 1 ? 'month' : 'months'}`;
}

/** The soil the pair would exchange, named by the more specific of the two types. */
function soilWord(dike: AlignmentTask, other: AlignmentTask): { nl: string; en: string } {
  const specific: SoilType | null = [dike.soilType, other.soilType].find((type) => type === 'klei' || type === 'zand') ?? null;
  if (specific === 'klei') return { nl: 'klei', en: 'clay' };
  if (specific === 'zand') return { nl: 'zand', en: 'sand' };
  return { nl: 'grond', en: 'soil' };
}

function soilClause(pair: AlignmentPair, dike: AlignmentTask, other: AlignmentTask): Explanation {
  if (pair.soilMatchM3 <= 0) return { nl: '', en: '' };
  const word = soilWord(dike, other);
  return {
    nl: `; ${groupThousands(pair.soilMatchM3, '.')} m³ ${word.nl} uitwisselbaar`,
    en: `; ${groupThousands(pair.soilMatchM3, ',')} m³ of ${word.en} can be exchanged`,
  };
}

/**
 * A one-sentence reading of an alignment pair in Dutch and English, made from its numbers
 * (never stored, so it always matches them).
 *
 * @example explainAlignment(pair, dike, other).nl
 * // 'Schuif de dijkversterking 14 maanden eerder: realisaties overlappen dan 3 maanden; 120.000 m³ klei uitwisselbaar.'
 */
export function explainAlignment(pair: AlignmentPair, dike: AlignmentTask, other: AlignmentTask): Explanation {
  const soil = soilClause(pair, dike, other);
  if (pair.status === 'aligned') {
    return {
      nl: `Realisaties overlappen ${months(pair.overlapMonths, 'nl')}${soil.nl}.`,
      en: `Realisations overlap by ${months(pair.overlapMonths, 'en')}${soil.en}.`,
    };
  }
  if (pair.move) {
    const movingDike = pair.status === 'alignable_by_dike';
    const [moving, fixed] = movingDike ? [dike, other] : [other, dike];
    const after = overlapMonths(shiftInterval(realisationPhase(moving), pair.move.shiftMonths), realisationPhase(fixed));
    const distance = Math.abs(pair.move.shiftMonths);
    const earlier = pair.move.shiftMonths < 0;
    return {
      nl:
        `Schuif ${movingDike ? 'de dijkversterking' : 'de andere opgave'} ${months(distance, 'nl')} ${earlier ? 'eerder' : 'later'}: ` +
        `realisaties overlappen dan ${months(after, 'nl')}${soil.nl}.`,
      en:
        `Move ${movingDike ? 'the dike reinforcement' : 'the other task'} ${months(distance, 'en')} ${earlier ? 'earlier' : 'later'}: ` +
        `realisations then overlap by ${months(after, 'en')}${soil.en}.`,
    };
  }
  const apart: Explanation =
    pair.gapMonths === 0
      ? { nl: 'ze sluiten direct op elkaar aan', en: 'they are back to back' }
      : { nl: `${months(pair.gapMonths, 'nl')} ertussen`, en: `${months(pair.gapMonths, 'en')} apart` };
  return {
    nl: `Niet binnen de vensters te combineren (${apart.nl})${soil.nl}: bespreek dit aan tafel.`,
    en: `Cannot be lined up within the windows (${apart.en})${soil.en}: raise it at the table.`,
  };
}
