// Hostile paragraphs: every scan of the extractor is linear (or capped) in its input, so a crafted article
// cannot hold the bot's only thread. These inputs took 17–80 s each when a pattern rescanned the rest of the
// paragraph from every mark; vitest's default 5 s test timeout is the guard (no timing assertion here).
import { describe, expect, it } from 'vitest';
import { extractQuotes } from '../src/quotes/extract.js';

function sane(paragraph: string): void {
  const quotes = extractQuotes([paragraph], { title: paragraph.slice(0, 5000) });
  expect(Array.isArray(quotes)).toBe(true);
  for (const q of quotes) {
    expect(q.paragraph === 0 || q.paragraph === 1).toBe(true);
    // exact text of the paragraph (or headline), never something made up
    expect(paragraph.includes(q.text)).toBe(true);
    expect(q.text.length).toBeGreaterThan(0);
  }
  // a page of a hundred thousand marks is not prose: what is read of it is capped (10,000 spans a paragraph)
  expect(quotes.length).toBeLessThanOrEqual(20_000);
}

describe('hostile paragraphs', () => {
  it('100 KB of full stops, exclamation marks or ellipses', () => {
    sane('.'.repeat(100_000));
    sane('!'.repeat(100_000));
    sane('…'.repeat(100_000));
  });

  it('960 KB of orphan closing quote marks', () => {
    sane('”'.repeat(960_000));
  });

  it('orphan closing marks after words and sentence ends, each one a quote to attribute', () => {
    sane('a b. C” '.repeat(15_000));
  });

  it('256 KB of ". -a" (dash-led speech with no closing dash)', () => {
    sane('. -a'.repeat(64_000));
  });

  it('long runs of two-apostrophe marks', () => {
    sane("a '' b. ".repeat(60_000));
  });

  it('still reads a quote after a long run of marks', () => {
    const p = `${'.'.repeat(50_000)} “We will keep talking,” said Jane Roe.`;
    const quotes = extractQuotes([p]);
    expect(quotes.map((q) => [q.text, q.speaker])).toContainEqual(['We will keep talking,', 'Jane Roe']);
  });
});
