import type { Language } from '../i18n.js';

/**
 * Server field errors (a 400 problem's `errors[]`) placed at the form field they belong to, and
 * read in the user's language. The server writes field messages in English; the ones a task form
 * can get are known here in Dutch too, and any other shows as the server wrote it.
 */

const DUTCH: [RegExp, (match: RegExpExecArray) => string][] = [
  [/^phase end must not be before its start$/, () => 'Het einde van de fase ligt vóór de start.'],
  [/^phase (\w+) appears more than once$/, (m) => `Fase ${m[1]} komt meer dan eens voor.`],
  [/^phase (\w+) overlaps phase (\w+)$/, (m) => `Fase ${m[1]} overlapt met fase ${m[2]}.`],
  [/^phase (\w+) must come after phase (\w+)$/, (m) => `Fase ${m[1]} moet na fase ${m[2]} komen.`],
  [/^a realisatie phase is required$/, () => 'Een realisatiefase is verplicht.'],
  [/^window end must not be before its start$/, () => 'Het einde van het venster ligt vóór de start.'],
  [/^an HWBP window must end by 2049-12 \(before 2050\)$/, () => 'Een HWBP-venster moet uiterlijk in 2049-12 eindigen (vóór 2050).'],
  [/^urgencyRank is only for HWBP tasks$/, () => 'Urgentie geldt alleen voor HWBP-opgaven.'],
  [/^kmTo must not be below kmFrom$/, () => 'Km tot mag niet kleiner zijn dan km van.'],
  [/^lengthKm is only for dike reinforcements$/, () => 'Een lengte geldt alleen voor dijkversterkingen.'],
  [/^expected a month as YYYY-MM$/, () => 'Vul een maand in als JJJJ-MM.'],
  [/^month must lie between 2000-01 and 2100-12$/, () => 'De maand moet tussen 2000-01 en 2100-12 liggen.'],
  [/^Too small: expected string to have >=?1 characters?$/i, () => 'Dit veld is verplicht.'],
  [/^Too big: expected string to have <=?(\d+) characters?$/i, (m) => `Maximaal ${m[1]} tekens.`],
  [/^Too small: expected number to be >=?(-?[\d.]+)$/i, (m) => `Minimaal ${m[1]}.`],
  [/^Too big: expected number to be <=?(-?[\d.]+)$/i, (m) => `Maximaal ${m[1]}.`],
  [/^Too small: expected number to be >0$/i, () => 'Moet groter dan 0 zijn.'],
  [/^Invalid input: expected int, received number$/i, () => 'Vul een geheel getal in.'],
  [/^Invalid input: expected number, received \w+$/i, () => 'Vul een getal in.'],
];

/** A server field message in the given language, and whether it is in that language (else it stays English). */
export function fieldMessage(message: string, lang: Language): { text: string; translated: boolean } {
  if (lang === 'en') return { text: message, translated: true };
  for (const [pattern, text] of DUTCH) {
    const match = pattern.exec(message);
    if (match) return { text: text(match), translated: true };
  }
  return { text: message, translated: false };
}

/**
 * The form field a JSON pointer names. Phases are posted as a list, so `/phases/1/start` names
 * the second phase sent, which the form knows by kind: `phases.realisatie.start`.
 *
 * @example fieldOfPointer('/phases/1/end', ['verkenning', 'realisatie']) // 'phases.realisatie.end'
 * @example fieldOfPointer('/window/latestEnd', []) // 'window.latestEnd'
 */
export function fieldOfPointer(pointer: string, sentPhaseKinds: readonly string[]): string {
  const parts = pointer.split('/').filter(Boolean);
  if (parts[0] === 'phases' && parts[1] !== undefined && /^\d+$/.test(parts[1])) {
    const kind = sentPhaseKinds[Number(parts[1])];
    if (kind) return ['phases', kind, ...parts.slice(2).filter((part) => part !== 'kind')].join('.');
  }
  return parts.join('.') || 'form';
}
