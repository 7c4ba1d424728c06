// Compact postings for MiniSearch's index.
//
// MiniSearch keeps, per term, a Map from field to a Map from document number to term frequency. At 140k
// paragraphs that is 2.1 million Map entries: ~150 MB of heap, seconds to rebuild from a snapshot, and a
// heap full of small objects for the garbage collector to walk. Here a term's postings are [doc, freq] pairs in
// an Int32Array (usually a slice of one shared arena filled at load time), behind the part of the Map interface
// MiniSearch uses (get/set/delete/has/size/iteration), so MiniSearch still adds, removes, searches and
// serialises as before. Documents only ever get higher numbers (MiniSearch never reuses one), so pairs are kept
// sorted by document: insertion order equals sorted order, and lookups are binary searches.

/** Term frequency 0 marks a deleted pair: deleting shifts nothing, so it is safe while iterating (MiniSearch
 *  deletes the current key during iteration when it meets a discarded document). */
const DELETED = 0;

export class PackedPostings {
  /** Pairs [doc, freq] from `start`; the array may be an arena shared with other terms (each owns its slice). */
  private data: Int32Array;
  private start: number;
  /** Pairs this term may use from `start` on. */
  private capacity: number;
  /** Pairs in use, deleted ones included. */
  private used: number;
  private live: number;

  constructor(data: Int32Array, start: number, pairs: number) {
    this.data = data;
    this.start = start;
    this.capacity = pairs;
    this.used = pairs;
    this.live = pairs;
  }

  /** Postings from [doc, freq] pairs sorted by document, in an array of their own. */
  static fromPairs(pairs: ArrayLike<number>): PackedPostings {
    return new PackedPostings(Int32Array.from(pairs), 0, pairs.length / 2);
  }

  get size(): number {
    return this.live;
  }

  /** Position (pair index) of `doc`, or -(insertion point) - 1. */
  private find(doc: number): number {
    const { data, start } = this;
    let hi = this.used - 1;
    // Adding a document appends to every term it has: check the end first.
    if (hi < 0 || data[start + 2 * hi] < doc) return -this.used - 1;
    let lo = 0;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      const d = data[start + 2 * mid];
      if (d < doc) lo = mid + 1;
      else if (d > doc) hi = mid - 1;
      else return mid;
    }
    return -lo - 1;
  }

  get(doc: number): number | undefined {
    const at = this.find(doc);
    if (at < 0) return undefined;
    const freq = this.data[this.start + 2 * at + 1];
    return freq === DELETED ? undefined : freq;
  }

  has(doc: number): boolean {
    return this.get(doc) !== undefined;
  }

  set(doc: number, freq: number): this {
    if (!(freq > 0)) throw new RangeError('term frequency must be positive');
    const at = this.find(doc);
    if (at >= 0) {
      const i = this.start + 2 * at + 1;
      if (this.data[i] === DELETED) this.live++;
      this.data[i] = freq;
      return this;
    }
    // A new document: after the others in practice (MiniSearch numbers documents upwards, never reusing one).
    if (this.used === this.capacity) this.grow();
    const pos = this.start + 2 * (-this.find(doc) - 1);
    const end = this.start + 2 * this.used;
    if (pos < end) this.data.copyWithin(pos + 2, pos, end);
    this.data[pos] = doc;
    this.data[pos + 1] = freq;
    this.used++;
    this.live++;
    return this;
  }

  delete(doc: number): boolean {
    const at = this.find(doc);
    if (at < 0) return false;
    const i = this.start + 2 * at + 1;
    if (this.data[i] === DELETED) return false;
    this.data[i] = DELETED;
    this.live--;
    return true;
  }

  /**
   * Moves the pairs to an array of this term's own with room to add. Deleted pairs are dropped only here:
   * MiniSearch never adds while it iterates, so no iteration sees the move.
   */
  private grow(): void {
    const next = new Int32Array(2 * Math.max(4, Math.ceil((this.live + 1) * 1.25)));
    let j = 0;
    for (let i = this.start, end = this.start + 2 * this.used; i < end; i += 2) {
      if (this.data[i + 1] === DELETED) continue;
      next[j++] = this.data[i];
      next[j++] = this.data[i + 1];
    }
    this.data = next;
    this.start = 0;
    this.used = this.live;
    this.capacity = next.length / 2;
  }

  /** Calls `fn(freq, doc)` for each live pair in document order (Map#forEach's argument order). */
  forEach(fn: (freq: number, doc: number) => void): void {
    const { data, start } = this;
    const end = start + 2 * this.used;
    for (let i = start; i < end; i += 2) if (data[i + 1] !== DELETED) fn(data[i + 1], data[i]);
  }

  /**
   * The raw pairs, for hot loops: `data[i]` is a document and `data[i + 1]` its frequency, for i from `from`
   * below `to` in steps of 2; frequency 0 marks a deleted pair to skip. Valid until the next change.
   */
  raw(): { data: Int32Array; from: number; to: number } {
    return { data: this.data, from: this.start, to: this.start + 2 * this.used };
  }

  *entries(): IterableIterator<[number, number]> {
    // Re-reads the fields each step: a pair deleted during iteration is skipped, as a Map would.
    for (let i = 0; i < this.used; i++) {
      const f = this.data[this.start + 2 * i + 1];
      if (f !== DELETED) yield [this.data[this.start + 2 * i], f];
    }
  }

  *keys(): IterableIterator<number> {
    for (const [doc] of this.entries()) yield doc;
  }

  *values(): IterableIterator<number> {
    for (const [, freq] of this.entries()) yield freq;
  }

  [Symbol.iterator](): IterableIterator<[number, number]> {
    return this.entries();
  }
}

