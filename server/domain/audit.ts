/** One field that differs between two versions of a record. */
export interface FieldChange {
  field: string;
  from: unknown;
  to: unknown;
}

function same(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/**
 * The top-level fields whose values differ between two versions of a record (a missing
 * version counts as empty: creation lists every field from null, deletion every field to null).
 *
 * @example changedFields({ title: 'a', version: 1 }, { title: 'b', version: 2 }, ['version'])
 * // [{ field: 'title', from: 'a', to: 'b' }]
 */
export function changedFields(
  before: Record<string, unknown> | null,
  after: Record<string, unknown> | null,
  ignore: readonly string[] = [],
): FieldChange[] {
  const fields = new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})]);
  const changes: FieldChange[] = [];
  for (const field of fields) {
    if (ignore.includes(field)) continue;
    const from = before?.[field] ?? null;
    const to = after?.[field] ?? null;
    if (!same(from, to)) changes.push({ field, from, to });
  }
  return changes;
}
