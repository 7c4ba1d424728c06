import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseArticle } from '../src/corpus/read.js';
import { Engine, EngineError } from '../src/engine.js';

const CORPUS = path.resolve(__dirname, '../corpus');
let engine: Engine;

beforeAll(async () => {
  engine = await Engine.open(CORPUS);
});

const speakersOf = (e: Engine, topic: string) => e.whoSaid(topic).speakers.map((g) => g.speaker ?? '');

describe('who-said over the seeds', () => {
  it('ceasefire: Yermak, Gerashchenko, Kuleba, Weller, ISW, Reuters and the senior aide, with the ISW cease-fire quote', () => {
    const answer = engine.whoSaid('ceasefire');
    const names = answer.speakers.map((g) => g.speaker ?? '').join(' | ');
    for (const who of ['Yermak', 'Gerashchenko', 'Kuleba', 'Weller', 'Reuters', 'senior aide']) expect(names).toContain(who);
    expect(names).toMatch(/ISW|Institute for the Study of War/);
    const isw = answer.results.find((q) => q.text.includes('cease-fire'));
    expect(isw?.speaker).toMatch(/ISW|Institute for the Study of War/);
    expect(isw?.highlights.length).toBeGreaterThan(0);
  });

  it('ranks direct quotes before partial ones within a speaker and cites article and paragraph', () => {
    const yermak = engine.whoSaid('ceasefire').speakers.find((g) => g.speaker?.includes('Yermak'))!;
    expect(yermak.quotes.map((q) => q.kind)).toEqual(['direct', 'partial']);
    expect(yermak.quotes[0]).toMatchObject({ article: '000_a0edae4945652b42', paragraph: 6 });
    expect(yermak.quotes[0].text).toMatch(/^Russia has not yet demonstrated political will/);
  });

  it('mobilization and ultimatums: Peskov', () => {
    expect(speakersOf(engine, 'mobilization')).toContain('Dmitry Peskov');
    expect(speakersOf(engine, 'ultimatums')).toContain('Dmitry Peskov');
  });

  it('refuses an empty topic or one of only common words', () => {
    expect(() => engine.whoSaid('  ')).toThrow(EngineError);
    expect(() => engine.whoSaid('the of')).toThrow(/only common words/);
  });

  it('finds a topic through a typo, and suggests close words when even that finds nothing', () => {
    expect(engine.whoSaid('ceasfirre').speakers.map((g) => g.speaker).join(' ')).toContain('Yermak');
    for (const [typed, meant] of [['ceazfiyre', 'ceasefire'], ['mobilzaton', 'mobilization'], ['negotiashuns', 'negotiations']]) {
      const answer = engine.whoSaid(typed);
      expect(answer.total, typed).toBe(0);
      expect(answer.suggestions, typed).toContain(meant);
    }
    expect(engine.whoSaid('qqqqqq').suggestions).toEqual([]);
  });

  it('a limit shares rows across speakers: every speaker keeps their best quote', () => {
    const answer = engine.whoSaid('ceasefire', { limit: 7 });
    expect(answer.results).toHaveLength(7);
    expect(answer.speakers.length).toBe(7);
    expect(answer.total).toBeGreaterThan(7);
  });
});

describe('speakers and quotes', () => {
  it('one speaker under several names, in one display name', () => {
    const full = engine.quotes('Dmitry Peskov');
    expect(full.speaker?.name).toBe('Dmitry Peskov');
    expect(engine.quotes('peskov').results.map((q) => q.id)).toEqual(full.results.map((q) => q.id));
    // Peskov is quoted in two articles; both are one speaker.
    expect(new Set(full.results.map((q) => q.article)).size).toBe(2);
  });

  it('autocomplete by prefix of any name, and the most quoted on empty input', () => {
    expect(engine.speakers('pes').map((s) => s.name)).toContain('Dmitry Peskov');
    expect(engine.speakers('dmi').map((s) => s.name)).toContain('Dmitry Peskov');
    const top = engine.speakers('');
    expect(top.length).toBeGreaterThan(5);
    expect(top.length).toBeLessThanOrEqual(25);
    expect(top[0].quotes).toBeGreaterThanOrEqual(top[top.length - 1].quotes);
  });

  it('unknown speaker: no rows; a name being typed suggests who was meant', () => {
    const answer = engine.quotes('Peskow');
    expect(answer.speaker).toBeNull();
    expect(answer.results).toEqual([]);
    const typing = engine.quotes('Pesk');
    expect(typing.speaker).toBeNull();
    expect(typing.suggestions).toContain('Dmitry Peskov');
  });
});

