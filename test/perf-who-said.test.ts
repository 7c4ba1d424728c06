// who-said keeps per-quote facts (quote, kind, speaker group) between queries and orders only the rows it
// shows: answers must stay exactly those of a fresh engine, also after live changes that merge speakers.
import { describe, expect, it } from 'vitest';
import { generateArticles } from '../bench/corpus.js';
import { parseArticle, readCorpus } from '../src/corpus/read.js';
import { Engine, topK } from '../src/engine.js';
import type { Article } from '../src/types.js';
import { SEEDS } from './shared-data.js';

const TOPICS = ['ceasefire', 'sanctions', 'peace talks', '"security guarantees"', 'negot', 'ceasfire', 'Zelensky', 'grain'];

function answers(engine: Engine): unknown[] {
  return TOPICS.flatMap((t) => [1, 3, 50, 500].map((limit) => engine.whoSaid(t, { limit })));
}

describe('who-said ordering helper', () => {
  it('topK gives the first k of a full sort, ties and all', () => {
    let seed = 1;
    const rand = (): number => ((seed = (seed * 48271) % 2147483647) / 2147483647);
    const key = Array.from({ length: 400 }, () => Math.floor(rand() * 20));
    const before = (a: number, b: number): number => key[a] - key[b] || b - a;
    for (const n of [0, 1, 5, 400]) {
      for (const k of [1, 2, 7, 50, 500]) {
        const items = Array.from({ length: n }, (_, i) => i);
        const sorted = [...items].sort(before).slice(0, k);
        expect(topK([...items].reverse(), k, before)).toEqual(sorted);
      }
    }
  });
});

describe('who-said after live changes', () => {
  it('answers as a freshly built engine after articles are added and removed', async () => {
    const seeds = (await readCorpus(SEEDS)).articles;
    const generated: Article[] = [...generateArticles({ articles: 60, seed: 11 })].map((a) => parseArticle(a.id, a.text, 'md'));
    // A bare surname joins the full name only once an article with the full name is indexed.
    const bare = parseArticle('zz-bare', 'Talks resume\n\n"We want a ceasefire now," Havrylenko said on Monday.\n', 'txt');
    const full = parseArticle('zz-full', 'Talks\n\n"A ceasefire must be real," Ukrainian envoy Taras Havrylenko said.\n', 'txt');
    const base = [...seeds, ...generated, bare];

    const live = Engine.fromArticles(base);
    const before = answers(live);
    expect(before).toEqual(answers(Engine.fromArticles(base)));
    const alone = live.whoSaid('ceasefire', { limit: 500 }).speakers.filter((g) => /Havrylenko/.test(g.speaker ?? ''));

    live.addArticle(full);
    const after = answers(live);
    expect(after).toEqual(answers(Engine.fromArticles([...base, full])));
    const merged = live.whoSaid('ceasefire', { limit: 500 }).speakers.filter((g) => /Havrylenko/.test(g.speaker ?? ''));
    expect(alone.map((g) => g.speaker)).toEqual(['Havrylenko']);
    expect(merged.map((g) => g.speaker)).toEqual(['Taras Havrylenko']);
    expect(merged.flatMap((g) => g.quotes.map((q) => q.id))).toEqual(expect.arrayContaining(['zz-full#1.1', 'zz-bare#1.1']));

    // Removals change index statistics in the last digits, so the reference goes through the same removals,
    // but answers its first question only after them.
    const reference = Engine.fromArticles([...base, full]);
    for (const engine of [live, reference]) {
      engine.removeArticle('zz-full');
      engine.removeArticle(generated[0].id);
    }
    const removed = answers(live);
    expect(removed).toEqual(answers(reference));
    expect(removed).not.toEqual(after);
    const split = live.whoSaid('ceasefire', { limit: 500 }).speakers.filter((g) => /Havrylenko/.test(g.speaker ?? ''));
    expect(split.map((g) => g.speaker)).toEqual(['Havrylenko']);
  }, 60_000);
});
