// How well who-said answers a relevance set: questions with the quotes a careful reader expects. The figure
// the project tracks (npm run eval shows it; a test fails when it drops).
import type { WhoSaidAnswer } from '../answers.js';

export interface RelevanceCase {
  question: string;
  /** Quote ids (article#paragraph.n) a careful reader expects among the first rows. */
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

export function evaluateRelevance(
  ask: (question: string) => Pick<WhoSaidAnswer, 'results'>, cases: readonly RelevanceCase[], k = 10,
): RelevanceReport {
  const perCase = cases.map((c): RelevanceCaseResult => {
    const top = ask(c.question).results.slice(0, k);
    const ids = new Set(top.map((r) => r.id));
    const want = new Set(c.expected);
    const found = [...want].filter((id) => ids.has(id)).length;
    return { question: c.question, found, expected: want.size, shown: top.length, missed: [...want].filter((id) => !ids.has(id)) };
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
