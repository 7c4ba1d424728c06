// who-said in the words people type: fillers, equivalents, typos that never replace a real word, the context
// that introduces a quote.
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseArticle } from '../src/corpus/read.js';
import { Engine } from '../src/engine.js';
import { parseArgs } from '../src/cli/args.js';
import { PLAIN } from '../src/cli/render.js';
import { runRequest } from '../src/cli/run.js';
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

describe('a speaker and a topic in one question', () => {
  it('who-said recognises the speaker named in the topic and answers with their quotes on the rest', () => {
    for (const q of ['what did Peskov say about sanctions', 'Peskov sanctions', 'did Dmitry Peskov talk of sanctions?']) {
      const answer = engine.whoSaid(q);
      expect(answer.speaker?.name).toBe('Dmitry Peskov');
      expect(answer.topic).toMatch(/sanctions/);
      expect(answer.topic).not.toMatch(/what|Peskov/);
      expect(answer.results.length).toBeGreaterThan(0);
      expect(answer.results.every((r) => r.speaker === 'Dmitry Peskov')).toBe(true);
    }
  });

  it('a common word that some article made a speaker of is still a topic when typed in lower case', () => {
    const small = Engine.fromArticles([
      parseArticle('a.md', '---\ntitle: Markets react\n---\n\nSanctions warned that the economy would shrink this year.\n', 'md'),
      parseArticle('b.md', '---\ntitle: Kremlin replies\n---\n\nPeskov said: “New sanctions will not change our course.”\n', 'md'),
    ]);
    expect(small.quotes('Sanctions').results.length).toBeGreaterThan(0);
    const answer = small.whoSaid('sanctions');
    expect(answer.speaker).toBeUndefined();
    expect(answer.results.map((r) => r.speaker)).toContain('Peskov');
  });

  it('a topic that is only a speaker’s name answers like quotes', () => {
    const answer = engine.whoSaid('Peskov');
    expect(answer.speaker?.name).toBe('Dmitry Peskov');
    expect(answer.results.map((r) => r.id)).toEqual(engine.quotes('Peskov').results.map((r) => r.id));
    expect(engine.whoSaid('Erdogan').results.every((r) => r.speaker === 'Erdogan')).toBe(true);
  });

  it('quotes with a topic, given as an option or after the name', () => {
    const byOption = engine.quotes('Zelensky', { topic: 'Putin' });
    const inline = engine.quotes('Zelensky Putin');
    expect(inline.speaker?.name).toBe('Volodymyr Zelensky');
    expect(inline.topic).toBe('Putin');
    expect(inline.results.map((r) => r.id)).toEqual(byOption.results.map((r) => r.id));
    expect(inline.results.length).toBeGreaterThan(0);
    expect(inline.results.length).toBeLessThan(engine.quotes('Zelensky').total);
    expect(inline.results.every((r) => r.speaker === 'Volodymyr Zelensky')).toBe(true);
  });

  it('a common word that is no one’s name stays a topic', () => {
    expect(engine.whoSaid('ceasefire').speaker).toBeUndefined();
    expect(engine.whoSaid('Russia ceasefire').speaker).toBeUndefined();
  });
});

describe('CLI', () => {
  const run = (...argv: string[]) => runRequest(engine, parseArgs(argv), PLAIN);

  it('quotes <speaker> --topic, and quotes Zelensky Putin, answer with the speaker’s quotes on the topic', () => {
    const out = run('quotes', 'Zelensky', '--topic', 'Putin');
    expect(out.code).toBe(0);
    expect(out.stdout).toMatch(/^Volodymyr Zelensky .*on "Putin": \d+ quotes?/);
    const inline = run('quotes', 'Zelensky', 'Putin');
    expect(inline.code).toBe(0);
    expect(inline.stdout).not.toMatch(/No speaker called/);
  });

  it('who-said says what it did to the words: a speaker heading, a correction', () => {
    expect(run('who-said', 'what did Peskov say about sanctions').stdout).toMatch(/^Dmitry Peskov on "sanctions": 1 quote/);
    expect(run('who-said', 'sanctoins').stdout).toMatch(/read as: sanctoins → sanctions/);
    const json = JSON.parse(run('who-said', 'sanctoins', '--json').stdout);
    expect(json).toMatchObject({ corrected: [{ from: 'sanctoins', to: 'sanctions' }], fallback: null, speaker: null });
    expect(json.results[0]).toMatchObject({ match: 'context', speaker: 'Dmitry Peskov' });
    expect(json.results[0].context).toMatch(/sanctions/);
  });
});
