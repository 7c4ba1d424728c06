// One full-text index over short texts (passages or quotes), keyed by string id. Wraps MiniSearch with the
// project's term processing and a query plan that stays fast on large corpora: exact terms first, typo
// tolerance only when that finds nothing, OR only when AND finds nothing.
import MiniSearch, { type Options, type Query } from 'minisearch';
import { Evaluation, QueryEvaluator, TooComplex } from './evaluate.js';
import { phraseWord, type ParsedQuery } from './query.js';
import { synonymsAt } from './synonyms.js';
import { indexTerms, processIndexTerm, stem, tokenize, tokenizeWithOffsets } from './text.js';
import { chooseCorrections, typoDistance, type Correction, type NearTerm } from './typos.js';

export interface IndexedText {
  id: string;
  text: string;
}

export interface TextHit {
  id: string;
  score: number;
  /** Index terms that matched (after prefix/typo expansion): used to highlight. */
  terms: string[];
}

/** Options shared by building and loading: loading a snapshot with other functions would load it wrong. */
export const MINISEARCH_OPTIONS: Options<IndexedText> = {
  idField: 'id',
  fields: ['text'],
  storeFields: [],
  tokenize,
  processTerm: processIndexTerm,
  searchOptions: {
    // Query terms are processed by parseQuery already; MiniSearch must not process them again.
    tokenize: (text: string) => [text],
    processTerm: (term: string) => term,
  },
  // Small vacuum slices: live removals must not block answers for long.
  autoVacuum: { batchSize: 200, batchWait: 5, minDirtCount: 500, minDirtFactor: 0.1 },
};

/** MiniSearch's weight for a fuzzy match: a correction scores as MiniSearch's own typo tolerance would. */
const FUZZY_WEIGHT = 0.45;
/** Typed terms whose corrections are remembered per index (cleared on any change). */
const MAX_CACHED_CORRECTIONS = 5_000;

/** Ways a single long word may be written as two ("ceasefire" → "cease fire"): each part a real word of 4+ letters. */
function compoundSplits(word: string): Query[] {
  const out: Query[] = [];
  if (word.length < 8) return out;
  for (let i = 4; i <= word.length - 4; i++) {
    out.push({ combineWith: 'AND', queries: [stem(word.slice(0, i)), stem(word.slice(i))] });
  }
  return out;
}

/** Hits by position, without an object per hit. */
export interface HitList {
  size: number;
  /** The index's number for the document (stable while it is indexed, never reused); -1 when unknown. */
  doc(i: number): number;
  id(i: number): string;
  score(i: number): number;
  hit(i: number): TextHit;
  /** How the plan found the hits (absent when nothing was found). */
  plan?: PlanInfo;
}

export type PlanInfo = Omit<PlanResult, 'evaluation'>;

function planInfo(found: PlanResult): PlanInfo {
  return { fuzzy: found.fuzzy, anyWord: found.anyWord, corrected: found.corrected };
}

/** A hit whose matched terms are worked out only when read (only shown hits are highlighted). */
class EvaluatedHit implements TextHit {
  constructor(
    readonly id: string, readonly score: number, private readonly doc: number, private readonly evaluation: Evaluation,
    /** The document's position in the evaluation's unranked order, when known. */
    private readonly at = -1,
  ) {}

  get terms(): string[] {
    return this.at >= 0 ? this.evaluation.terms(this.doc, this.at) : this.evaluation.terms(this.doc);
  }
}

export class TextIndex {
  private readonly mini: MiniSearch<IndexedText>;
  private readonly evaluator: QueryEvaluator;
  /** Corrections by typed term: the fuzzy lookup walks the whole term tree, and answers repeat. */
  private readonly corrected = new Map<string, Correction[]>();

  constructor(mini?: MiniSearch<IndexedText>) {
    this.mini = mini ?? new MiniSearch<IndexedText>(MINISEARCH_OPTIONS);
    this.evaluator = new QueryEvaluator(this.mini);
  }

  /** The number of the document `id` (see HitList.doc), if it is indexed. */
  docOf(id: string): number | undefined {
    return this.evaluator.docOf(id);
  }

  /** The id of the document numbered `doc` (see HitList.doc), if it is indexed. */
  idOf(doc: number): string | undefined {
    return this.evaluator.idOf(doc);
  }

  /** The MiniSearch instance (snapshots pack it). */
  get miniSearch(): MiniSearch<IndexedText> {
    return this.mini;
  }

  static loadJSON(json: string): TextIndex {
    return new TextIndex(MiniSearch.loadJSON<IndexedText>(json, MINISEARCH_OPTIONS));
  }

  toJSON(): unknown {
    return this.mini.toJSON();
  }

  get size(): number {
    return this.mini.documentCount;
  }

