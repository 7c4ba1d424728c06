// MiniSearch query evaluation without MiniSearch's per-document bookkeeping.
//
// MiniSearch#search builds, for every matching document, a result object, an array of query terms and an
// object keyed by matched terms, then sorts all of them: for a word found in 20,000 paragraphs that is most of
// the 40–120 ms a query costs. This evaluator walks the same index with the same semantics (option inheritance,
// AND/OR combination order, BM25+ with MiniSearch's parameters, prefix and fuzzy weights, quality = number of
// distinct query terms matched) but keeps only a score and a bit set of matched leaves per document, selects the
// top results without sorting all, and works out matched terms only for the results a caller asks for.
// Checked against MiniSearch#search in test/search-evaluate.test.ts.
import type { Query } from 'minisearch';
import { MiniSearchInternals } from './minisearch-internals.js';
import { PackedPostings, type TermPostings } from './packed-postings.js';

type Postings = TermPostings;
interface FieldData {
  get(field: number): Postings | undefined;
}

interface RadixTree {
  get(term: string): FieldData | undefined;
  atPrefix(prefix: string): Iterable<[string, FieldData]>;
  fuzzyGet(term: string, maxDistance: number): Map<string, [FieldData, number]>;
}

interface Internals {
  _index: RadixTree;
  _nextId: number;
  _idToShortId: Map<string, number>;
  _documentIds: Map<number, string>;
  _documentCount: number;
  _fieldLength: Map<number, number[]>;
  _avgFieldLength: number[];
}

/** MiniSearch 7 defaults (the project's options do not change them). */
const BM25 = { k: 1.2, b: 0.7, d: 0.5 };
const WEIGHTS = { fuzzy: 0.45, prefix: 0.375 };
const DEFAULT_MAX_FUZZY = 6;
/** Leaves are tracked in a 31-bit set; larger queries fall back to MiniSearch#search. */
const MAX_LEAVES = 31;

/**
 * A set of scored documents in insertion order (the order MiniSearch's result Map would have), backed by
 * dense arrays indexed by document number so that adding a posting costs a few array reads, not Map work.
 */
class Results {
  /** Documents in insertion order: the first `count` entries of `order`. */
  count = 0;

  constructor(readonly score: Float64Array, readonly leaves: Int32Array, readonly order: Int32Array) {}

  /** Adds `score` to `doc` and marks the leaf bit; `leaves[doc] !== 0` means the document is in the set. */
  add(doc: number, score: number, bit: number): void {
    if (this.leaves[doc] === 0) {
      this.order[this.count++] = doc;
      this.score[doc] = score;
      this.leaves[doc] = bit;
    } else {
      this.score[doc] += score;
      this.leaves[doc] |= bit;
    }
  }
}

/**
 * Reuses dense arrays between queries; arrays handed back are all zero again. The insertion order is pooled
 * too: a common word's thousands of documents would otherwise grow a fresh array per query term.
 */
class ArrayPool {
  private free: Array<[Float64Array, Int32Array, Int32Array]> = [];
  private size = 0;

  take(size: number): Results {
    if (size > this.size) {
      // The index grew: older arrays are too small.
      this.free = [];
      this.size = Math.max(size, Math.ceil(this.size * 1.25));
    }
    const arrays = this.free.pop() ?? [new Float64Array(this.size), new Int32Array(this.size), new Int32Array(this.size)];
    return new Results(arrays[0], arrays[1], arrays[2]);
  }

  give(results: Results): void {
    const { order, count } = results;
    for (let i = 0; i < count; i++) {
      results.score[order[i]] = 0;
      results.leaves[order[i]] = 0;
    }
    if (results.score.length === this.size) this.free.push([results.score, results.leaves, results.order]);
  }
}

interface Leaf {
  /** The query term as written in the query (MiniSearch's "source term"). */
  source: string;
  /** Index terms it expanded to (exact, prefix, fuzzy) and their postings. */
  derived: Array<[string, Postings]>;
}

interface Inherited {
  combineWith?: string;
  prefix?: boolean | ((term: string, i: number, terms: string[]) => boolean);
  fuzzy?: boolean | number | ((term: string, i: number, terms: string[]) => boolean | number);
  maxFuzzy?: number;
  boostTerm?: (term: string, i: number, terms: string[]) => number;
}

export class TooComplex extends Error {}

