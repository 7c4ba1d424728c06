// The part-of-speech tagger (wink-nlp + its English model, ~0.3 s to load) is loaded only when a quote needs it:
// importing the engine, as a start from a snapshot does, must not load it.
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import '../src/engine.js';
import { extractQuotes } from '../src/quotes/extract.js';
import { taggerLoaded } from '../src/quotes/nlp.js';

const winkLoaded = (): boolean => Object.keys(createRequire(import.meta.url).cache).some((k) => /wink-(nlp|eng-lite-web-model)/.test(k));

describe('the tagger loads lazily', () => {
  it('is not loaded by importing the engine and the extractor', () => {
    expect(taggerLoaded()).toBe(false);
    expect(winkLoaded()).toBe(false);
  });

  it('loads when a candidate speaker needs checking, and then tags', () => {
    const quotes = extractQuotes(['Shifting the blame, the minister said: “We did nothing wrong.”', '“It was a mistake,” Chastened said.']);
    expect(taggerLoaded()).toBe(true);
    expect(winkLoaded()).toBe(true);
    expect(quotes.map((q) => q.speaker)).not.toContain('Shifting');
  });
});
