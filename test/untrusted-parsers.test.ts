// Parsers of untrusted text on inputs built to make a backtracking regex or a DOM library blow up: each must
// give its normal result (a vitest timeout or a stack overflow is the failure). Every input is generated here.
import { describe, expect, it } from 'vitest';
import { cleanTitle } from '../src/corpus/clean.js';
import { stripMarkdown } from '../src/moderation/draft.js';
import { extractHtml, flattenDeepNesting, MAX_HTML_DEPTH } from '../src/moderation/html.js';

const SENTENCE = 'The envoy said the talks in Geneva would resume next week after a pause of several days, officials confirmed.';
const OTHER = 'A second delegation arrived on Tuesday evening and met the mediators for three hours behind closed doors.';

describe('cleanTitle on a hostile og:title', () => {
  it('keeps a title made of 80,000 em-spaces as it is', () => {
    const title = `Envoys meet in Geneva${'\u2003'.repeat(80_000)}again`;
    expect(cleanTitle(title)).toBe(title);
  });

  it('still drops a site suffix behind a long run of em-spaces', () => {
    expect(cleanTitle(`Envoys meet again in Geneva${'\u2003'.repeat(80_000)}\u2014 Example News`)).toBe('Envoys meet again in Geneva');
    expect(cleanTitle('Envoys meet again in Geneva | World | example.com')).toBe('Envoys meet again in Geneva');
  });
});

describe('stripMarkdown on unclosed markup', () => {
  const n = 20_000;
  it.each([
    ['**', '**a '], ['__', '__a '], ['![', '![a '], ['[', '[a '], ['](', '](a '], ['<tag', '<tag '], ['[a](', '[a](b '],
  ])('leaves %s repeated 20,000 times unclosed as it is', (_name, unit) => {
    const md = unit.repeat(n);
    expect(stripMarkdown(md)).toBe(md);
  });

  it('still strips closed markup', () => {
    expect(stripMarkdown('He said **very** clearly, __twice__, and *once*: [the page](https://x.org/a_(b)) ![p](p.png) `code` <b>now</b>'))
      .toBe('He said very clearly, twice, and once: the page  code now');
    // As the regex did: an opener pairs with the next marker that follows a non-space.
    expect(stripMarkdown('**open **open **closed**')).toBe('open **open **closed');
    expect(stripMarkdown('** spaced** and **ok**')).toBe('** spaced** and ok');
  });
});

describe('extractHtml on deeply nested pages', () => {
  const page = (body: string): string => `<!doctype html><html><head><title>Envoys meet again in Geneva for talks</title></head><body>${body}</body></html>`;

  it.each([2_000, 5_000, 20_000])('reads the text inside %i nested <div>s', (depth) => {
    const article = extractHtml(page(`${'<div>'.repeat(depth)}<p>${SENTENCE}</p><p>${OTHER}</p>${'</div>'.repeat(depth)}`));
    expect(article.title).toBe('Envoys meet again in Geneva for talks');
    expect(article.paragraphs).toEqual([SENTENCE, OTHER]);
  });

  it.each(['span', 'section', 'x-widget', 'ul', 'caption'])('reads the text inside 20,000 nested <%s>s', (tag) => {
    const article = extractHtml(page(`${`<${tag}>`.repeat(20_000)}<p>${SENTENCE}</p>${`</${tag}>`.repeat(20_000)}`));
    expect(article.paragraphs.join(' ')).toContain(SENTENCE);
  });

  it('reads 20,000 unclosed <div>s, each with its own text, as paragraphs', () => {
    const article = extractHtml(page(`<div>${SENTENCE}`.repeat(20_000)));
    expect(article.paragraphs.length).toBeGreaterThan(100);
    expect(article.paragraphs.every((p) => p.includes('Geneva'))).toBe(true);
  });

  it('reads a flood of empty elements', () => {
    const article = extractHtml(page(`${'<p></p>'.repeat(30_000)}<p>${SENTENCE}</p>`));
    expect(article.paragraphs).toEqual([SENTENCE]);
  });

  it('leaves a normal page untouched and counts markup inside scripts and comments as text', () => {
    const html = page(`<script>var s = "${'<div>'.repeat(500)}";</script><!-- ${'<div>'.repeat(500)} --><p>${SENTENCE}</p>`);
    expect(flattenDeepNesting(html).html).toBe(html);
    const deep = page(`${'<div>'.repeat(MAX_HTML_DEPTH + 10)}<p>${SENTENCE}</p>${'</div>'.repeat(MAX_HTML_DEPTH + 10)}`);
    expect(flattenDeepNesting(deep).html.length).toBeLessThan(deep.length);
  });
});