  has(id: string): boolean {
    return this.mini.has(id);
  }

  add(doc: IndexedText): void {
    if (this.corrected.size) this.corrected.clear();
    this.mini.add(doc);
    this.evaluator.added(doc.id);
  }

  addAll(docs: IndexedText[]): void {
    for (const doc of docs) this.add(doc);
  }

  /**
   * Removes a document. Given the text it was indexed with, its terms are removed at once (no dirt left for a
   * vacuum to clean, scores stay exact); without it, it is discarded and cleaned up later by MiniSearch.
   */
  remove(id: string, text?: string): void {
    if (!this.mini.has(id)) return;
    if (this.corrected.size) this.corrected.clear();
    const doc = this.evaluator.docOf(id);
    if (text === undefined) this.mini.discard(id);
    else this.mini.remove({ id, text });
    this.evaluator.removed(doc);
  }

  /** Every hit passing `keep`, ranked, and how the plan found them. */
  searchAll(query: ParsedQuery, keep?: (id: string) => boolean): { hits: TextHit[]; plan?: PlanInfo } {
    const found = this.planWithInfo(query, keep);
    if (!found) return { hits: [] };
    const evaluation = found.evaluation;
    if (Array.isArray(evaluation)) return { hits: keep ? evaluation.filter((h) => keep(h.id)) : evaluation, plan: planInfo(found) };
    const ranked = evaluation.rank({ keep });
    return { hits: ranked.docs.map((doc, i) => new EvaluatedHit(evaluation.id(doc), ranked.scores[i], doc, evaluation, ranked.at[i])), plan: planInfo(found) };
  }

  /** Ranked hits for a parsed query; phrases are checked by the caller on the text. */
  search(query: ParsedQuery, filter?: (id: string) => boolean): TextHit[] {
    const evaluation = this.plan(query, filter);
    if (!evaluation) return [];
    if (Array.isArray(evaluation)) return filter ? evaluation.filter((h) => filter(h.id)) : evaluation;
    const ranked = evaluation.rank({ keep: filter });
    return ranked.docs.map((doc, i) => new EvaluatedHit(evaluation.id(doc), ranked.scores[i], doc, evaluation, ranked.at[i]));
  }

  /**
   * Every hit, not ranked: in the order MiniSearch first met them, which is the order equal scores keep in
   * `search`. For callers that regroup hits and sort each group (by score, then this order) themselves; hit
   * objects (with matched terms) are made only for the rows a caller keeps.
   */
  searchUnranked(query: ParsedQuery): HitList {
    const found = this.planWithInfo(query);
    const evaluation = found?.evaluation;
    if (!found || !evaluation) return { size: 0, doc: () => -1, id: () => '', score: () => 0, hit: () => ({ id: '', score: 0, terms: [] }) };
    const plan = planInfo(found);
    if (Array.isArray(evaluation)) {
      return { size: evaluation.length, doc: () => -1, id: (i) => evaluation[i].id, score: (i) => evaluation[i].score, hit: (i) => evaluation[i], plan };
    }
    const { docs, scores } = evaluation.unranked();
    return {
      size: docs.length,
      doc: (i) => docs[i],
      id: (i) => evaluation.id(docs[i]),
      score: (i) => scores[i],
      hit: (i) => new EvaluatedHit(evaluation.id(docs[i]), scores[i], docs[i], evaluation, i),
      plan,
    };
  }

  /**
   * The best `limit` hits that pass `keep` (e.g. a phrase check), and how many pass in all: the same rows as
   * `search(query).filter(keep).slice(0, limit)` without ranking every match. `keepDoc`, when given, must
   * answer as `keep` does for the document's id, and is asked instead where document numbers are known.
   */
  searchTop(
    query: ParsedQuery,
    opts: { limit: number; keep?: (id: string) => boolean; keepDoc?: (doc: number) => boolean },
  ): { total: number; hits: TextHit[]; plan?: PlanInfo } {
    const found = this.planWithInfo(query);
    if (!found) return { total: 0, hits: [] };
    const evaluation = found.evaluation;
    const plan = planInfo(found);
    if (Array.isArray(evaluation)) {
      const kept = opts.keep ? evaluation.filter((h) => opts.keep!(h.id)) : evaluation;
      return { total: kept.length, hits: kept.slice(0, opts.limit), plan };
    }
    // By document number when the caller can (no id lookup per candidate); by id otherwise.
    const ranked = evaluation.rank({ limit: opts.limit, keep: opts.keep, keepDoc: opts.keepDoc });
    return { total: ranked.total, hits: ranked.docs.map((doc, i) => new EvaluatedHit(evaluation.id(doc), ranked.scores[i], doc, evaluation, ranked.at[i])), plan };
  }

