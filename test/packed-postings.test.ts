// Packed postings stand in for MiniSearch's per-term Maps: they must behave as those Maps do under everything
// MiniSearch does to them (live adds, removes, discards and the clean-up while searching, vacuum).
import MiniSearch, { type Options } from 'minisearch';
import { describe, expect, it } from 'vitest';
import { generateArticles } from '../bench/corpus.js';
import { parseArticle } from '../src/corpus/read.js';
import { MINISEARCH_OPTIONS } from '../src/search/index.js';
import { DenseMap } from '../src/search/dense-map.js';
import { VarintReader, VarintWriter } from '../src/search/varint.js';
import { OneFieldData, PackedPostings, packTerms } from '../src/search/packed-postings.js';
import { buildMiniSearch, encodeChunk, MiniSearchLoader, packMiniSearch, PostingsError, unpackMiniSearch, type TextDoc } from '../src/snapshot/postings.js';

const options = MINISEARCH_OPTIONS as Options<TextDoc>;

/** A small deterministic random generator (tests must repeat exactly). */
function random(seed: number): () => number {
  let s = seed;
  return () => {
    s = (s * 1103515245 + 12345) % 2 ** 31;
    return s / 2 ** 31;
  };
}

describe('PackedPostings', () => {
  it('answers as a Map would through random sets, updates and deletes, in a shared arena', () => {
    const rnd = random(7);
    // Three terms side by side in one arena: changing one must never touch its neighbours.
    const [a, b, c] = packTerms(3, (i) => [0, 1 + i, 5, 2, 9, 3].map((v, j) => (j % 2 ? v : v + i)));
    const maps = [a, b, c].map((p) => new Map(p.entries()));
    expect(maps[1]).toEqual(new Map([[1, 2], [6, 2], [10, 3]]));
    let next = 20;
    for (let step = 0; step < 3000; step++) {
      const which = Math.floor(rnd() * 3);
      const p = [a, b, c][which];
      const m = maps[which];
      const r = rnd();
      const keys = [...m.keys()];
      if (r < 0.4) {
        // A new document (always numbered above the others, as MiniSearch does).
        next += 1 + Math.floor(rnd() * 3);
        p.set(next, 1 + Math.floor(rnd() * 4));
        m.set(next, p.get(next)!);
      } else if (r < 0.6 && keys.length) {
        const doc = keys[Math.floor(rnd() * keys.length)];
        p.set(doc, m.get(doc)! + 1);
        m.set(doc, m.get(doc)! + 1);
      } else if (keys.length) {
        const doc = keys[Math.floor(rnd() * keys.length)];
        expect(p.delete(doc)).toBe(true);
        m.delete(doc);
        expect(p.delete(doc)).toBe(false);
      }
      for (const [i, q] of [a, b, c].entries()) {
        expect(q.size).toBe(maps[i].size);
      }
      expect([...p.entries()]).toEqual([...m.entries()]);
      expect(p.get(next + 1)).toBeUndefined();
    }
    for (const [i, q] of [a, b, c].entries()) {
      expect([...q]).toEqual([...maps[i]]);
      const seen: Array<[number, number]> = [];
      q.forEach((freq, doc) => seen.push([doc, freq]));
      expect(seen).toEqual([...maps[i]]);
    }
  });

  it('skips a document deleted while iterating, as a Map does (MiniSearch deletes as it searches)', () => {
    const p = PackedPostings.fromPairs([1, 1, 2, 1, 3, 1, 4, 1]);
    const seen: number[] = [];
    for (const doc of p.keys()) {
      seen.push(doc);
      if (doc === 1) p.delete(1);
      if (doc === 2) p.delete(3);
    }
    expect(seen).toEqual([1, 2, 4]);
    expect([...p.keys()]).toEqual([2, 4]);
    expect(() => p.set(5, 0)).toThrow(RangeError);
  });

  it('OneFieldData holds field 0 only, like the Map MiniSearch makes for a one-field index', () => {
    const f = new OneFieldData(PackedPostings.fromPairs([1, 2]));
    expect(f.size).toBe(1);
    expect(f.get(0)?.get(1)).toBe(2);
    expect(f.get(1)).toBeUndefined();
    expect(() => f.set(1, new Map())).toThrow(RangeError);
    expect(f.delete(0)).toBe(true);
    expect(f.size).toBe(0);
    expect([...f]).toEqual([]);
  });
});

describe('a MiniSearch over packed postings', () => {
  it('answers exactly as a plain MiniSearch through live adds, removes, discards and a vacuum', async () => {
    const docs = [...generateArticles({ articles: 60, seed: 11 })]
      .map((a) => parseArticle(a.id, a.text, 'md'))
      .flatMap((a) => a.paragraphs.map((text, i) => ({ id: `${a.id}#${i + 1}`, text })));
    const first = docs.slice(0, 600);
    const later = docs.slice(600);
    const plain = new MiniSearch<TextDoc>(options);
    plain.addAll(first);
    // Packed twice over: built, then through the snapshot form.
    const packed = unpackMiniSearch(JSON.parse(JSON.stringify(packMiniSearch(buildMiniSearch(first, options)))), options);
    const same = (query: string | object): void => {
      const q = query as Parameters<MiniSearch['search']>[0];
      const want = plain.search(q).map((r) => [r.id, r.score.toFixed(9)]);
      expect(want.length).toBeGreaterThan(0);
      expect(packed.search(q).map((r) => [r.id, r.score.toFixed(9)])).toEqual(want);
    };
    same('talk');
    for (const doc of later) {
      plain.add(doc);
      packed.add(doc);
    }
    for (let i = 0; i < docs.length; i += 5) {
      plain.remove(docs[i]);
      packed.remove(docs[i]);
    }
    for (let i = 2; i < docs.length; i += 9) {
      if (!plain.has(docs[i].id)) continue;
      plain.discard(docs[i].id);
      packed.discard(docs[i].id);
    }
    same('talk');
    same({ combineWith: 'OR', queries: ['peac', 'sanction'], prefix: true });
    same({ combineWith: 'OR', queries: ['negotiat'], fuzzy: 2 });
    await Promise.all([plain.vacuum(), packed.vacuum()]);
    same('ceasefir');
    expect(packed.termCount).toBe(plain.termCount);
    expect(packed.documentCount).toBe(plain.documentCount);
  });
});