/** The outcome of one query: documents with scores, before ranking. Holds compact copies, not pool arrays. */
export class Evaluation {
  /** Documents in MiniSearch's insertion order, with summed score and leaf bit set. */
  private readonly docs: Int32Array;
  private readonly sums: Float64Array;
  private readonly masks: Int32Array;

  constructor(private readonly ids: Map<number, string>, results: Results, private readonly leaves: Leaf[]) {
    const n = results.count;
    this.docs = results.order.slice(0, n);
    this.sums = new Float64Array(n);
    this.masks = new Int32Array(n);
    for (let i = 0; i < n; i++) {
      const doc = this.docs[i];
      this.sums[i] = results.score[doc];
      this.masks[i] = results.leaves[doc];
    }
  }

  get size(): number {
    return this.docs.length;
  }

  private quality(mask: number): number {
    const seen = new Set<string>();
    for (let i = 0; mask; i++, mask >>>= 1) if (mask & 1) seen.add(this.leaves[i].source);
    return seen.size || 1;
  }

  id(doc: number): string {
    return this.ids.get(doc)!;
  }

  /** Every document with its final score, in insertion order (no sorting, no per-document objects). */
  unranked(): { docs: Int32Array; scores: Float64Array } {
    const qualities = new Map<number, number>();
    const scores = new Float64Array(this.docs.length);
    for (let i = 0; i < this.docs.length; i++) {
      const mask = this.masks[i];
      let q = qualities.get(mask);
      if (q === undefined) qualities.set(mask, (q = this.quality(mask)));
      scores[i] = this.sums[i] * q;
    }
    return { docs: this.docs, scores };
  }

  /**
   * Index terms matched in this document (MiniSearch's `terms` of a result). `at`, the document's position in
   * `unranked().docs` when the caller knows it, saves a search of every document (a common word has thousands).
   */
  terms(doc: number, at: number = this.docs.indexOf(doc)): string[] {
    if (at < 0 || this.docs[at] !== doc) at = this.docs.indexOf(doc);
    if (at < 0) return [];
    const out = new Set<string>();
    let mask = this.masks[at];
    for (let i = 0; mask; i++, mask >>>= 1) {
      if (!(mask & 1)) continue;
      for (const [term, postings] of this.leaves[i].derived) if (postings.has(doc)) out.add(term);
    }
    return [...out];
  }

  /**
   * Documents in MiniSearch's order (score descending, MiniSearch's final score = sum × number of distinct
   * query terms matched; ties in insertion order), those failing `keep` dropped. With `limit`, only the best
   * `limit` are ordered and returned; `total` counts every document kept.
   */
  rank(opts: { limit?: number; keep?: (id: string) => boolean; keepDoc?: (doc: number) => boolean; unsorted?: boolean } = {}): { total: number; docs: number[]; scores: number[]; at: number[] } {
    const limit = opts.limit ?? Infinity;
    const keep = opts.keep;
    const keepDoc = opts.keepDoc;
    const qualities = new Map<number, number>();
    const topDocs: number[] = [];
    const topScores: number[] = [];
    const topAt: number[] = [];
    const all: Array<[number, number, number]> = [];
    let total = 0;
    for (let i = 0; i < this.docs.length; i++) {
      const doc = this.docs[i];
      if (keepDoc ? !keepDoc(doc) : keep && !keep(this.ids.get(doc)!)) continue;
      total++;
      const mask = this.masks[i];
      let q = qualities.get(mask);
      if (q === undefined) qualities.set(mask, (q = this.quality(mask)));
      const score = this.sums[i] * q;
      if (limit === Infinity) {
        all.push([doc, score, i]);
        continue;
      }
      // Insert into the small sorted top list; equal scores keep arrival order (a stable sort's order).
      if (topDocs.length >= limit && score <= topScores[topScores.length - 1]) continue;
      let j = topDocs.length;
      while (j > 0 && topScores[j - 1] < score) j--;
      topDocs.splice(j, 0, doc);
      topScores.splice(j, 0, score);
      topAt.splice(j, 0, i);
      if (topDocs.length > limit) {
        topDocs.pop();
        topScores.pop();
        topAt.pop();
      }
    }
    if (limit !== Infinity) return { total, docs: topDocs, scores: topScores, at: topAt };
    // Unsorted: insertion order, for callers that regroup the hits and sort them their own way.
    if (!opts.unsorted) all.sort((a, b) => b[1] - a[1]);
    return { total, docs: all.map((e) => e[0]), scores: all.map((e) => e[1]), at: all.map((e) => e[2]) };
  }
}