  /** True when some indexed text holds `term` exactly (an index term: folded and stemmed). */
  hasTerm(term: string): boolean {
    return this.evaluator.termCount(term) > 0;
  }

  /** Index terms within typo distance of `term` (any, not only the closest), with how many documents hold them. */
  nearTerms(term: string): NearTerm[] {
    const distance = typoDistance(term.length);
    if (!distance) return [];
    return this.evaluator.termsNear(term, distance).filter((t) => t.distance > 0 && t.term !== term && t.count > 0);
  }

  /** What this index alone would read a typed term as (see chooseCorrections; it knows no names). */
  corrections(term: string): Correction[] {
    let found = this.corrected.get(term);
    if (found === undefined) {
      if (this.corrected.size >= MAX_CACHED_CORRECTIONS) this.corrected.clear();
      this.corrected.set(term, (found = chooseCorrections(term, this.nearTerms(term), () => false)));
    }
    return found;
  }

  /** The closest index terms a typo-tolerant plan reads `term` as, most frequent first. */
  closestTerms(term: string, max = 1): string[] {
    return this.corrections(term).slice(0, max).map((c) => c.term);
  }

  /**
   * The query plan: exact AND, typo-tolerant AND, then (several terms) exact OR, typo-tolerant OR; the first
   * that finds anything wins. Evaluated by QueryEvaluator (MiniSearch's semantics, faster); a query too large
   * for it goes to MiniSearch itself (the array of hits). Typo tolerance applies only to terms the corpus does
   * not hold (`known`, default: this index): a real word is never read as another ("sanctions" as "actions").
   */
  private plan(query: ParsedQuery, filter?: (id: string) => boolean): Evaluation | TextHit[] | null {
    const found = this.planWithInfo(query, filter);
    return found?.evaluation ?? null;
  }

  /** The plan's evaluation and which step found it (typo-tolerant, any word). */
  planWithInfo(query: ParsedQuery, filter?: (id: string) => boolean): PlanResult | null {
    if (query.terms.length === 0) return null;
    const known = query.known ?? ((t: string) => this.hasTerm(t));
    const correct = query.correct ?? ((t: string) => this.corrections(t));
    // Corrections per term, [] for a term the corpus holds (never corrected) or with no close term.
    const corrections = query.terms.map((t) => (typoDistance(t.length) > 0 && !known(t) ? correct(t) : []));
    const fuzzyAllowed = corrections.map((c) => c.length > 0);
    const plans: Array<{ fuzzy: boolean; combineWith: 'AND' | 'OR' }> = [
      { fuzzy: false, combineWith: 'AND' },
      { fuzzy: true, combineWith: 'AND' },
    ];
    if (query.terms.length > 1) plans.push({ fuzzy: false, combineWith: 'OR' }, { fuzzy: true, combineWith: 'OR' });
    for (const plan of plans) {
      if (plan.fuzzy && !fuzzyAllowed.some(Boolean)) continue;
      const built = this.buildQuery(query, plan.fuzzy ? corrections : null, plan.combineWith);
      const info = { fuzzy: plan.fuzzy, anyWord: plan.combineWith === 'OR', corrected: plan.fuzzy ? query.terms.filter((_, i) => fuzzyAllowed[i]) : [] };
      try {
        const evaluation = this.evaluator.evaluate(built);
        // A filter (like MiniSearch's) decides whether a plan found anything.
        if (evaluation.size && (!filter || evaluation.rank({ limit: 1, keep: filter }).total > 0)) return { evaluation, ...info };
      } catch (err) {
        if (!(err instanceof TooComplex)) throw err;
        const results = this.mini.search(built, { filter: filter ? (r) => filter(String(r.id)) : undefined });
        if (results.length) return { evaluation: results.map((r) => ({ id: String(r.id), score: r.score, terms: r.terms })), ...info };
      }
    }
    return null;
  }

