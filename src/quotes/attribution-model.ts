// The learned choice of a quote's speaker. The attribution rules propose candidates (each rule's answer, the
// rules' own cascade pick, names near the quote) with evidence; a logistic model over that evidence, trained by
// `npm run train:attribution` on polnear-train, scores each candidate and the best one is the speaker.
// Features are sparse (name → value); weights are a small JSON file, so scoring is a few map lookups.
import weightsFile from './attribution-weights.json' with { type: 'json' };

/** One candidate speaker of one quote, with the evidence for it. */
export interface Candidate<R> {
  ref: R;
  /** Feature name → value (most are 0/1 indicators). */
  features: Map<string, number>;
}

export interface ModelWeights {
  /** What the weights were trained on and how, for the record. */
  trainedOn: string;
  /**
   * Where the rules found nobody, the least score a candidate needs: set in training so that such picks are
   * right at least four times in five on polnear-train.
   */
  noRuleThreshold: number;
  weights: Record<string, number>;
}

const MODEL = weightsFile as ModelWeights;
const WEIGHTS = new Map(Object.entries(MODEL.weights));

/** The model's score of a candidate (log-odds against the quote's other candidates). */
export function candidateScore(features: Map<string, number>, weights: ReadonlyMap<string, number> = WEIGHTS): number {
  let z = 0;
  for (const [name, value] of features) z += (weights.get(name) ?? 0) * value;
  return z;
}

/** Whether committed weights exist (an empty file means the rules' cascade decides alone). */
export function modelLoaded(): boolean {
  return WEIGHTS.size > 0;
}

/**
 * The candidate to take: the best scored; ties go to the earlier one (the rules' order). With `needEvidence`
 * (the rules found nobody) its score must reach the trained threshold.
 */
export function chooseCandidate<R>(cands: readonly Candidate<R>[], needEvidence: boolean, weights: ReadonlyMap<string, number> = WEIGHTS, threshold = MODEL.noRuleThreshold): { cand: Candidate<R>; score: number } | undefined {
  let best: { cand: Candidate<R>; score: number } | undefined;
  for (const cand of cands) {
    const score = candidateScore(cand.features, weights);
    if (!best || score > best.score) best = { cand, score };
  }
  if (!best || (needEvidence && best.score < threshold)) return undefined;
  return best;
}
