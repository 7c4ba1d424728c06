// Fast build and compact (de)serialisation of a one-field MiniSearch index.
//
// Why: MiniSearch#add walks its radix tree once per word occurrence, and toJSON/loadJS go through objects with
// numeric keys; at 140k paragraphs both cost seconds. Here terms are counted in plain hash maps and each term
// is put in the tree once; postings are stored as flat number arrays. The result is an ordinary MiniSearch
// (same options, same scoring, same add/discard/vacuum), checked against MiniSearch's own build in tests.
import MiniSearch, { type Options } from 'minisearch';
import { DenseMap, sharedLength } from '../search/dense-map.js';
import { MiniSearchInternals } from '../search/minisearch-internals.js';
import { OneFieldData, PackedPostings, packTerms, type TermPostings } from '../search/packed-postings.js';
import { VarintReader, VarintWriter } from '../search/varint.js';

/** A term's postings by field, as MiniSearch reads them (a Map, or OneFieldData for terms filled here). */
interface FieldData {
  get(field: number): TermPostings | undefined;
  [Symbol.iterator](): Iterator<[number, TermPostings]>;
}

/** The private state of a MiniSearch 7 instance that this module fills in (see MiniSearch.loadJS). */
interface MiniSearchState {
  _index: { set(term: string, value: FieldData): unknown; [Symbol.iterator](): Iterator<[string, FieldData]> };
  _documentCount: number;
  _documentIds: Map<number, string> | DenseMap<string>;
  _idToShortId: Map<string, number>;
  _fieldIds: Record<string, number>;
  _fieldLength: Map<number, number[]> | DenseMap<number[]>;
  _avgFieldLength: number[];
  _nextId: number;
  _storedFields: Map<number, unknown>;
  _dirtCount: number;
}

export class PostingsError extends Error {}

const FIELD = 'text';

/** The state of a MiniSearch, its per-document Maps made dense (see DenseMap); only for an empty index. */
function compactState<T>(mini: MiniSearch<T>): MiniSearchState {
  const s = state(mini);
  if (s._documentIds.size !== 0) throw new PostingsError('the index is not empty');
  s._documentIds = new DenseMap<string>();
  s._fieldLength = new DenseMap<number[]>();
  return s;
}

function state<T>(mini: MiniSearch<T>): MiniSearchState {
  const s = MiniSearchInternals.state<MiniSearchState>(mini);
  // Refuse a MiniSearch whose internals are not the ones this module was written against.
  if (!(s._documentIds instanceof Map || s._documentIds instanceof DenseMap) || !(s._fieldLength instanceof Map || s._fieldLength instanceof DenseMap) || typeof s._index?.set !== 'function'
    || s._fieldIds?.[FIELD] !== 0 || Object.keys(s._fieldIds).length !== 1 || !Array.isArray(s._avgFieldLength)) {
    throw new PostingsError('unsupported MiniSearch version or options (expected MiniSearch 7 with the one field "text")');
  }
  return s;
}

export interface TextDoc {
  id: string;
  text: string;
}

export interface BuildOptions {
  /** Called every `progressEvery` documents with the count done so far. */
  onProgress?: (done: number, total: number) => void;
  progressEvery?: number;
}

/**
 * A MiniSearch holding `docs`, identical in content to `new MiniSearch(options).addAll(docs)` but built
 * several times faster: term processing is memoised per distinct word and the tree is touched once per term.
 */
export function buildMiniSearch(docs: readonly TextDoc[], options: Options<TextDoc>, build: BuildOptions = {}): MiniSearch<TextDoc> {
  const tokenize = options.tokenize ?? MiniSearch.getDefault('tokenize') as (text: string, field?: string) => string[];
  const processTerm = options.processTerm ?? MiniSearch.getDefault('processTerm') as (term: string, field?: string) => string | string[] | null | undefined | false;
  const mini = new MiniSearch<TextDoc>(options);
  const s = compactState(mini);
  const memo = new Map<string, string[]>();
  // Per term, [doc, freq] pairs in document order (documents are numbered in the order they come).
  const postings = new Map<string, number[]>();
  const counts = new Map<string, number>();
  const every = build.progressEvery ?? 10_000;
  let avg = 0;
  let count = 0;
  for (const doc of docs) {
    if (s._idToShortId.has(doc.id)) throw new PostingsError(`duplicate id ${doc.id}`);
    const shortId = s._nextId++;
    s._idToShortId.set(doc.id, shortId);
    s._documentIds.set(shortId, doc.id);
    const tokens = tokenize(doc.text, FIELD);
    // MiniSearch's field length: distinct raw tokens.
    const length = new Set(tokens).size;
    s._fieldLength.set(shortId, sharedLength(length));
    // MiniSearch's running mean, computed the same way so scores match to the last bit.
    avg = (avg * count + length) / (count + 1);
    count++;
    for (const token of tokens) {
      let terms = memo.get(token);
      if (terms === undefined) {
        const processed = processTerm(token, FIELD);
        terms = Array.isArray(processed) ? processed : processed ? [processed] : [];
        memo.set(token, terms);
      }
      for (const term of terms) counts.set(term, (counts.get(term) ?? 0) + 1);
    }
    for (const [term, freq] of counts) {
      const pairs = postings.get(term);
      if (pairs) pairs.push(shortId, freq);
      else postings.set(term, [shortId, freq]);
    }
    counts.clear();
    if (build.onProgress && count % every === 0) build.onProgress(count, docs.length);
  }
  s._documentCount = count;
  s._avgFieldLength = count ? [avg] : [];
  const terms = [...postings.keys()];
  const lists = [...postings.values()];
  postings.clear();
  const packed = packTerms(terms.length, (i) => lists[i]);
  for (let i = 0; i < terms.length; i++) s._index.set(terms[i], new OneFieldData(packed[i]));
  build.onProgress?.(count, docs.length);
  return mini;
}

