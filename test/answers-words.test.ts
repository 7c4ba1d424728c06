// who-said in the words people type: fillers, equivalents, typos that never replace a real word, the context
// that introduces a quote.
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseArticle } from '../src/corpus/read.js';
import { Engine } from '../src/engine.js';
import { quoteContext } from '../src/search/quote-context.js';
import { synonymsAt } from '../src/search/synonyms.js';
import { queryTerm } from '../src/search/text.js';

const CORPUS = path.resolve(__dirname, '../corpus');
let engine: Engine;

beforeAll(async () => {
  engine = await Engine.open(CORPUS);
});

const marked = (text: string, ranges: Array<[number, number]>): string[] => ranges.map(([a, b]) => text.slice(a, b).toLowerCase());

describe('the sentence that introduces a quote', () => {
  it('who-said sanctions finds Peskov, whose reaction to sanctions is in the sentence reporting his words', () => {
    const answer = engine.whoSaid('sanctions');
    const first = answer.results[0];
    expect(first).toMatchObject({ speaker: 'Dmitry Peskov', article: '003_dc2851360bf64447', paragraph: 9, match: 'context' });
    expect(marked(first.context!, first.contextHighlights!)).toContain('sanctions');
    // Never a silent typo: no row matched "actions".
    for (const row of answer.results) expect(marked(row.text, row.highlights)).not.toContain('actions');
    expect(answer.corrected).toEqual([]);
  });

  it('quotes holding the words themselves rank before those found by their context', () => {
    const e = Engine.fromArticles([parseArticle('ctx', [
      'Envoys meet',
      'Sergei Lavrov spoke about the blockade, saying: “Nothing will change this week.”',
      'Maria Zakharova said: “The blockade must end.”',
    ].join('\n\n'), 'txt')]);
    const rows = e.whoSaid('blockade').results;
    expect(rows.map((r) => [r.speaker, r.match])).toEqual([['Maria Zakharova', 'quote'], ['Sergei Lavrov', 'context']]);
  });

  it('context: the rest of the sentence, and the previous paragraph’s last sentence for a continuation', () => {
    expect(quoteContext('We are ready.', 'It rained. Then the minister, asked about the truce, said: “We are ready.” Talks went on.'))
      .toBe('Then the minister, asked about the truce, said: […]');
    expect(quoteContext('More later.', '“More later.”', 'The envoy left. He spoke of the grain corridor.'))
      .toBe('He spoke of the grain corridor. […]');
    expect(quoteContext('missing', 'Some other text.')).toBe('');
  });
});

describe('the words people type', () => {
  it('question words and fillers are not search terms', () => {
    const ids = (q: string) => engine.whoSaid(q).results.map((r) => r.id);
    expect(ids('who said anything about sanctions?')).toEqual(ids('sanctions'));
    expect(ids('what did they say about mobilization')).toEqual(ids('mobilization'));
  });

  it('equivalents: truce, armistice, cessation of hostilities find a ceasefire; the words typed rank first', () => {
    const e = Engine.fromArticles([parseArticle('syn', [
      'Envoys meet',
      'Sergei Lavrov said: “A ceasefire is possible.”',
      'Maria Zakharova said: “A truce is possible.”',
      'Dmitry Peskov said: “The cessation of hostilities is possible.”',
    ].join('\n\n'), 'txt')]);
    const speakers = (q: string) => e.whoSaid(q).results.map((r) => r.speaker);
    expect(speakers('truce')[0]).toBe('Maria Zakharova');
    expect(speakers('truce')).toHaveLength(3);
    expect(speakers('ceasefire')[0]).toBe('Sergei Lavrov');
    expect(speakers('armistice')).toHaveLength(3);
    expect(speakers('cessation of hostilities')[0]).toBe('Dmitry Peskov');
    expect(synonymsAt(['kiev'].map((w) => queryTerm(w)!), 0)?.alternatives).toEqual([['kyiv']]);
  });

  it('a misspelled word the corpus lacks is corrected and the answer says so', () => {
    const answer = engine.whoSaid('sanctoins');
    expect(answer.results[0]?.speaker).toBe('Dmitry Peskov');
    expect(answer.corrected).toEqual([{ from: 'sanctoins', to: 'sanctions' }]);
  });

  it('falling back to any word is said', () => {
    const answer = engine.whoSaid('mobilization zebra');
    expect(answer.total).toBeGreaterThan(0);
    expect(answer.fallback).toBe('any-word');
    expect(engine.whoSaid('mobilization').fallback).toBeNull();
  });

  it('suggestions never offer the query itself; a misspelled speaker gets the speaker', () => {
    for (const typed of ['zzyzxq', 'Erdogan xqzw']) {
      const answer = engine.whoSaid(typed);
      for (const s of answer.suggestions) expect(typed.toLowerCase().split(' ')).not.toContain(s.toLowerCase());
    }
    expect(engine.quotes('Peskow').suggestions).toContain('Dmitry Peskov');
    expect(engine.quotes('Gerashenko').suggestions[0]).toBe('Anton Gerashchenko');
  });
});
