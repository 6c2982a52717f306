import type { TaskResponse } from '../../../server/contracts/tasks.js';
import { formatEuro, formatMonth, formatNumber, label, t, type TextKey } from '../i18n.js';

/** A task's fields as the interface names them (the labels of the task form and details). */
export const FIELD_LABEL = {
  title: 'title',
  partyId: 'party',
  areaId: 'areaField',
  programme: 'programme',
  kind: 'kind',
  description: 'description',
  phases: 'phases',
  window: 'windowLabel',
  dikeTrajectId: 'trajectory',
  urgencyRank: 'urgency',
  soilSupplyM3: 'soilSupply',
  soilDemandM3: 'soilDemand',
  soilType: 'soilType',
  costEur: 'cost',
  status: 'statusField',
  externalRef: 'externalRef',
  river: 'river',
  kmFrom: 'kmFrom',
  kmTo: 'kmTo',
  lengthKm: 'lengthKm',
  geometry: 'geometryField',
} as const satisfies Record<string, TextKey>;

/** A field's name in the reader's language; a field this client does not know keeps its own name. */
export function fieldLabel(field: string): string {
  return Object.hasOwn(FIELD_LABEL, field) ? t(FIELD_LABEL[field as keyof typeof FIELD_LABEL]) : field;
}

const UNITS: Partial<Record<string, string>> = { soilSupplyM3: 'm³', soilDemandM3: 'm³', lengthKm: 'km' };

/**
 * A field's value in words: months as months, codes by their labels, numbers the reader's way
 * with their unit, nothing as a dash. `partyName` names a party id.
 *
 * @example fieldValueText('soilDemandM3', 80000) // '80.000 m³'
 */
export function fieldValueText(field: string, value: unknown, partyName: (id: string) => string = (id) => id): string {
  if (value === null || value === undefined || value === '') return '—';
  if (field === 'phases') return (value as TaskResponse['phases']).map((phase) => `${label(phase.kind)} ${formatMonth(phase.start)}–${formatMonth(phase.end)}`).join(', ');
  if (field === 'window') {
    const window = value as NonNullable<TaskResponse['window']>;
    return `${formatMonth(window.earliestStart)} – ${formatMonth(window.latestEnd)}`;
  }
  if (field === 'kind' || field === 'soilType' || field === 'status') return label(String(value));
  if (field === 'partyId') return partyName(String(value));
  if (field === 'costEur' && typeof value === 'number') return formatEuro(value);
  if (typeof value === 'number') return UNITS[field] ? `${formatNumber(value)} ${UNITS[field]}` : formatNumber(value);
  return String(value);
}

/**
 * A change of a field in words, old value to new, the unit said once.
 *
 * @example fieldChangeText('soilDemandM3', 80000, 100000) // 'Grondvraag: 80.000 → 100.000 m³'
 */
export function fieldChangeText(field: string, from: unknown, to: unknown, partyName?: (id: string) => string): string {
  // A drawn shape has no words; that it changed is what counts.
  if (field === 'geometry') return fieldLabel(field);
  const unit = UNITS[field];
  if (unit && typeof from === 'number' && typeof to === 'number') return `${fieldLabel(field)}: ${formatNumber(from)} → ${formatNumber(to)} ${unit}`;
  return `${fieldLabel(field)}: ${fieldValueText(field, from, partyName)} → ${fieldValueText(field, to, partyName)}`;
}