/**
 * A MiniSearch index as plain JSON-friendly data. Documents are renumbered densely (removed ones dropped, so a
 * loaded index has no dirt to vacuum); postings are [docDelta, freq, docDelta, freq, ...] in document order.
 */
export interface PackedIndex {
  ids: string[];
  lengths: number[];
  avgLength: number;
  /** [term, postings] pairs in chunks: each chunk is serialised on its own line (no giant strings). */
  chunks: Array<Array<[string, number[]]>>;
}

export const TERMS_PER_CHUNK = 4096;

export function packMiniSearch<T>(mini: MiniSearch<T>): PackedIndex {
  const s = state(mini);
  const dense = new Map<number, number>();
  const ids: string[] = [];
  const lengths: number[] = [];
  for (const [shortId, id] of s._documentIds) {
    dense.set(shortId, ids.length);
    ids.push(id);
    lengths.push(s._fieldLength.get(shortId)?.[0] ?? 0);
  }
  const chunks: PackedIndex['chunks'] = [];
  let chunk: Array<[string, number[]]> = [];
  for (const [term, fields] of s._index) {
    const docsOf = fields.get(0);
    if (!docsOf) continue;
    const pairs: number[] = [];
    docsOf.forEach((freq, shortId) => {
      const d = dense.get(shortId);
      if (d !== undefined) pairs.push(d, freq);
    });
    if (pairs.length === 0) continue;
    // Sort by document (usually already sorted: documents are added in order), then delta-encode.
    let sorted = true;
    for (let i = 2; i < pairs.length; i += 2) if (pairs[i] < pairs[i - 2]) { sorted = false; break; }
    if (!sorted) {
      const order = [];
      for (let i = 0; i < pairs.length; i += 2) order.push([pairs[i], pairs[i + 1]] as const);
      order.sort((a, b) => a[0] - b[0]);
      order.forEach(([d, f], i) => { pairs[2 * i] = d; pairs[2 * i + 1] = f; });
    }
    for (let i = pairs.length - 2; i >= 2; i -= 2) pairs[i] -= pairs[i - 2];
    chunk.push([term, pairs]);
    if (chunk.length >= TERMS_PER_CHUNK) {
      chunks.push(chunk);
      chunk = [];
    }
  }
  if (chunk.length) chunks.push(chunk);
  return { ids, lengths, avgLength: s._avgFieldLength[0] ?? 0, chunks };
}

/** Rebuilds a MiniSearch from packed data, with the given options (which must be the ones it was built with). */
export function unpackMiniSearch(packed: PackedIndex, options: Options<TextDoc>): MiniSearch<TextDoc> {
  const { ids, lengths, chunks } = packed;
  if (!Array.isArray(ids) || !Array.isArray(lengths) || ids.length !== lengths.length || !Array.isArray(chunks)) {
    throw new PostingsError('packed index is malformed');
  }
  const mini = new MiniSearch<TextDoc>(options);
  const s = compactState(mini);
  for (let i = 0; i < ids.length; i++) {
    const id = ids[i];
    if (typeof id !== 'string' || s._idToShortId.has(id)) throw new PostingsError('packed index has a bad document id');
    s._documentIds.set(i, id);
    s._idToShortId.set(id, i);
    if (!Number.isInteger(lengths[i]) || lengths[i] < 0) throw new PostingsError('packed index has a bad document length');
    s._fieldLength.set(i, sharedLength(lengths[i]));
  }
  s._documentCount = ids.length;
  s._nextId = ids.length;
  s._avgFieldLength = ids.length ? [packed.avgLength] : [];
  s._dirtCount = 0;
  for (const chunk of chunks) addChunk(s, chunk, ids.length);
  return mini;
}

