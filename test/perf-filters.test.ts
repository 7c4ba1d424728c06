// Filtered answers remember per-passage facts (its article, the quotes it introduces) by document number and
// skip speakers no row of theirs can reach: answers must stay those of a plain filter over the full ranking,
// and those of a fresh engine after live changes.
import { describe, expect, it } from 'vitest';
import { generateArticles } from '../bench/corpus.js';
import { parseArticle } from '../src/corpus/read.js';
import { Engine, type QueryOptions } from '../src/engine.js';
import type { Article } from '../src/types.js';

const articles: Article[] = [...generateArticles({ articles: 150, seed: 5 })].map((a) => parseArticle(a.id, a.text, 'md'));
const FILTERS: QueryOptions[] = [{ since: '2023-03-01' }, { source: 'Reuters' }, { until: '2023-04', source: 'Reuters' }];
const TOPICS = ['ceasefire', 'sanctions', 'peace talks', '"security guarantees"', 'negot', 'ceasfire', 'truce'];

function passes(engine: Engine, article: string, f: QueryOptions): boolean {
  const a = engine.getArticle(article)!;
  const day = a.date?.slice(0, 10) ?? '';
  return (!f.since || day >= f.since) && (!f.until || day <= `${f.until}-31`) && (!f.source || a.source === f.source);
}

function filtered(engine: Engine): unknown[] {
  return TOPICS.flatMap((t) => FILTERS.flatMap((f) => [
    engine.search(t, { ...f, limit: 10 }),
    engine.whoSaid(t, { ...f, limit: 5 }),
    engine.whoSaid(`what did Peskov say about ${t}`, { ...f, limit: 5 }),
  ]));
}

describe('filtered answers', () => {
  const engine = Engine.fromArticles(articles);

  it('search with a filter gives the full ranking\'s rows that pass it, in its order', () => {
    let compared = 0;
    for (const topic of TOPICS) {
      const all = engine.search(topic, { limit: 500 });
      for (const f of FILTERS) {
        const want = all.results.filter((r) => passes(engine, r.article, f));
        const got = engine.search(topic, { ...f, limit: 10 });
        expect(got.results.map((r) => `${r.article}#${r.paragraph}`)).toEqual(want.slice(0, 10).map((r) => `${r.article}#${r.paragraph}`));
        if (all.total <= 500) expect(got.total).toBe(want.length);
        compared += want.length;
      }
    }
    expect(compared).toBeGreaterThan(50);
  });

  it('who-said with a filter and a speaker shows only rows that pass both, as many as the limit allows', () => {
    let rows = 0;
    for (const topic of TOPICS) {
      for (const f of FILTERS) {
        const answer = engine.whoSaid(`what did Peskov say about ${topic}`, { ...f, limit: 20 });
        for (const r of answer.results) {
          expect(passes(engine, r.article, f)).toBe(true);
          expect(r.speaker).toBe('Dmitry Peskov');
        }
        expect(answer.results.length).toBe(Math.min(20, answer.total));
        rows += answer.results.length;
        const any = engine.whoSaid(topic, { ...f, limit: 3 });
        expect(any.results.length).toBe(Math.min(3, any.total));
        expect(any.speakers.length).toBeLessThanOrEqual(3);
        for (const r of any.results) expect(passes(engine, r.article, f)).toBe(true);
      }
    }
    expect(rows).toBeGreaterThan(5);
  });

  it('answers as a freshly built engine after articles are added and removed', () => {
    const live = Engine.fromArticles(articles.slice(0, 120));
    filtered(live);
    for (const a of articles.slice(120)) live.addArticle(a);
    live.removeArticle(articles[3].id);
    const reference = Engine.fromArticles(articles.slice(0, 120));
    for (const a of articles.slice(120)) reference.addArticle(a);
    reference.removeArticle(articles[3].id);
    expect(filtered(live)).toEqual(filtered(reference));
  });
});
