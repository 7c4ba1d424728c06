// A Map from small non-negative integers (MiniSearch's document numbers) to values, kept in a plain array.
//
// MiniSearch keeps two such Maps per index (document number → id, → field lengths): at 140k paragraphs a Map
// costs ~30 MB more than an array slot per document. Document numbers only grow and are never reused, so
// ascending order is insertion order and iteration matches the Map's.
export class DenseMap<V> {
  private readonly slots: Array<V | undefined> = [];
  private count = 0;

  get size(): number {
    return this.count;
  }

  get(key: number): V | undefined {
    return this.slots[key];
  }

  has(key: number): boolean {
    return this.slots[key] !== undefined;
  }

  set(key: number, value: V): this {
    if (!Number.isInteger(key) || key < 0) throw new RangeError(`DenseMap keys are document numbers, not ${key}`);
    if (value === undefined) throw new RangeError('DenseMap cannot hold undefined');
    // Fill a gap explicitly: writing far past the end would turn the array into a slow dictionary.
    while (this.slots.length < key) this.slots.push(undefined);
    if (this.slots[key] === undefined) this.count++;
    this.slots[key] = value;
    return this;
  }

  delete(key: number): boolean {
    if (this.slots[key] === undefined) return false;
    this.slots[key] = undefined;
    this.count--;
    return true;
  }

  clear(): void {
    this.slots.length = 0;
    this.count = 0;
  }

  forEach(fn: (value: V, key: number) => void): void {
    for (let k = 0; k < this.slots.length; k++) {
      const v = this.slots[k];
      if (v !== undefined) fn(v, k);
    }
  }

  *entries(): IterableIterator<[number, V]> {
    for (let k = 0; k < this.slots.length; k++) {
      const v = this.slots[k];
      if (v !== undefined) yield [k, v];
    }
  }

  *keys(): IterableIterator<number> {
    for (const [k] of this.entries()) yield k;
  }

  *values(): IterableIterator<V> {
    for (const [, v] of this.entries()) yield v;
  }

  [Symbol.iterator](): IterableIterator<[number, V]> {
    return this.entries();
  }
}

/**
 * Field-length arrays ([length] for the one field) shared by every document of the same length. Safe because
 * MiniSearch writes into a document's array only when it makes it, for a new document (addFieldLength).
 */
const SHARED_LENGTHS: number[][] = [];

export function sharedLength(length: number): number[] {
  if (!Number.isInteger(length) || length < 0 || length > 100_000) return [length];
  return (SHARED_LENGTHS[length] ??= [length]);
}
