// The cue check in front of the reported-speech search: paragraphs that report speech without quote marks pass;
// paragraphs with no cue at all are skipped.
import { describe, expect, it } from 'vitest';
import { extractQuotes } from '../src/quotes/extract.js';
import { mayReportSpeech } from '../src/quotes/may-quote.js';
import { tokenize } from '../src/quotes/mentions.js';

const passes = (text: string): boolean => mayReportSpeech(text, tokenize(text), new Set());

describe('mayReportSpeech', () => {
  it.each([
    'Lavrov said Moscow would not accept any deployment of foreign troops in the region.',
    'The ceasefire would hold until spring, the ministry said in a statement.',
    'According to the minister, the next round of talks is planned for March.',
    'Speaking after the meeting, the envoy told reporters:',
    'Ukraine is ready to exchange all prisoners, Zelensky stressed on Friday.',
    'The delegation rejected the proposal as a distraction from the main issues.',
  ])('keeps a paragraph with a cue: %s', (text) => {
    expect(passes(text)).toBe(true);
  });

  it('skips a paragraph with no reporting cue', () => {
    expect(passes('The talks resumed on Monday in Istanbul after a two-week pause.')).toBe(false);
  });

  it('still finds the reported speech of a paragraph that passes', () => {
    const quotes = extractQuotes(['Russian Foreign Minister Sergei Lavrov said Moscow would not accept any deployment of foreign troops.']);
    expect(quotes.map((q) => [q.kind, q.speaker])).toEqual([['indirect', 'Sergei Lavrov']]);
  });
});