  private buildQuery(query: ParsedQuery, corrections: Correction[][] | null, combineWith: 'AND' | 'OR'): Query {
    const { terms, words } = query;
    const last = terms.length - 1;
    const one = (i: number): Query => {
      const prefix = i === last && query.lastIsPrefix;
      const typed: Query = { combineWith: 'OR', queries: [terms[i]], prefix, fuzzy: false };
      // The chosen corrections only, each weighted as MiniSearch weighs a fuzzy match of its distance (a term
      // the prefix already finds is not counted twice).
      const read = (corrections?.[i] ?? []).filter((c) => !prefix || !c.term.startsWith(terms[i]));
      const exact: Query = read.length === 0 ? typed : {
        combineWith: 'OR',
        queries: [typed, ...read.map((c): Query => ({
          combineWith: 'OR', queries: [c.term], prefix: false, fuzzy: false,
          boostTerm: () => FUZZY_WEIGHT * c.term.length / (c.term.length + c.distance),
        }))],
      };
      const splits = compoundSplits(words[i]);
      return splits.length ? { combineWith: 'OR', queries: [exact, ...splits] } : exact;
    };
    const units: Query[] = [];
    for (let i = 0; i <= last; i++) {
      const synonyms = query.synonyms === false ? null : synonymsAt(terms, i);
      if (synonyms) {
        // The words typed, or any equivalent phrasing (each phrasing's words all present), the typed ones
        // scoring higher.
        const typed: Query[] = [];
        for (let k = 0; k < synonyms.length; k++) typed.push(one(i + k));
        // A phrasing of n words sums n scores and counts n matched terms (MiniSearch's quality factor): its
        // boost is divided by n² so that a longer phrasing does not outrank the word typed.
        const alternatives: Query[] = synonyms.alternatives.map((alt) => ({
          combineWith: 'AND', queries: alt, fuzzy: false, prefix: false, boostTerm: () => SYNONYM_BOOST / (alt.length * alt.length),
        }));
        units.push({
          combineWith: 'OR',
          queries: [
            // Any word of a typed phrase is enough when any word is ("peace deal" → "peace").
            typed.length === 1 ? typed[0] : { combineWith, queries: typed },
            ...alternatives,
          ],
        });
        i += synonyms.length - 1;
      } else if (combineWith === 'AND' && i < last && !synonymsAt(terms, i + 1)) {
        // Two typed words may be one in the text ("cease fire" finds "ceasefire").
        units.push({ combineWith: 'OR', queries: [{ combineWith: 'AND', queries: [one(i), one(i + 1)] }, stem(words[i] + words[i + 1])] });
        i++;
      } else units.push(one(i));
    }
    return { combineWith, queries: units };
  }
}

/** An equivalent phrasing scores this share of the words typed: exact words rank first. */
export const SYNONYM_BOOST = 0.35;

export interface PlanResult {
  evaluation: Evaluation | TextHit[];
  /** Typo tolerance was needed to find anything. */
  fuzzy: boolean;
  /** Not every term could be found together: any of them was enough. */
  anyWord: boolean;
  /** The terms typo tolerance applied to (when fuzzy). */
  corrected: string[];
}

export type Highlight = [number, number];

/** Character ranges of `text` whose words produce one of `terms`; phrases highlight as one range. */
export function highlight(text: string, terms: Iterable<string>): Highlight[] {
  const wanted = new Set(terms);
  const ranges: Highlight[] = [];
  if (wanted.size === 0) return ranges;
  for (const token of tokenizeWithOffsets(text)) {
    if (cachedIndexTerms(token.word).some((t) => wanted.has(t))) ranges.push([token.start, token.end]);
  }
  return ranges;
}

/** Highlighting runs the index's term processing on every word shown; words repeat, so results are cached. */
const termsOfWord = new Map<string, string[]>();

function cachedIndexTerms(word: string): string[] {
  let out = termsOfWord.get(word);
  if (out === undefined) {
    if (termsOfWord.size >= MAX_CACHED_WORDS) termsOfWord.clear();
    termsOfWord.set(word, (out = indexTerms(word)));
  }
  return out;
}

/** Phrase checks run over thousands of passages per query; words repeat, so their folded stems are cached. */
const phraseWords = new Map<string, string>();
const MAX_CACHED_WORDS = 200_000;

function cachedPhraseWord(word: string): string {
  let out = phraseWords.get(word);
  if (out === undefined) {
    if (phraseWords.size >= MAX_CACHED_WORDS) phraseWords.clear();
    phraseWords.set(word, (out = phraseWord(word)));
  }
  return out;
}

/** True when `text` holds every phrase as consecutive words. */
export function containsPhrases(text: string, phrases: string[][]): boolean {
  if (phrases.length === 0) return true;
  return tokensContainPhrases(text, phrases);
}

function tokensContainPhrases(text: string, phrases: string[][]): boolean {
  const tokens = tokenize(text);
  const words: Array<string | undefined> = new Array(tokens.length);
  const word = (i: number): string => (words[i] ??= cachedPhraseWord(tokens[i]));
  return phrases.every((phrase) => {
    const first = phrase[0].charCodeAt(0);
    outer: for (let i = 0; i + phrase.length <= tokens.length; i++) {
      // Folding and stemming keep an ASCII word's first character (lower-cased): most words are ruled out
      // without working out their stem.
      const c = tokens[i].charCodeAt(0);
      if (c < 128 && (c >= 65 && c <= 90 ? c + 32 : c) !== first) continue;
      for (let j = 0; j < phrase.length; j++) if (word(i + j) !== phrase[j]) continue outer;
      return true;
    }
    return false;
  });
}
