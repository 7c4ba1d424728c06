// Rendering engine answers for Discord: exact words, escaped, cited, within budget.
import { describe, expect, test } from 'vitest';
import type { QuoteHit, WhoSaidAnswer } from '../src/answers.js';
import { citationLine, highlightText, packPages, PAGE, quoteBlock, renderWhoSaid } from '../src/bot/render.js';
import { embedLength, limitViolations } from '../src/bot/limits.js';

function hit(p: Partial<QuoteHit>): QuoteHit {
  return {
    id: 'a#1.1', article: 'a', title: 'Turkey talks', paragraph: 4, speaker: 'Andriy Yermak', speakerId: 'yermak',
    text: 'Russia has not yet demonstrated political will regarding a ceasefire', kind: 'direct', marks: 'quotes',
    score: 1, highlights: [], ...p,
  };
}

/** Remove the bold markers we add and the escapes; what is left must be the original words. */
const unrender = (s: string) => s.replace(/(^|[^\\])\*\*/g, '$1').replace(/(^|[^\\])\*\*/g, '$1').replace(/\\(.)/g, '$1');

describe('highlightText', () => {
  test('matched ranges are bold, the rest escaped', () => {
    const text = 'a *ceasefire* now';
    expect(highlightText(text, [[3, 12]], 100)).toBe('a \\***ceasefire**\\* now');
  });

  test('a long text opens a window just before the first match', () => {
    const text = `${'words before '.repeat(200)}the ceasefire holds ${'words after '.repeat(200)}`;
    const at = text.indexOf('ceasefire');
    const out = highlightText(text, [[at, at + 9]], 300);
    expect(out.length).toBeLessThanOrEqual(300);
    expect(out.startsWith('…')).toBe(true);
    expect(out).toContain('the **ceasefire** holds');
    expect(out.endsWith('…')).toBe(true);
  });

  test('random texts and ranges: within the limit, bold markers balanced, words intact', () => {
    let seed = 42;
    const rnd = (n: number) => { seed = (seed * 1103515245 + 12345) % 2 ** 31; return seed % n; };
    const alphabet = 'abc de*_~`|<>[]@#-\\ ';
    for (let k = 0; k < 300; k++) {
      const text = Array.from({ length: 5 + rnd(400) }, () => alphabet[rnd(alphabet.length)]).join('');
      const ranges: Array<[number, number]> = Array.from({ length: rnd(4) }, () => { const a = rnd(text.length); return [a, a + 1 + rnd(10)]; });
      const max = 10 + rnd(300);
      const out = highlightText(text, ranges, max);
      expect(out.length).toBeLessThanOrEqual(max);
      // Unescaped "**" come in open/close pairs.
      expect((out.match(/(^|[^\\])\*\*/g) ?? []).length % 2).toBe(0);
      // No markdown character is left unescaped outside our bold markers.
      expect(out.replace(/(^|[^\\])\*\*/g, '$1').replace(/\\./g, '')).not.toMatch(/[*_~`|<>[\]@\\]/);
      const words = unrender(out).replace(/…/g, ' ').split(/\s+/).filter((w) => w.length > 3);
      for (const w of words.slice(1, -1)) expect(text.replace(/\s+/g, ' ')).toContain(w);
    }
  });
});

describe('quote blocks', () => {
  test('direct quotes in marks, partial and reported speech labelled, citation with title, source and paragraph', () => {
    expect(quoteBlock(hit({ url: 'https://example.com/a', source: 'Express' })))
      .toBe('“Russia has not yet demonstrated political will regarding a ceasefire”\n— [Turkey talks](https://example.com/a) · Express · ¶4');
    expect(quoteBlock(hit({ kind: 'partial' }))).toMatch(/” \*\(partial quote\)\*\n— Turkey talks · ¶4$/);
    expect(quoteBlock(hit({ kind: 'indirect', text: 'Moscow will not consider it' }))).toBe('Moscow will not consider it *(reported speech)*\n— Turkey talks · ¶4');
  });

  test('a hostile title cannot break the link or the citation', () => {
    const line = citationLine({ article: 'x', title: 'Bad](https://evil.example) **x**', url: 'javascript:alert(1)', paragraph: 2 });
    expect(line).toBe('Bad\\](https://evil.example) \\*\\*x\\*\\* · ¶2');
  });
});

describe('who-said pages', () => {
  const answer = (groups: number, perGroup: number, len: number): WhoSaidAnswer => {
    const speakers = Array.from({ length: groups }, (_, g) => ({
      speaker: `Speaker ${g}`, speakerId: `s${g}`, score: 1,
      quotes: Array.from({ length: perGroup }, (_, q) => hit({
        speaker: `Speaker ${g}`, text: `${'ceasefire talk '.repeat(len)} ${q}`, kind: q % 2 ? 'partial' : 'direct', paragraph: q + 1,
      })),
    }));
    const results = speakers.flatMap((s) => s.quotes);
    return { query: 'ceasefire', total: results.length, totalSpeakers: groups, results, speakers, suggestions: [] };
  };

  test('one block per speaker, direct quotes first', () => {
    const r = renderWhoSaid(answer(2, 3, 2));
    const page = 'pages' in r ? r.pages[0]! : r;
    expect(page.embeds!.map((e) => e.title)).toEqual(['Speaker 0', 'Speaker 1']);
    const kinds = page.embeds![0]!.description!.split('\n\n').map((b) => b.includes('partial quote'));
    expect(kinds).toEqual([false, false, true]);
    expect(page.embeds!.at(-1)!.footer!.text).toBe('6 quotes from 2 speakers');
  });

  test('big answers: every page within the page budget and Discord limits, nothing lost', () => {
    const r = renderWhoSaid(answer(30, 5, 60));
    if (!('pages' in r)) throw new Error('expected pages');
    let blocks = 0;
    r.pages.forEach((p, i) => {
      expect(limitViolations(p)).toEqual([]);
      expect(p.embeds!.length).toBeLessThanOrEqual(PAGE.embeds);
      expect(p.embeds!.reduce((n, e) => n + embedLength(e), 0)).toBeLessThanOrEqual(PAGE.chars);
      expect(p.embeds!.at(-1)!.footer!.text).toBe(`150 quotes from 30 speakers · page ${i + 1}/${r.pages.length}`);
      blocks += p.embeds!.reduce((n, e) => n + e.description!.split('\n\n').length, 0);
    });
    expect(blocks).toBe(150);
  });

  test('no match says so and offers the suggestions', () => {
    const r = renderWhoSaid({ query: 'cesefire', total: 0, totalSpeakers: 0, results: [], speakers: [], suggestions: ['ceasefire', 'Putin'] });
    expect('pages' in r).toBe(false);
    expect((r as { embeds: Array<{ description: string }> }).embeds[0]!.description)
      .toBe('I found no quotes matching **cesefire**.\nYou could try: ceasefire, Putin.');
  });

  test('packPages never cuts a block and continues a speaker on the next embed', () => {
    const big = 'x '.repeat(1500);
    const pages = packPages([{ title: 'Long speaker', blocks: [big, big, big, big] }]);
    const all = pages.flat();
    expect(all.map((e) => e.title)).toEqual(['Long speaker', 'Long speaker (continued)', 'Long speaker (continued)', 'Long speaker (continued)']);
    for (const e of all) expect(e.description).toBe(big);
  });
});

describe('sources', () => {
  test('a corpus of thousands lists the first few hundred and says how to find the rest', async () => {
    const { renderSources } = await import('../src/bot/render.js');
    const list = Array.from({ length: 5000 }, (_, i) => ({ id: `a${i}`, title: `Article ${i}`, source: 'Wire', paragraphs: 10, quotes: 3 }));
    const r = renderSources({ articles: 5000, paragraphs: 50_000, quotes: 15_000, speakers: 900, problems: [], list });
    if (!('pages' in r)) throw new Error('expected pages');
    const text = r.pages.flatMap((p) => p.embeds!.map((e) => e.description)).join('\n');
    expect(text).toContain('**Article 299**');
    expect(text).not.toContain('**Article 300**');
    expect(text).toContain('…and 4700 more: look one up with /article.');
    for (const p of r.pages) expect(limitViolations(p)).toEqual([]);
  });
});
