// Articles' dates found in their text, and answers limited by date and source, or newest first.
import { describe, expect, it } from 'vitest';
import { parseArgs } from '../src/cli/args.js';
import { PLAIN } from '../src/cli/render.js';
import { runRequest } from '../src/cli/run.js';
import { findArticleDate, parseDateBound } from '../src/corpus/dates.js';
import { parseArticle } from '../src/corpus/read.js';
import { Engine, EngineError } from '../src/engine.js';

describe('an article’s date', () => {
  it('comes from a Published line, a dateline or a short date line near the top', () => {
    expect(findArticleDate('By Ann Lee\nPublished 12 May 2025\n\nThe envoys met.')).toBe('2025-05-12');
    expect(findArticleDate('Updated: May 3, 2024 14:05 GMT\n\nText.')).toBe('2024-05-03');
    expect(findArticleDate('KYIV, May 12, 2025 (Reuters) - The envoys met.')).toBe('2025-05-12');
    // A dateline without a year takes the year of the text's dates, when there is one.
    expect(findArticleDate('MOSCOW, May 12 (Reuters) - The envoys met.\n\nTalks set for 15 May 2025 went ahead.')).toBe('2025-05-12');
    expect(findArticleDate('MOSCOW, May 12 (Reuters) - The envoys met.')).toBeUndefined();
    // A bare year or an event date in the story is not the article's date.
    expect(findArticleDate('PARIS, Aug 31 (Reuters) - She runs in the April 2017 election.')).toBeUndefined();
    expect(findArticleDate('The talks of 12 May 2025 were long and difficult, everyone who attended agreed afterwards.')).toBeUndefined();
    expect(findArticleDate('Q: You open your book on May 17, 2001. You were young. What did you find there?')).toBeUndefined();
    expect(findArticleDate('Published 31 February 2025')).toBeUndefined();
  });

  it('front matter wins; parseArticle fills the date from the text otherwise', () => {
    expect(parseArticle('a', 'Envoys meet\n\nMOSCOW, May 12, 2025 (Reuters) - The envoys met.', 'txt').date).toBe('2025-05-12');
    expect(parseArticle('b', '---\ntitle: Envoys\ndate: 2024-01-02\n---\nPublished 12 May 2025\n\nThe envoys met.', 'md').date).toBe('2024-01-02');
    expect(parseArticle('c', 'Envoys meet\n\nThe envoys met.', 'txt').date).toBeUndefined();
  });

  it('since/until read days, months and years', () => {
    expect(parseDateBound('May 2025')).toEqual({ first: '2025-05-01', last: '2025-05-31' });
    expect(parseDateBound('2024-02')).toEqual({ first: '2024-02-01', last: '2024-02-29' });
    expect(parseDateBound('2025-05-12')).toEqual({ first: '2025-05-12', last: '2025-05-12' });
    expect(parseDateBound('last week')).toBeNull();
  });
});

describe('filters and order', () => {
  const article = (id: string, date: string | null, source: string, who: string) => parseArticle(id, [
    '---', `title: Talks ${id}`, `source: ${source}`, ...(date ? [`date: ${date}`] : []), '---',
    `${who} said: “The ceasefire must hold.”`,
  ].join('\n'), 'md');
  const e = Engine.fromArticles([
    article('old', '2024-03-01', 'Wire One', 'Sergei Lavrov'),
    article('mid', '2025-05-10', 'Wire Two', 'Maria Zakharova'),
    article('new', '2025-06-20', 'Wire One', 'Dmitry Peskov'),
    article('undated', null, 'Wire One', 'Andriy Yermak'),
  ]);
  const ids = (rows: Array<{ article: string }>) => rows.map((r) => r.article).sort();

  it('since, until and source limit who-said, search and quotes', () => {
    expect(ids(e.whoSaid('ceasefire', { since: 'May 2025' }).results)).toEqual(['mid', 'new']);
    expect(ids(e.whoSaid('ceasefire', { until: '2025-05' }).results)).toEqual(['mid', 'old']);
    expect(ids(e.whoSaid('ceasefire', { source: 'wire one' }).results)).toEqual(['new', 'old', 'undated']);
    expect(ids(e.search('ceasefire', { since: '2025-06-01', source: 'Wire One' }).results)).toEqual(['new']);
    expect(e.quotes('Lavrov', { since: '2025' }).total).toBe(0);
    expect(e.quotes('Lavrov', { until: '2025' }).total).toBe(1);
    expect(() => e.whoSaid('ceasefire', { since: 'soon' })).toThrow(EngineError);
    expect(e.sourceNames('wire').map((s) => s.name)).toEqual(['Wire One', 'Wire Two']);
  });

  it('sort newest puts the latest article first, undated last', () => {
    expect(e.whoSaid('ceasefire', { sort: 'newest' }).results.map((r) => r.article)).toEqual(['new', 'mid', 'old', 'undated']);
    expect(e.search('ceasefire', { sort: 'newest' }).results.map((r) => r.article)).toEqual(['new', 'mid', 'old', 'undated']);
  });

  it('CLI: --since --until --source --sort, dates in citations, a bad date is a usage error', () => {
    const run = (...argv: string[]) => runRequest(e, parseArgs(argv), PLAIN);
    const out = run('who-said', 'ceasefire', '--since', '2025-06-01');
    expect(out.stdout).toMatch(/Dmitry Peskov[\s\S]*2025-06-20, ¶1 \[new\]/);
    expect(out.stdout).not.toMatch(/Lavrov/);
    const json = JSON.parse(run('search', 'ceasefire', '--sort', 'newest', '--source', 'Wire One', '--json').stdout);
    expect(json.results.map((r: { article: string; date?: string }) => [r.article, r.date])).toEqual([['new', '2025-06-20'], ['old', '2024-03-01'], ['undated', undefined]]);
    expect(run('who-said', 'ceasefire', '--until', 'someday').code).toBe(2);
    expect(run('who-said', 'ceasefire', '--since', '2030').stdout).toMatch(/only articles dated since 2030/);
  });
});