/** Postings of a term as MiniSearch reads them: by field id. The project indexes one field (id 0). */
export type TermPostings = PackedPostings | Map<number, number>;

/**
 * MiniSearch's per-term Map<fieldId, postings> for an index of one field, without a Map per term
 * (~100k terms). Behaves as a Map holding at most the key 0.
 */
export class OneFieldData {
  constructor(private postings: TermPostings | undefined) {}

  get size(): number {
    return this.postings === undefined ? 0 : 1;
  }

  get(field: number): TermPostings | undefined {
    return field === 0 ? this.postings : undefined;
  }

  has(field: number): boolean {
    return field === 0 && this.postings !== undefined;
  }

  set(field: number, postings: TermPostings): this {
    if (field !== 0) throw new RangeError('this index has one field');
    this.postings = postings;
    return this;
  }

  delete(field: number): boolean {
    if (field !== 0 || this.postings === undefined) return false;
    this.postings = undefined;
    return true;
  }

  forEach(fn: (postings: TermPostings, field: number) => void): void {
    if (this.postings !== undefined) fn(this.postings, 0);
  }

  *entries(): IterableIterator<[number, TermPostings]> {
    if (this.postings !== undefined) yield [0, this.postings];
  }

  *keys(): IterableIterator<number> {
    if (this.postings !== undefined) yield 0;
  }

  *values(): IterableIterator<TermPostings> {
    if (this.postings !== undefined) yield this.postings;
  }

  [Symbol.iterator](): IterableIterator<[number, TermPostings]> {
    return this.entries();
  }
}

/**
 * Postings for many terms in one shared arena (one allocation instead of one per term). `pairs(i)` gives term
 * i's [doc, freq] pairs sorted by document; with `deltas`, documents are stored as differences from the
 * previous one (the snapshot's encoding) and decoded here.
 */
export function packTerms(count: number, pairs: (i: number) => ArrayLike<number>, deltas = false): PackedPostings[] {
  let total = 0;
  for (let i = 0; i < count; i++) total += pairs(i).length;
  const arena = new Int32Array(total);
  const out: PackedPostings[] = new Array(count);
  let at = 0;
  for (let i = 0; i < count; i++) {
    const p = pairs(i);
    const start = at;
    let doc = 0;
    for (let j = 0; j < p.length; j += 2) {
      doc = deltas ? doc + p[j] : p[j];
      arena[at++] = doc;
      arena[at++] = p[j + 1];
    }
    out[i] = new PackedPostings(arena, start, p.length / 2);
  }
  return out;
}
