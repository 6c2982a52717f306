import { describe, expect, it } from 'vitest';
import { VersionedCache } from '../../server/db/versioned-cache.js';

describe('VersionedCache', () => {
  it('computes once per key and version, and again when the version moved on', async () => {
    const cache = new VersionedCache<string>(10);
    let computed = 0;
    const compute = (value: string) => async () => {
      computed += 1;
      return value;
    };
    expect(await cache.get('a', 1, compute('first'))).toBe('first');
    expect(await cache.get('a', 1, compute('ignored'))).toBe('first');
    expect(await cache.get('a', 2, compute('second'))).toBe('second');
    expect(computed).toBe(2);
  });

  it('lets the least recently used entry go first when full', async () => {
    const cache = new VersionedCache<number>(2);
    await cache.get('a', 1, async () => 1);
    await cache.get('b', 1, async () => 2);
    await cache.get('a', 1, async () => 99);
    await cache.get('c', 1, async () => 3);
    expect(cache.size).toBe(2);
    expect(await cache.get('a', 1, async () => -1)).toBe(1);
    expect(await cache.get('b', 1, async () => -2)).toBe(-2);
  });
});
