/**
 * A static index of inclusive integer intervals that reports every interval meeting a
 * query interval in O(log n + k log n) for k answers: intervals sorted by start, and a
 * segment tree over that order holding the largest end in each node. Built once in
 * O(n log n).
 */
export class IntervalIndex {
  private readonly starts: Int32Array;
  private readonly ends: Int32Array;
  /** Caller's id of each interval, in start order. */
  private readonly ids: Int32Array;
  private readonly leafCount: number;
  /** Implicit binary tree: node i has children 2i and 2i+1; leaves start at `leafCount`. */
  private readonly maxEnd: Int32Array;
  /** Scratch stack for queries: one pending sibling per level at most, plus the current node. */
  private readonly stack = new Int32Array(66);

  /**
   * @param starts interval starts, one per id (0 .. n-1)
   * @param ends interval ends, same order; `ends[i] >= starts[i]` is not required (empty intervals never match)
   * @param include which ids take part (others are left out of the index)
   */
  constructor(starts: ArrayLike<number>, ends: ArrayLike<number>, include: (id: number) => boolean = () => true) {
    const members: number[] = [];
    for (let id = 0; id < starts.length; id++) if (include(id)) members.push(id);
    members.sort((a, b) => starts[a]! - starts[b]! || a - b);
    const count = members.length;
    this.starts = new Int32Array(count);
    this.ends = new Int32Array(count);
    this.ids = new Int32Array(members);
    members.forEach((id, position) => {
      this.starts[position] = starts[id]!;
      this.ends[position] = ends[id]!;
    });
    let leafCount = 1;
    while (leafCount < count) leafCount *= 2;
    this.leafCount = leafCount;
    this.maxEnd = new Int32Array(2 * leafCount).fill(-0x80000000);
    for (let position = 0; position < count; position++) this.maxEnd[leafCount + position] = this.ends[position]!;
    for (let node = leafCount - 1; node >= 1; node--) {
      this.maxEnd[node] = Math.max(this.maxEnd[2 * node]!, this.maxEnd[2 * node + 1]!);
    }
  }

  /**
   * Appends to `out` the id of every indexed interval `[s, e]` with `s <= queryEnd`,
   * `e >= queryStart` and `s <= e`, in start order. The query may be "reversed"
   * (`queryStart > queryEnd`): the two conditions keep their meaning.
   */
  appendMeeting(queryStart: number, queryEnd: number, out: number[]): void {
    // Intervals in positions [0, limit) start no later than the query ends.
    let low = 0;
    let high = this.starts.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (this.starts[middle]! <= queryEnd) low = middle + 1;
      else high = middle;
    }
    const limit = low;
    // Depth-first over the tree without recursion, skipping subtrees whose largest end is too small.
    const stack = this.stack;
    let top = 0;
    if (limit > 0) stack[top++] = 1;
    while (top > 0) {
      const node = stack[--top]!;
      if (this.maxEnd[node]! < queryStart) continue;
      const depth = 31 - Math.clz32(node);
      const width = this.leafCount >>> depth;
      const from = (node - (1 << depth)) * width;
      if (from >= limit) continue;
      if (width === 1) {
        if (this.starts[from]! <= this.ends[from]!) out.push(this.ids[from]!);
        continue;
      }
      stack[top++] = 2 * node + 1;
      stack[top++] = 2 * node;
    }
  }
}