describe('search', () => {
  it('ranks passages, highlights matched words, cites paragraph', () => {
    const answer = engine.search('Istanbul talks');
    expect(answer.total).toBeGreaterThan(0);
    const top = answer.results[0];
    const words = top.highlights.map(([s, e]) => top.text.slice(s, e).toLowerCase());
    expect(words.some((w) => w.startsWith('istanbul'))).toBe(true);
    expect(top.paragraph).toBeGreaterThan(0);
    expect(top.title).toBeTruthy();
  });

  it('a quoted phrase must appear as written (punctuation aside)', () => {
    const answer = engine.search('"end of the war"');
    expect(answer.total).toBeGreaterThan(0);
    for (const hit of answer.results) expect(hit.text.toLowerCase().replace(/[^a-z ]/g, '')).toContain('end of the war');
    // Both words occur in many passages that do not hold the phrase.
    expect(answer.total).toBeLessThan(engine.search('end war').total);
  });
});

describe('live changes without a rebuild', () => {
  const text = (quote: string) => `Envoy speaks\nSergei Lavrov, Russia's foreign minister, said: “${quote}”`;

  it('add, replace and remove one article', async () => {
    const e = await Engine.open(CORPUS);
    const before = e.sources();
    e.addArticle(parseArticle('lavrov', text('The embargo proposal is a trap.'), 'txt'));
    expect(e.whoSaid('embargo').results[0]).toMatchObject({ speaker: 'Sergei Lavrov', article: 'lavrov', paragraph: 1 });
    expect(e.sources().articles).toBe(before.articles + 1);

    e.replaceArticle(parseArticle('lavrov', text('The referendum proposal deserves study.'), 'txt'));
    expect(e.whoSaid('embargo').total).toBe(0);
    expect(e.whoSaid('referendum').results[0].speaker).toBe('Sergei Lavrov');

    // A quoted phrase in who-said: the words in that order, in the quote itself.
    expect(e.whoSaid('"referendum proposal"').results.map((r) => r.speaker)).toEqual(['Sergei Lavrov']);
    expect(e.whoSaid('"proposal referendum"').total).toBe(0);

    expect(e.removeArticle('lavrov')).toBe(true);
    expect(e.whoSaid('referendum').total).toBe(0);
    expect(e.whoSaid('"referendum proposal"').total).toBe(0);
    expect(e.quotes('Lavrov').speaker).toBeNull();
    expect(e.sources()).toMatchObject({ articles: before.articles, paragraphs: before.paragraphs, quotes: before.quotes });
    expect(e.removeArticle('lavrov')).toBe(false);
  });

  it('quoted phrases stay right through removals and additions (the phrase index reuses freed room)', async () => {
    const e = await Engine.open(CORPUS);
    const phrase = '"end of the war"';
    const rows = (x: Engine): string[] => x.search(phrase, { limit: 100 }).results.map((r) => `${r.article}#${r.paragraph}`).sort();
    const seen = rows(e); // asked before the changes: per-document lookups are remembered
    expect(seen.length).toBeGreaterThan(0);
    const holder = seen[0].split('#')[0];
    const removed = e.article(holder)!;
    e.removeArticle(holder);
    expect(rows(e).some((r) => r.startsWith(`${holder}#`))).toBe(false);
    // New articles take the freed room: one holds the phrase, one holds its words apart.
    e.addArticle(parseArticle('talks-a', 'Talks\nNobody expects an end of the war this year.', 'txt'));
    e.addArticle(parseArticle('talks-b', 'Talks\nThe war will end, but not this year.', 'txt'));
    expect(rows(e)).toContain('talks-a#1');
    expect(rows(e)).not.toContain('talks-b#1');
    e.replaceArticle(parseArticle('talks-a', 'Talks\nThe war goes on.', 'txt'));
    expect(rows(e)).not.toContain('talks-a#1');
    // The same answer as an engine built from scratch over the same articles.
    const fresh = Engine.fromArticles(e.allArticles());
    expect(rows(e)).toEqual(rows(fresh));
    expect(removed.id).toBe(holder);
  });

  it('removing a seed takes its quotes out of answers but keeps a speaker quoted elsewhere', async () => {
    const e = await Engine.open(CORPUS);
    e.removeArticle('003_dc2851360bf64447');
    expect(e.whoSaid('ultimatums').total).toBe(0);
    expect(speakersOf(e, 'mobilization')).toContain('Dmitry Peskov');
  });
});

describe('bad input', () => {
  it('a 1 MB paragraph, unbalanced marks and junk index and answer', () => {
    const big = `${'The talks went on. '.repeat(55_000)}“Unbalanced quote by nobody`;
    const e = Engine.fromArticles([
      parseArticle('big', `Big\n${big}`, 'txt'),
      parseArticle('junk', 'Junk\n\u0001\u0002 “” ‘’ -- — “ ” " " \' ’', 'txt'),
    ]);
    expect(e.search('talks').total).toBe(1);
    expect(() => e.whoSaid('talks')).not.toThrow();
  });
});
