// The fast index build, the packed snapshot form and the query evaluator must give exactly what MiniSearch
// itself gives: same documents, same scores, same order, same matched terms.
import MiniSearch, { type Options, type Query } from 'minisearch';
import { describe, expect, it } from 'vitest';
import { generateArticles } from '../bench/corpus.js';
import { parseArticle, readCorpus } from '../src/corpus/read.js';
import { MINISEARCH_OPTIONS, type IndexedText } from '../src/search/index.js';
import { QueryEvaluator } from '../src/search/evaluate.js';
import { buildMiniSearch, packMiniSearch, unpackMiniSearch, PostingsError, type TextDoc } from '../src/snapshot/postings.js';
import { SEEDS } from './shared-data.js';

const options = MINISEARCH_OPTIONS as Options<TextDoc>;

async function passages(): Promise<TextDoc[]> {
  const seeds = (await readCorpus(SEEDS)).articles;
  const synthetic = [...generateArticles({ articles: 150, seed: 3 })].map((a) => parseArticle(a.id, a.text, 'md'));
  return [...seeds, ...synthetic].flatMap((a) => a.paragraphs.map((text, i) => ({ id: `${a.id}#${i + 1}`, text })));
}

/** Query trees shaped like TextIndex's plans: exact/prefix/fuzzy leaves, compound splits, AND pairs, OR. */
const QUERIES: Query[] = [
  'ceasefir',
  { combineWith: 'OR', queries: ['talk'], prefix: true },
  { combineWith: 'OR', queries: ['ceasfir'], fuzzy: 2, maxFuzzy: 2 },
  { combineWith: 'AND', queries: [{ combineWith: 'OR', queries: ['peac'], fuzzy: 1, maxFuzzy: 2 }, { combineWith: 'OR', queries: ['talk'], prefix: true, fuzzy: false }] },
  { combineWith: 'OR', queries: ['sanction', 'kremlin', 'putin'] },
  { combineWith: 'AND', queries: [{ combineWith: 'OR', queries: [{ combineWith: 'AND', queries: ['ceas', 'fire'] }, 'ceasefir'] }] },
  { combineWith: 'AND', queries: ['yermak', { combineWith: 'OR', queries: ['negot'], prefix: true }] },
  { combineWith: 'OR', queries: ['zaporizhzhia', 'nuclear', 'plant'], fuzzy: 0.2 },
  { combineWith: 'AND', queries: ['nothingmatchesthis', 'talk'] },
  { combineWith: 'OR', queries: [] },
];

type Row = { id: string; score: number; terms: string[] };

function viaMiniSearch(mini: MiniSearch<TextDoc>, query: Query): Row[] {
  return mini.search(query).map((r) => ({ id: String(r.id), score: r.score, terms: [...r.terms].sort() }));
}

function viaEvaluator(mini: MiniSearch<TextDoc>, query: Query): Row[] {
  const evaluation = new QueryEvaluator(mini).evaluate(query);
  const ranked = evaluation.rank();
  return ranked.docs.map((doc, i) => ({ id: evaluation.id(doc), score: ranked.scores[i], terms: evaluation.terms(doc).sort() }));
}

function expectSame(actual: Row[], expected: Row[]): void {
  expect(actual.map((r) => r.id)).toEqual(expected.map((r) => r.id));
  actual.forEach((r, i) => {
    expect(r.score).toBeCloseTo(expected[i].score, 9);
    expect(r.terms).toEqual(expected[i].terms);
  });
}

describe('buildMiniSearch', () => {
  it('indexes exactly what MiniSearch#addAll indexes', async () => {
    const docs = await passages();
    const slow = new MiniSearch<TextDoc>(options);
    slow.addAll(docs);
    const fast = buildMiniSearch(docs, options);
    expect(fast.documentCount).toBe(slow.documentCount);
    expect(fast.termCount).toBe(slow.termCount);
    for (const query of QUERIES) expectSame(viaMiniSearch(fast, query), viaMiniSearch(slow, query));
    // Still an ordinary MiniSearch: live add and discard work on it.
    fast.add({ id: 'new#1', text: 'A brand-new ceasefire proposal from Ankara.' });
    fast.discard(docs[0].id);
    expect(fast.search('ankara').map((r) => r.id)).toEqual(['new#1']);
  });

  it('reports progress and refuses duplicate ids', async () => {
    const docs = (await passages()).slice(0, 50);
    const seen: number[] = [];
    buildMiniSearch(docs, options, { onProgress: (done) => seen.push(done), progressEvery: 20 });
    expect(seen).toEqual([20, 40, 50]);
    expect(() => buildMiniSearch([docs[0], docs[0]], options)).toThrow(PostingsError);
  });
});

