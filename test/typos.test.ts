// Typo tolerance reads a misspelled word as the corpus word meant, and nothing else: never a short unrelated
// word or a name, never a word the corpus holds; suggestions never replace a word the corpus holds.
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseArticle } from '../src/corpus/read.js';
import { Engine } from '../src/engine.js';
import { chooseCorrections, swapDistance } from '../src/search/typos.js';

const CORPUS = path.resolve(__dirname, '../corpus');
let seeds: Engine;

beforeAll(async () => {
  seeds = await Engine.open(CORPUS);
});

const marked = (text: string, ranges: Array<[number, number]>): string[] => ranges.map(([a, b]) => text.slice(a, b).toLowerCase());

const article = (id: string, paragraphs: string[]) => parseArticle(id, paragraphs.join('\n\n'), 'txt');

describe('typo tolerance', () => {
  it('"sanctons" is read as "sanctions", never as the name Anton', () => {
    const answer = seeds.whoSaid('sanctons');
    expect(answer.corrected).toEqual([{ from: 'sanctons', to: 'sanctions' }]);
    expect(answer.results.length).toBeGreaterThan(0);
    for (const row of answer.results) {
      expect(marked(row.text, row.highlights)).not.toContain('anton');
      expect(marked(row.context ?? '', row.contextHighlights ?? [])).not.toContain('anton');
    }
  });

  it('a typo two edits from a short name only is not read as that name', () => {
    const e = Engine.fromArticles([article('a', [
      'Talks resume',
      'Anton Gerashchenko said: “Anton is my name and the war goes on.”',
    ])]);
    const answer = e.whoSaid('sanctons');
    expect(answer.total).toBe(0);
    expect(answer.corrected).toEqual([]);
    expect(e.search('sanctons').total).toBe(0);
  });

  it('a word the corpus holds is never corrected, even where its neighbours are more frequent', () => {
    const e = Engine.fromArticles([article('a', [
      'Talks resume',
      'Vladimir Putin said: “We are putting forward proposals, putting them on paper, putting our name to them.”',
      'Putin met envoys in the evening.',
    ])]);
    const answer = e.whoSaid('Putin proposals');
    expect(answer.corrected).toEqual([]);
    expect(e.search('putin').corrected).toEqual([]);
    for (const row of e.search('putin').results) expect(marked(row.text, row.highlights)).toEqual(['putin']);
  });

  it('suggestions never replace a word the corpus holds, nor offer the query itself', () => {
    const e = Engine.fromArticles([article('a', [
      'Talks resume',
      'Vladimir Putin said: “We are putting forward proposals.”',
    ])]);
    // Nothing matches within the dates asked for: the suggestions must not turn "Putin" into "putting".
    const answer = e.search('Putin', { since: '2030-01-01' });
    expect(answer.total).toBe(0);
    expect(answer.suggestions.map((s) => s.toLowerCase())).not.toContain('putting');
    expect(answer.suggestions.map((s) => s.toLowerCase())).not.toContain('putin');
    const missing = e.search('proposals', { since: '2030-01-01' });
    expect(missing.suggestions.map((s) => s.toLowerCase())).not.toContain('proposals');
  });

  it('only the closest corrections count, judged on the shorter word; a name only when the word looks like it', () => {
    const near = [
      { term: 'sanction', distance: 1, count: 3 },
      { term: 'anton', distance: 2, count: 40 },
      { term: 'sanctum', distance: 2, count: 9 },
    ];
    expect(chooseCorrections('sancton', near, () => false).map((c) => c.term)).toEqual(['sanction']);
    expect(chooseCorrections('sancton', near.slice(1), (t) => t === 'anton').map((c) => c.term)).toEqual(['sanctum']);
    // A swap of two letters is one edit: "sanctoin" is closer to "sanction" than to anything two edits away.
    expect(swapDistance('sanctoin', 'sanction', 2)).toBe(1);
    expect(chooseCorrections('sanctoin', [{ term: 'sanction', distance: 2, count: 1 }, { term: 'sanctum', distance: 2, count: 50 }], () => false)
      .map((c) => c.term)).toEqual(['sanction']);
    // Names: one edit and the same first letter ("peskow" → "peskov"), not two edits away.
    expect(chooseCorrections('peskow', [{ term: 'peskov', distance: 1, count: 5 }], () => true).map((c) => c.term)).toEqual(['peskov']);
    expect(chooseCorrections('zelenskky', [{ term: 'zelensky', distance: 1, count: 5 }], () => true).map((c) => c.term)).toEqual(['zelensky']);
    expect(chooseCorrections('beskov', [{ term: 'peskov', distance: 1, count: 5 }], () => true)).toEqual([]);
  });
});
