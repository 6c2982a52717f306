/**
 * Answers kept per data version: an entry counts only while the version it was computed at is
 * still the current one, so a write anywhere (any process) makes the next read recompute. The
 * oldest entries leave first once `capacity` is reached.
 */
export class VersionedCache<Value> {
  readonly #entries = new Map<string, { version: number; value: Value }>();

  constructor(readonly capacity: number) {}

  /** The value for `key` computed at `version`, computing (and keeping) it when there is none. */
  async get(key: string, version: number, compute: () => Promise<Value>): Promise<Value> {
    const kept = this.#entries.get(key);
    if (kept && kept.version === version) {
      // Map order is insertion order: move the entry to the back, so the least used leaves first.
      this.#entries.delete(key);
      this.#entries.set(key, kept);
      return kept.value;
    }
    const value = await compute();
    this.#entries.delete(key);
    this.#entries.set(key, { version, value });
    while (this.#entries.size > this.capacity) this.#entries.delete(this.#entries.keys().next().value!);
    return value;
  }

  get size(): number {
    return this.#entries.size;
  }
}