/** Adds one chunk of packed terms, their postings in one arena; checks every posting first. */
function addChunk(s: MiniSearchState, chunk: Array<[string, number[]]>, docCount: number): void {
  if (!Array.isArray(chunk)) throw new PostingsError('packed index chunk is malformed');
  for (const entry of chunk) {
    const term = entry?.[0];
    const pairs = entry?.[1];
    if (typeof term !== 'string' || !Array.isArray(pairs) || pairs.length % 2 !== 0) throw new PostingsError('packed term is malformed');
    let doc = 0;
    for (let i = 0; i < pairs.length; i += 2) {
      const delta = pairs[i];
      doc += delta;
      const freq = pairs[i + 1];
      // Documents strictly increase (the first may be 0); frequencies are positive integers.
      if (!(i === 0 ? delta >= 0 : delta > 0) || !(doc < docCount) || !Number.isInteger(delta) || !(freq > 0 && freq < 2 ** 31) || !Number.isInteger(freq)) {
        throw new PostingsError('packed posting is out of range');
      }
    }
  }
  const packed = packTerms(chunk.length, (i) => chunk[i][1], true);
  for (let i = 0; i < chunk.length; i++) s._index.set(chunk[i][0], new OneFieldData(packed[i]));
}

/** Fills a fresh MiniSearch chunk by chunk (lets a loader parse and add without holding every chunk). */
export class MiniSearchLoader {
  readonly mini: MiniSearch<TextDoc>;
  private readonly s: MiniSearchState;

  constructor(header: Omit<PackedIndex, 'chunks'>, options: Options<TextDoc>) {
    this.mini = unpackMiniSearch({ ...header, chunks: [] }, options);
    this.s = state(this.mini);
  }

  add(chunk: Array<[string, number[]]>): void {
    addChunk(this.s, chunk, this.s._documentCount);
  }

  /** Adds a chunk in the snapshot's binary form (see encodeChunk). */
  addEncoded(chunk: unknown): void {
    addEncodedChunk(this.s, chunk, this.s._documentCount);
  }
}

/**
 * A chunk as stored in a snapshot line: the terms, how many postings each has, and all postings as unsigned
 * LEB128 varints (document delta, frequency, ...) in base64. Parsing millions of JSON numbers into arrays
 * only to copy them into an arena was most of a snapshot's load time and garbage; this is ~3 bytes a posting
 * and decodes straight into the arena.
 */
export interface EncodedChunk {
  terms: string[];
  counts: number[];
  data: string;
}

export function encodeChunk(chunk: Array<[string, number[]]>): EncodedChunk {
  const terms: string[] = [];
  const counts: number[] = [];
  let size = 0;
  for (const [, pairs] of chunk) size += pairs.length;
  const out = new VarintWriter(size);
  for (const [term, pairs] of chunk) {
    terms.push(term);
    counts.push(pairs.length / 2);
    for (const value of pairs) out.write(value);
  }
  return { terms, counts, data: out.base64() };
}

function addEncodedChunk(s: MiniSearchState, chunk: unknown, docCount: number): void {
  const c = chunk as Partial<EncodedChunk> | null;
  if (!c || !Array.isArray(c.terms) || !Array.isArray(c.counts) || c.terms.length !== c.counts.length || typeof c.data !== 'string') {
    throw new PostingsError('packed index chunk is malformed');
  }
  const { terms, counts } = c;
  let pairs = 0;
  for (let i = 0; i < counts.length; i++) {
    if (typeof terms[i] !== 'string' || !Number.isInteger(counts[i]) || counts[i] <= 0) throw new PostingsError('packed term is malformed');
    pairs += counts[i];
  }
  const data = new VarintReader(c.data);
  const arena = new Int32Array(2 * pairs);
  const packed: PackedPostings[] = new Array(terms.length);
  let at = 0;
  try {
    for (let i = 0; i < terms.length; i++) {
      const start = at;
      let doc = 0;
      for (let j = 0; j < counts[i]; j++) {
        const gap = data.next();
        const freq = data.next();
        // Documents strictly increase (the first may be 0); frequencies are positive.
        if ((j > 0 && gap === 0) || freq === 0) throw new RangeError('posting is out of range');
        doc += gap;
        if (doc >= docCount) throw new RangeError('posting is out of range');
        arena[at++] = doc;
        arena[at++] = freq;
      }
      packed[i] = new PackedPostings(arena, start, counts[i]);
    }
  } catch (err) {
    throw new PostingsError(`packed posting is out of range (${(err as Error).message})`);
  }
  if (!data.done) throw new PostingsError('packed index chunk has extra data');
  for (let i = 0; i < terms.length; i++) s._index.set(terms[i], new OneFieldData(packed[i]));
}
