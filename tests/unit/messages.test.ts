import { describe, expect, it } from 'vitest';
import { ENTITY_LABELS, MESSAGE_TEXTS, messageText } from '../../client/src/i18n.js';
import { ENTITIES, MESSAGE_CODES, MESSAGES } from '../../server/domain/messages.js';

const LANGUAGES = ['nl', 'en'] as const;

function placeholders(text: string): string[] {
  return [...text.matchAll(/\{(\w+)\}/g)].map((match) => match[1]!).sort();
}

describe('the messages users read', () => {
  it('has a Dutch and an English text for every message code the server can emit', () => {
    expect(MESSAGE_CODES.length).toBeGreaterThan(0);
    for (const language of LANGUAGES) {
      for (const code of MESSAGE_CODES) {
        expect(MESSAGE_TEXTS[language][code]?.trim(), `${language} ${code}`).toBeTruthy();
      }
    }
  });

  it('fills exactly the params each code names, in both languages', () => {
    for (const code of MESSAGE_CODES) {
      const params = [...MESSAGES[code]].sort();
      for (const language of LANGUAGES) expect(placeholders(MESSAGE_TEXTS[language][code]), `${language} ${code}`).toEqual(params);
    }
  });

  it('names every kind of missing record in both languages', () => {
    for (const language of LANGUAGES) {
      for (const entity of ENTITIES) expect(ENTITY_LABELS[language][entity], `${language} ${entity}`).toBeTruthy();
    }
  });

  it('joins lists, names records, picks the language of a text given in both, and knows no unknown code', () => {
    expect(messageText('scenario_foreign_tasks', { titles: ['Dijkvak A', 'Uiterwaard B'] }, 'nl')).toBe('U mag deze opgaven niet wijzigen: Dijkvak A; Uiterwaard B.');
    expect(messageText('entity_not_found', { entity: 'area', id: 'atlantis' }, 'en')).toBe("Area 'atlantis' does not exist (any more).");
    expect(messageText('entity_not_found', { entity: 'area', id: 'atlantis' }, 'nl')).toBe("Gebied 'atlantis' bestaat niet (meer).");
    expect(messageText('import_cell_not_one_of', { row: 3, column: 'soort', value: 'natur', allowed: { nl: 'natuur, overig', en: 'nature, other' } }, 'nl')).toBe('Regel 3, kolom soort: ‘natur’ kent het sjabloon niet; kies uit: natuur, overig.');
    expect(messageText('not_a_code', {}, 'nl')).toBeUndefined();
    expect(messageText('toString', {}, 'nl')).toBeUndefined();
  });
});