export class QueryEvaluator {
  private readonly m: Internals;
  private readonly pool = new ArrayPool();
  /** Field length per document number, 0 for removed ones; rebuilt when documents were added or removed. */
  private lengths = new Float64Array(0);
  private seen = { nextId: -1, count: -1 };

  constructor(mini: object) {
    this.m = MiniSearchInternals.state<Internals>(mini);
  }

  private refresh(): void {
    const { _nextId: nextId, _documentCount: count } = this.m;
    if (nextId === this.seen.nextId && count === this.seen.count) return;
    // Changes not reported through added/removed: rebuild the table (linear in documents).
    const lengths = new Float64Array(Math.max(nextId, this.lengths.length));
    for (const [doc, fields] of this.m._fieldLength) lengths[doc] = fields[0] ?? 0;
    this.lengths = lengths;
    this.seen = { nextId, count };
  }

  idOf(doc: number): string | undefined {
    return this.m._documentIds.get(doc);
  }

  /** How many documents hold index term `term` (0 when none). */
  termCount(term: string): number {
    return this.m._index.get(term)?.get(0)?.size ?? 0;
  }

  /** Index terms within `maxDistance` edits of `term`, each with its distance and document count. */
  termsNear(term: string, maxDistance: number): Array<{ term: string; distance: number; count: number }> {
    const out: Array<{ term: string; distance: number; count: number }> = [];
    for (const [t, [data, distance]] of this.m._index.fuzzyGet(term, maxDistance)) out.push({ term: t, distance, count: data.get(0)?.size ?? 0 });
    return out;
  }

  /** The index's number for a document id (to pass to `removed` after removing it). */
  docOf(id: string): number | undefined {
    return this.m._idToShortId.get(id);
  }

  /** Call after adding `id` to the index: keeps the length table current without a full rebuild. */
  added(id: string): void {
    const doc = this.m._idToShortId.get(id);
    if (doc === undefined || this.seen.nextId < 0) return;
    if (doc >= this.lengths.length) {
      const grown = new Float64Array(Math.max(doc + 1, Math.ceil(this.lengths.length * 1.5) + 64));
      grown.set(this.lengths);
      this.lengths = grown;
    }
    this.lengths[doc] = this.m._fieldLength.get(doc)?.[0] ?? 0;
    this.seen = { nextId: this.m._nextId, count: this.m._documentCount };
  }

  /** Call after removing (or discarding) the document that had number `doc`. */
  removed(doc: number | undefined): void {
    if (doc === undefined || this.seen.nextId < 0) return;
    if (doc < this.lengths.length) this.lengths[doc] = 0;
    this.seen = { nextId: this.m._nextId, count: this.m._documentCount };
  }

  /** Evaluates a query tree the way MiniSearch#search would. Throws TooComplex past MAX_LEAVES leaves. */
  evaluate(query: Query): Evaluation {
    this.refresh();
    const leaves: Leaf[] = [];
    const results = this.run(query, {}, leaves);
    const evaluation = new Evaluation(this.m._documentIds, results, leaves);
    this.pool.give(results);
    return evaluation;
  }

  private run(query: Query, inherited: Inherited, leaves: Leaf[]): Results {
    if (typeof query !== 'string') {
      const { queries, ...own } = query as Inherited & { queries: Query[] };
      const options: Inherited = { ...inherited, ...own };
      const op = (options.combineWith ?? 'OR').toLowerCase();
      if (op !== 'or' && op !== 'and') throw new TooComplex(`unsupported operator ${options.combineWith}`);
      if (queries.length === 0) return this.pool.take(this.m._nextId);
      // MiniSearch reduces left to right: a = combine(a, b).
      let acc = this.run(queries[0], options, leaves);
      for (let i = 1; i < queries.length; i++) {
        const next = this.run(queries[i], options, leaves);
        acc = op === 'or' ? this.or(acc, next) : this.and(acc, next);
      }
      return acc;
    }
    // The project's search tokenizer and term processing are identities: a string query is one term.
    return this.leaf(query, inherited, leaves);
  }

  private or(a: Results, b: Results): Results {
    for (let i = 0; i < b.count; i++) {
      const doc = b.order[i];
      a.add(doc, b.score[doc], b.leaves[doc]);
    }
    this.pool.give(b);
    return a;
  }