describe('the snapshot form of postings (varints in base64)', () => {
  const docs = [
    { id: 'a#1', text: 'Peace talks resume in Istanbul.' },
    { id: 'a#2', text: 'The ceasefire talks stalled; talks, talks, talks.' },
    { id: 'a#3', text: 'Istanbul again.' },
  ];

  function loaded(chunk: unknown): MiniSearch<TextDoc> {
    const { chunks: _chunks, ...head } = packMiniSearch(buildMiniSearch(docs, options));
    const loader = new MiniSearchLoader(head, options);
    loader.addEncoded(chunk);
    return loader.mini;
  }

  it('round-trips every term, including large document numbers and frequencies', () => {
    const built = buildMiniSearch(docs, options);
    const mini = loaded(encodeChunk(packMiniSearch(built).chunks.flat()));
    for (const q of ['talk', 'istanbul', 'ceasefir', 'peac']) {
      const want = built.search(q).map((r) => [r.id, r.score]);
      expect(want.length).toBeGreaterThan(0);
      expect(mini.search(q).map((r) => [r.id, r.score])).toEqual(want);
    }
    // Values past one varint byte survive (document deltas and frequencies in the hundreds of thousands).
    const big = encodeChunk([['x', [0, 1, 2, 300_000]]]);
    const { chunks: _c, ...head } = packMiniSearch(buildMiniSearch(docs, options));
    const loader = new MiniSearchLoader({ ...head, ids: [...head.ids, 'b#1'], lengths: [...head.lengths, 1] }, options);
    loader.addEncoded(big);
    expect(loader.mini.search('x').map((r) => r.id)).toEqual(['a#3', 'a#1']); // a#3 holds it 300,000 times
  });

  it('refuses a chunk that would build a wrong index', () => {
    const good = encodeChunk([['peac', [0, 1]]]);
    expect(() => loaded({ ...good, data: Buffer.from([0x80]).toString('base64') })).toThrow(PostingsError); // cut varint
    expect(() => loaded(encodeChunk([['peac', [5, 1]]]))).toThrow(PostingsError); // no document 5
    expect(() => loaded(encodeChunk([['peac', [0, 1, 0, 1]]]))).toThrow(PostingsError); // same document twice
    expect(() => loaded(encodeChunk([['peac', [0, 0]]]))).toThrow(PostingsError); // frequency 0
    expect(() => loaded({ ...good, counts: [2] })).toThrow(PostingsError); // fewer postings than counted
    expect(() => loaded({ ...good, data: Buffer.concat([Buffer.from(good.data, 'base64'), Buffer.from([1, 1])]).toString('base64') })).toThrow(PostingsError); // more than counted
    expect(() => loaded({ terms: ['peac'], counts: [1] })).toThrow(PostingsError);
    expect(() => loaded(null)).toThrow(PostingsError);
    expect(loaded(good).search('peac').map((r) => r.id)).toEqual(['a#1']);
  });
});

describe('DenseMap', () => {
  it('answers as a Map would for document numbers, in the same order', () => {
    const rnd = random(3);
    const dense = new DenseMap<string>();
    const map = new Map<number, string>();
    let next = 0;
    for (let step = 0; step < 2000; step++) {
      if (rnd() < 0.6) {
        next += 1 + Math.floor(rnd() * 3);
        dense.set(next, `d${next}`);
        map.set(next, `d${next}`);
      } else if (map.size) {
        const keys = [...map.keys()];
        const k = keys[Math.floor(rnd() * keys.length)];
        expect(dense.delete(k)).toBe(true);
        map.delete(k);
        expect(dense.delete(k)).toBe(false);
      }
      expect(dense.size).toBe(map.size);
    }
    expect([...dense]).toEqual([...map]);
    expect([...dense.keys()]).toEqual([...map.keys()]);
    expect(Object.fromEntries(dense)).toEqual(Object.fromEntries(map));
    expect(dense.get(next + 1)).toBeUndefined();
    expect(() => dense.set(-1, 'x')).toThrow(RangeError);
    expect(() => dense.set(1.5, 'x')).toThrow(RangeError);
  });
});

describe('varints', () => {
  it('round-trip values of one to four bytes and refuse what they cannot hold or read', () => {
    const values = [0, 1, 127, 128, 300, 16_383, 16_384, 2_097_151, 2_097_152, 2 ** 28 - 1];
    const out = new VarintWriter(values.length);
    for (const v of values) out.write(v);
    const data = out.base64();
    const back = new VarintReader(data);
    expect(values.map(() => back.next())).toEqual(values);
    expect(back.done).toBe(true);
    expect(() => back.next()).toThrow(RangeError);
    for (const bad of [-1, 2 ** 28, 1.5, Number.NaN]) expect(() => new VarintWriter(1).write(bad)).toThrow(RangeError);
    // A value whose continuation bytes never end (a fifth byte would be needed): refused, not misread.
    expect(() => new VarintReader(Buffer.from([0xff, 0xff, 0xff, 0xff, 0x01]).toString('base64')).next()).toThrow(RangeError);
  });
});
