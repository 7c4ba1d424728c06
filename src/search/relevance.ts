// How well who-said answers a relevance set: questions with the quotes a careful reader expects. The figure
// the project tracks (npm run eval shows it; a test fails when it drops).
import type { WhoSaidAnswer } from '../answers.js';

export interface RelevanceCase {
  question: string;
  /**
   * Quotes a careful reader expects among the first rows, each `article#paragraph` and the quote's first words
   * ("003_dc2851360bf64447#9 The language of ultimatums"), or a bare quote id (article#paragraph.n). Words, not
   * the ordinal: a new row found earlier in the paragraph renumbers the quotes after it.
   */
  expected: string[];
  note?: string;
}

export interface RelevanceCaseResult {
  question: string;
  /** Expected quotes found in the first `k` rows. */
  found: number;
  expected: number;
  /** Rows shown among the first `k`. */
  shown: number;
  /** Expected quotes missing from the first `k` rows. */
  missed: string[];
}

export interface RelevanceReport {
  k: number;
  cases: number;
  /** Mean over cases of found / min(k, expected): 1 when every expected quote that fits in k rows is there. */
  recallAtK: number;
  /** Mean over cases of found / shown: the share of the first k rows a careful reader expects. */
  precisionAtK: number;
  perCase: RelevanceCaseResult[];
}

type Row = Pick<WhoSaidAnswer, 'results'>['results'][number];

/** Letters and digits only, lower case: marks, dashes and spacing do not decide a match. */
function plain(s: string): string {
  return s.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
}

/** Whether a row is the expected quote: its id, or its paragraph and first words. */
export function isExpected(row: Row, expected: string): boolean {
  const space = expected.indexOf(' ');
  if (space < 0) return row.id === expected;
  return `${row.article}#${row.paragraph}` === expected.slice(0, space) && plain(row.text).startsWith(plain(expected.slice(space + 1)));
}

export function evaluateRelevance(
  ask: (question: string) => Pick<WhoSaidAnswer, 'results'>, cases: readonly RelevanceCase[], k = 10,
): RelevanceReport {
  const perCase = cases.map((c): RelevanceCaseResult => {
    const top = ask(c.question).results.slice(0, k);
    const want = [...new Set(c.expected)];
    const missed = want.filter((e) => !top.some((r) => isExpected(r, e)));
    return { question: c.question, found: want.length - missed.length, expected: want.length, shown: top.length, missed };
  });
  const mean = (xs: number[]): number => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : 0);
  return {
    k,
    cases: cases.length,
    recallAtK: mean(perCase.map((c) => (c.expected ? c.found / Math.min(k, c.expected) : 1))),
    precisionAtK: mean(perCase.map((c) => (c.shown ? c.found / c.shown : c.expected ? 0 : 1))),
    perCase,
  };
}