  private and(a: Results, b: Results): Results {
    // MiniSearch iterates `b` and keeps those also in `a`: that order decides ties.
    const out = this.pool.take(this.m._nextId);
    for (let i = 0; i < b.count; i++) {
      const doc = b.order[i];
      if (a.leaves[doc] !== 0) out.add(doc, a.score[doc] + b.score[doc], a.leaves[doc] | b.leaves[doc]);
    }
    this.pool.give(a);
    this.pool.give(b);
    return out;
  }

  private leaf(term: string, options: Inherited, leaves: Leaf[]): Results {
    if (leaves.length >= MAX_LEAVES) throw new TooComplex('query has too many terms');
    const bit = 1 << leaves.length;
    const leaf: Leaf = { source: term, derived: [] };
    leaves.push(leaf);
    const fuzzy = typeof options.fuzzy === 'function' ? options.fuzzy(term, 0, [term]) : options.fuzzy || false;
    const prefix = typeof options.prefix === 'function' ? options.prefix(term, 0, [term]) : options.prefix === true;
    const maxFuzzy = options.maxFuzzy ?? DEFAULT_MAX_FUZZY;
    // MiniSearch multiplies every posting's score of the term by its boost.
    const boost = typeof options.boostTerm === 'function' ? options.boostTerm(term, 0, [term]) : 1;
    const index = this.m._index;
    const results = this.pool.take(this.m._nextId);
    this.termResults(leaf, bit, term, boost, index.get(term), results);
    let fuzzyMatches: Map<string, [FieldData, number]> | undefined;
    if (fuzzy) {
      const f = fuzzy === true ? 0.2 : fuzzy;
      const maxDistance = f < 1 ? Math.min(maxFuzzy, Math.round(term.length * f)) : f;
      if (maxDistance) fuzzyMatches = index.fuzzyGet(term, maxDistance);
    }
    if (prefix) {
      for (const [derived, data] of index.atPrefix(term)) {
        const distance = derived.length - term.length;
        if (!distance) continue;
        fuzzyMatches?.delete(derived);
        this.termResults(leaf, bit, derived, boost * WEIGHTS.prefix * derived.length / (derived.length + 0.3 * distance), data, results);
      }
    }
    if (fuzzyMatches) {
      for (const [derived, [data, distance]] of fuzzyMatches) {
        if (!distance) continue;
        this.termResults(leaf, bit, derived, boost * WEIGHTS.fuzzy * derived.length / (derived.length + distance), data, results);
      }
    }
    return results;
  }

  private termResults(leaf: Leaf, bit: number, derived: string, weight: number, data: FieldData | undefined, results: Results): void {
    const postings = data?.get(0);
    if (!postings) return;
    leaf.derived.push([derived, postings]);
    const lengths = this.lengths;
    const total = this.m._documentCount;
    const avg = this.m._avgFieldLength[0];
    let matching = postings.size;
    const { k, b, d } = BM25;
    if (postings instanceof PackedPostings) {
      // The hot loop of every query: straight over the pairs array. Removed documents not yet cleaned up are
      // dropped after the loop (MiniSearch drops them as it meets them; only the count matters for scores).
      const { data, from, to } = postings.raw();
      let stale: number[] | undefined;
      // The same idf as worked out per posting, recomputed only when a removed document lowers the count.
      let idf = Math.log(1 + (total - matching + 0.5) / (matching + 0.5));
      for (let i = from; i < to; i += 2) {
        const tf = data[i + 1];
        if (tf === 0) continue;
        const doc = data[i];
        const length = lengths[doc];
        if (!length) {
          (stale ??= []).push(doc);
          matching -= 1;
          idf = Math.log(1 + (total - matching + 0.5) / (matching + 0.5));
          continue;
        }
        results.add(doc, weight * (idf * (d + tf * (k + 1) / (tf + k * (1 - b + b * length / avg)))), bit);
      }
      if (stale) for (const doc of stale) MiniSearchInternals.removeTerm(this.m, 0, doc, derived);
      return;
    }
    for (const [doc, tf] of postings) {
      const length = lengths[doc];
      if (!length) {
        // A removed document not yet vacuumed: MiniSearch drops it here, and so must we (same index, same idf).
        MiniSearchInternals.removeTerm(this.m, 0, doc, derived);
        matching -= 1;
        continue;
      }
      const idf = Math.log(1 + (total - matching + 0.5) / (matching + 0.5));
      results.add(doc, weight * (idf * (d + tf * (k + 1) / (tf + k * (1 - b + b * length / avg)))), bit);
    }
  }
}
