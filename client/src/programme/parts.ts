import { h } from '../dom.js';
import { formatMonth, language, t } from '../i18n.js';

/** A labelled select whose first option means "no filter" (its value reaches `onChange` as null). */
export function selectField(id: string, text: string, values: { value: string; text: string }[], onChange: (value: string | null) => void, allText = t('all')): HTMLElement {
  const select = h(
    'select',
    { id, onchange: () => onChange(select.value || null) },
    h('option', { value: '' }, allText),
    values.map((option) => h('option', { value: option.value }, option.text)),
  );
  return h('div', { class: 'field' }, h('label', { for: id }, text), select);
}

/** Euros the short way for chart axes and reading aids: `€ 120 mln`, `€120m`. */
export function formatEuroShort(value: number): string {
  const text = new Intl.NumberFormat(language() === 'nl' ? 'nl-NL' : 'en-GB', { style: 'currency', currency: 'EUR', notation: 'compact', maximumFractionDigits: 1 }).format(value);
  // Dutch abbreviates with a full stop (`mln.`), which doubles at the end of a sentence.
  return text.replace(/\.$/, '');
}

/** A run of months in words: `mrt 2031` or `mrt 2031 – jun 2032`. */
export function monthRangeText(range: { from: string; to: string }): string {
  return range.from === range.to ? formatMonth(range.from) : `${formatMonth(range.from)} – ${formatMonth(range.to)}`;
}

export const OVERVIEW_HASH = '#/nederland';

/** `#/programma/<partyId>`: the party's id, or null for another page. */
export function programmePartyId(hash: string): string | null {
  const match = /^#\/programma\/([^/]+)$/.exec(hash);
  return match ? decodeURIComponent(match[1]!) : null;
}

/** The link to a party's programme page. */
export function programmeHref(partyId: string): string {
  return `#/programma/${encodeURIComponent(partyId)}`;
}

/** The width charts are drawn at: the page's width now (Plot draws to a fixed width, which CSS then scales down). */
export function chartWidth(main: HTMLElement): number {
  return Math.round(Math.min(1400, Math.max(560, main.clientWidth - 16)));
}