describe('checking a citation', () => {
  const e = Engine.fromArticles([parseArticle('cite', 'Envoys meet\n\nFirst paragraph.\n\nSergei Lavrov said: “The second one.”', 'txt')]);
  const run = (...argv: string[]) => runRequest(e, parseArgs(argv), PLAIN);

  it('article <id> --paragraph N prints that paragraph, with its quotes; JSON too', () => {
    const out = run('article', 'cite', '--paragraph', '2');
    expect(out.code).toBe(0);
    expect(out.stdout).toMatch(/¶2 \[cite\]\n\nSergei Lavrov said: “The second one\.”\n\nQuotes in this paragraph: Sergei Lavrov \(direct\)/);
    expect(JSON.parse(run('article', 'cite', '--paragraph', '0', '--json').stdout)).toMatchObject({ article: 'cite', paragraph: 0, text: 'Envoys meet', paragraphs: 2 });
  });

  it('a paragraph that does not exist is a clear usage error', () => {
    const out = run('article', 'cite', '--paragraph', '7');
    expect(out.code).toBe(2);
    expect(out.stderr).toMatch(/paragraphs 1 to 2/);
    expect(() => parseArgs(['article', 'cite', '--paragraph', 'two'])).toThrow(/paragraph number/);
  });
});

describe('one statement shown once', () => {
  const copy = (id: string, source: string, words: string) => parseArticle(id, [
    '---', `title: Talks ${id}`, `source: ${source}`, '---', `Dmitry Peskov said: “${words}”`,
  ].join('\n'), 'md');
  const e = Engine.fromArticles([
    copy('wire1', 'Wire One', 'The truce talks will go on.'),
    copy('wire2', 'Wire Two', 'The truce talks  will go on!'),
    copy('wire3', 'Wire Three', 'THE TRUCE TALKS WILL GO ON.'),
    copy('other', 'Wire Four', 'The truce talks are over.'),
  ]);

  it('wire copies (same speaker, same words) are one row that says where else it appears', () => {
    const rows = e.whoSaid('truce talks').results;
    expect(rows).toHaveLength(2);
    const folded = rows.find((r) => r.alsoIn)!;
    expect(folded.alsoIn!.map((c) => [c.article, c.paragraph])).toHaveLength(2);
    expect(new Set([folded.article, ...folded.alsoIn!.map((c) => c.article)])).toEqual(new Set(['wire1', 'wire2', 'wire3']));
    expect(e.quotes('Peskov').results).toHaveLength(2);
    const out = runRequest(e, parseArgs(['who-said', 'truce talks']), PLAIN).stdout;
    expect(out).toMatch(/also in 2 articles: wire\d ¶1, wire\d ¶1/);
    const json = JSON.parse(runRequest(e, parseArgs(['who-said', 'truce talks', '--json']), PLAIN).stdout);
    expect(json.results.find((r: { alsoIn?: unknown[] }) => r.alsoIn).alsoIn[0]).toMatchObject({ article: expect.stringMatching(/^wire/), paragraph: 1 });
  });
});
