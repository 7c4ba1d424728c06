// The reported-speech search skips paragraphs without a cue (may-quote.ts). Skipping must never change what is
// extracted: the labelled sets, read in place from ../shared, are extracted with and without it and must agree.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { EVAL_DIR } from '../scripts/eval.js';
import { readCorpus } from '../src/corpus/read.js';
import { extractQuotes } from '../src/quotes/extract.js';
import { reportedSpeechSkipping } from '../src/quotes/may-quote.js';
import type { Article } from '../src/types.js';

const SEEDS = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'corpus');
const SETS = [path.join(EVAL_DIR, 'polnear-dev', 'articles'), path.join(EVAL_DIR, 'polnear-train', 'articles')];
const HAVE_DATA = SETS.every((d) => existsSync(d));

function extractAll(articles: Article[], skipping: boolean): string[] {
  reportedSpeechSkipping.enabled = skipping;
  return articles.map((a) => JSON.stringify(extractQuotes(a.paragraphs, { title: a.title })));
}

/** Ids of the articles whose quotes differ (ids only: the texts are not to be printed or kept). */
function differing(articles: Article[]): string[] {
  const skipped = extractAll(articles, true);
  const all = extractAll(articles, false);
  return articles.filter((_, i) => skipped[i] !== all[i]).map((a) => a.id);
}

afterEach(() => {
  reportedSpeechSkipping.enabled = true;
});

describe('paragraphs skipped by the reported-speech search', () => {
  it('change nothing on the seed articles', async () => {
    const { articles } = await readCorpus(SEEDS);
    expect(articles.length).toBeGreaterThan(0);
    expect(differing(articles)).toEqual([]);
  });

  it.skipIf(!HAVE_DATA)('change nothing on polnear-dev and a quarter of polnear-train', async () => {
    const articles: Article[] = [];
    for (const [i, dir] of SETS.entries()) {
      const read = (await readCorpus(dir)).articles;
      articles.push(...(i === 0 ? read : read.filter((_, k) => k % 4 === 0)));
    }
    expect(articles.length).toBeGreaterThan(250);
    // Guards against a vacuous comparison: the sets hold reported speech.
    expect(extractAll(articles, true).filter((q) => q.includes('"kind":"indirect"')).length).toBeGreaterThan(100);
    expect(differing(articles)).toEqual([]);
  }, 120_000);
});
