/** A flood-safety norm: the allowed probability per year, written by return period. */
export interface Norm {
  returnPeriodYears: number;
  /** The Dutch way of writing it, e.g. `1/30.000`. */
  label: string;
  perYear: number;
}

/**
 * The norm for a return period in years, or null where the national table holds 0
 * (no norm recorded): a missing norm must never read as "1/0".
 *
 * @example normFromReturnPeriod(30000) // { returnPeriodYears: 30000, label: '1/30.000', perYear: 0.0000333… }
 */
export function normFromReturnPeriod(returnPeriodYears: number | null): Norm | null {
  if (returnPeriodYears === null || returnPeriodYears <= 0) return null;
  const grouped = String(returnPeriodYears).replace(/\B(?=(\d{3})+(?!\d))/g, '.');
  return { returnPeriodYears, label: `1/${grouped}`, perYear: 1 / returnPeriodYears };
}