describe('packMiniSearch / unpackMiniSearch', () => {
  it('round-trips an index with removed documents into one that answers the same', async () => {
    const docs = await passages();
    const a = buildMiniSearch(docs, options);
    const b = buildMiniSearch(docs, options);
    for (let i = 0; i < docs.length; i += 7) {
      a.discard(docs[i].id);
      b.discard(docs[i].id);
    }
    const packed = JSON.parse(JSON.stringify(packMiniSearch(a)));
    const loaded = unpackMiniSearch(packed, options);
    expect(loaded.documentCount).toBe(a.documentCount);
    for (const query of QUERIES.slice(0, 6)) {
      const expected = viaMiniSearch(b, query);
      const actual = viaMiniSearch(loaded, query);
      expect(actual.map((r) => r.id).sort()).toEqual(expected.map((r) => r.id).sort());
    }
    loaded.add({ id: docs[0].id, text: docs[0].text });
    expect(loaded.has(docs[0].id)).toBe(true);
  });

  it('refuses malformed packed data instead of building a wrong index', () => {
    const good = packMiniSearch(buildMiniSearch([{ id: 'a#1', text: 'peace talks' }, { id: 'a#2', text: 'ceasefire' }], options));
    expect(() => unpackMiniSearch({ ...good, ids: ['a#1'] }, options)).toThrow(PostingsError);
    expect(() => unpackMiniSearch({ ...good, chunks: [[['peac', [5, 1]]]] }, options)).toThrow(PostingsError);
    expect(() => unpackMiniSearch({ ...good, chunks: [[['peac', [0]]]] }, options)).toThrow(PostingsError);
    expect(() => unpackMiniSearch({ ...good, ids: ['a#1', 'a#1'] }, options)).toThrow(PostingsError);
  });
});

describe('QueryEvaluator', () => {
  it('ranks like MiniSearch#search: same ids, order, scores and matched terms', async () => {
    const docs = await passages();
    for (const query of QUERIES) {
      // Two identical indexes: MiniSearch cleans up removed documents while searching, so each side gets its own.
      const a = buildMiniSearch(docs, options);
      const b = buildMiniSearch(docs, options);
      for (let i = 0; i < docs.length; i += 11) {
        a.discard(docs[i].id);
        b.discard(docs[i].id);
      }
      expectSame(viaEvaluator(b, query), viaMiniSearch(a, query));
    }
  });

  it('one evaluator asked query after query answers each as a fresh one would (its reused arrays start clean)', async () => {
    const docs = await passages();
    const mini = buildMiniSearch(docs, options);
    const reused = new QueryEvaluator(mini);
    for (let round = 0; round < 2; round++) {
      for (const query of QUERIES) {
        const evaluation = reused.evaluate(query);
        const ranked = evaluation.rank();
        const rows = ranked.docs.map((doc, i) => ({ id: evaluation.id(doc), score: ranked.scores[i], terms: evaluation.terms(doc).sort() }));
        expectSame(rows, viaMiniSearch(buildMiniSearch(docs, options), query));
      }
    }
  });

  it('returns the best few in the same order as the full ranking, counting what passes the filter', async () => {
    const mini = buildMiniSearch(await passages(), options);
    const evaluation = new QueryEvaluator(mini).evaluate({ combineWith: 'OR', queries: ['talk', 'peac'] });
    const full = evaluation.rank();
    const top = evaluation.rank({ limit: 5 });
    expect(top.total).toBe(full.total);
    expect(top.docs).toEqual(full.docs.slice(0, 5));
    const seedsOnly = evaluation.rank({ limit: 3, keep: (id) => id.startsWith('00') });
    expect(seedsOnly.docs.every((d) => evaluation.id(d).startsWith('00'))).toBe(true);
    expect(seedsOnly.total).toBe(full.docs.filter((d) => evaluation.id(d).startsWith('00')).length);
  });

  it('sees documents added and removed after it was created', () => {
    const mini = new MiniSearch<IndexedText>(MINISEARCH_OPTIONS);
    mini.add({ id: 'x#1', text: 'Talks in Istanbul' });
    const evaluator = new QueryEvaluator(mini);
    expect(evaluator.evaluate('istanbul').size).toBe(1);
    mini.add({ id: 'x#2', text: 'More talks in Istanbul' });
    mini.discard('x#1');
    const evaluation = evaluator.evaluate('istanbul');
    expect(evaluation.rank().docs.map((d) => evaluation.id(d))).toEqual(['x#2']);
  });
});
