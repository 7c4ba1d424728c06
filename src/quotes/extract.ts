// The quotation extractor: one article's paragraphs → quotations with their speakers.
//
// 1. Every paragraph is scanned once for quote marks (marks.ts) and dash-led speech; the spans are masked so
//    that words inside a quote are never taken for its attribution.
// 2. A pre-pass records every mention (mentions.ts) in an ArticleContext (context.ts): the fullest name of each
//    person, their titles/roles/country, organisations and acronyms.
// 3. Each span is attributed, in order of reliability: an attribution right after the closing mark ("…,” X said /
//    said X / according to X), the subject of the last reporting verb before the opening mark in its sentence,
//    "according to X", a reporting verb later in the sentence, a headline "X: …" prefix, another quote of the same
//    paragraph, the speaker of a quote the paragraph continues. Pronouns and role phrases resolve through the context.
// 4. Sentences with a reporting verb and no quote marks ("Lavrov said that …") become indirect quotes.
import type { ExtractedQuote, QuoteKind, QuoteMarks } from '../types.js';
import { ArticleContext, type SpeakerRef } from './context.js';
import {
  AUXILIARIES, HONORIFICS, INVERTIBLE_VERBS, PERSON_ROLES, ROLE_MODIFIERS, REPORTING_VERBS, SPEECH_ACT_VERBS, STATEMENT_NOUNS, WORK_TITLE_CUES,
} from './lexicon.js';
import { isDoubleMark, scanQuoteMarks, type MarkSpan } from './marks.js';
import { chooseCandidate, modelLoaded, type Candidate } from './attribution-model.js';
import { mayReportSpeech } from './may-quote.js';
import { findMentions, tokenize, type Mention, type MentionKind, type Token } from './mentions.js';
import { posAt, tag, type Pos } from './nlp.js';
import { INDIRECT_VERBS, REPORTED_CUE_VERBS, headlineReported, indirectCandidates, type IndirectCandidate } from './reported.js';

export interface ExtractOptions {
  /** The article's headline; quotes found in it get paragraph 0. */
  title?: string;
  /** 'rules': the rules' cascade alone picks speakers (to train the model on); default: the model picks. */
  attribution?: 'model' | 'rules';
  /** Sees every marked quote's speaker candidates (for training the model). */
  onCandidates?: (quote: ExtractedQuote, candidates: Candidate<SpeakerRef>[]) => void;
}

interface Span extends MarkSpan {
  dash?: boolean;
}

interface Para {
  index: number;
  text: string;
  tokens: Token[];
  /** Tokens outside every quoted span, in order. */
  outside: Token[];
  /** Mentions outside every quoted span, in order. */
  mentions: Mention[];
  spans: Span[];
  /** Offsets where a sentence starts (0 first). */
  sentences: number[];
  /** How the whole article writes its words (see articleCasing); set once every paragraph is prepared. */
  casing?: ArticleCasing;
}

/** Words the article writes in lower case, and those it capitalises where no sentence starts. */
interface ArticleCasing {
  lower: Set<string>;
  capitalMidSentence: Set<string>;
}

/**
 * "Sanctions warned …", "Ceasefire demands …": a capital at a sentence start says nothing, and the tagger reads
 * any such word as a proper noun. A word the same article also writes in lower case, and never capitalises
 * mid-sentence, is a common word there, not a name.
 */
function articleCasing(paras: readonly Para[]): ArticleCasing {
  const lower = new Set<string>();
  const capitalMidSentence = new Set<string>();
  for (const p of paras) {
    let next = 0;
    let midSentence = false;
    for (const t of p.tokens) {
      while (next < p.sentences.length && p.sentences[next] <= t.start) {
        next++;
        midSentence = false;
      }
      if (!t.cap) lower.add(t.low);
      else if (midSentence && !t.acr) capitalMidSentence.add(t.low);
      midSentence = true;
    }
  }
  return { lower, capitalMidSentence };
}

/**
 * Most quoted spans read in one paragraph. Each costs tens of microseconds to attribute; a page of a hundred
 * thousand marks would hold the thread for seconds, and no news paragraph comes near this many.
 */
const MAX_SPANS = 10_000;

/** Longest paragraph looked at in full; beyond it only quote marks near the start are considered. */
const MAX_WINDOW = 600;

const ABBREVIATIONS = new Set(['mr', 'mrs', 'ms', 'dr', 'st', 'jr', 'sr', 'gen', 'col', 'lt', 'no', 'vs', 'etc', 'prof', 'sen', 'rep', 'gov', 'maj', 'capt', 'sgt', 'inc', 'ltd', 'co', 'corp', 'approx', 'est', 'fig', 'del', 'amb', 'adm', 'cmdr', 'supt', 'atty']);
const NOUN_DETERMINERS = new Set(['the', 'a', 'an', 'his', 'her', 'their', 'its', 'our', 'these', 'those', 'this', 'such', 'any', 'no', 'of', 'in', 'whose', 'my', 'your']);
const CLAUSE_SUBJECT_START = new Set([
  'he', 'she', 'it', 'they', 'we', 'i', 'you', 'there', 'the', 'a', 'an', 'these', 'those', 'russia', 'ukraine', 'moscow', 'kyiv', 'no',
  'any', 'all', 'some', 'his', 'her', 'their', 'its', 'our', 'more', 'less', 'fewer', 'nearly', 'almost', 'roughly', 'many',
  'most', 'several', 'both', 'none', 'each', 'every', 'neither', 'either',
]);
/** The word as a clause's subject, contractions read through ("he’d", "they're", "she'll" → "he", "they", "she"); undefined when it opens no clause. */
function subjectWord(low: string): string | undefined {
  const bare = low.replace(/['’](?:d|ll|re|ve|m|s)$/, '');
  return CLAUSE_SUBJECT_START.has(bare) ? bare : undefined;
}
const RELATIVE_START = new Set(['who', 'which', 'whose', 'whom', 'where', 'speaking', 'known', 'writing', 'quoted', 'cited', 'seen', 'according']);
const SKIP_SEGMENT_START = new Set(['in', 'on', 'at', 'over', 'during', 'after', 'before', 'since', 'while', 'although', 'though', 'if', 'when', 'as', 'speaking', 'according', 'despite', 'amid', 'following', 'for', 'with', 'by', 'from', 'under', 'meanwhile', 'however', 'additionally', 'earlier', 'later', 'also', 'but', 'and', 'yet', 'so', 'because', 'who', 'which', 'whose', 'where']);

export function extractQuotes(paragraphs: readonly string[], opts: ExtractOptions = {}): ExtractedQuote[] {
  const ctx = new ArticleContext();
  const paras: Para[] = paragraphs.map((text, i) => prepare(i + 1, typeof text === 'string' ? text : ''));
  const casing = articleCasing(paras);
  for (const p of paras) p.casing = casing;
  for (const p of paras) ctx.addParagraph(p.index, p.text, p.mentions, p.sentences);
  ctx.finish();

  const out: ExtractedQuote[] = [];
  if (opts.title) out.push(...extractFromTitle(opts.title, ctx));
  const useModel = opts.attribution !== 'rules' && modelLoaded();

  let prevQuote: { para: number; ref: SpeakerRef | null; open: boolean } | null = null;
  for (const p of paras) {
    type Item = { at: number; span: Span; indirect?: undefined } | { at: number; span: null; indirect: IndirectCandidate };
    const items: Item[] = [
      ...p.spans.map((s): Item => ({ at: s.open >= 0 ? s.open : s.start, span: s })),
      ...(mayReportSpeech(p.text, p.tokens, REPORTED_CUE_VERBS) ? indirectCandidates(p, paras[p.index - 2]) : []).map((c): Item => ({ at: c.verb.start, span: null, indirect: c })),
    ].sort((a, b) => a.at - b.at);
    let paraSpeaker: SpeakerRef | null = null;
    // "PENCE: Well, the question …": a transcript's speaker label gives the paragraph's speaker; what follows
    // it is that person's words, quoted or not (the label itself is never part of the quote).
    const label = qaLabel(p.text);
    if (label) {
      const ref = ctx.resolveLabel(label.name);
      paraSpeaker = ref;
      if (!p.spans.some((s) => s.start < label.end + 3)) {
        const end = trimEnd(p.text, label.end, p.text.length);
        if (end > label.end && p.spans.length === 0) {
          out.push(makeQuote(p.index, p.text.slice(label.end, end), 'direct', 'none', ref, 'qa-label'));
          ctx.noteSpeaker(ref, p.index, label.end);
          continue;
        }
      }
    }
    const unattributed: ExtractedQuote[] = [];
    for (const item of items) {
      if (!item.span) {
        const c = item.indirect;
        const ref = via(c.rule, c.subject, p, ctx);
        if (!ref) continue;
        if (c.inPrevious) out.push(makeQuote(p.index - 1, paras[p.index - 2].text.slice(c.from, c.to), 'indirect', 'none', ref, lastRule));
        else if (!c.intro) out.push(makeQuote(p.index, p.text.slice(c.from, c.to), 'indirect', 'none', ref, lastRule));
        ctx.noteSpeaker(ref, p.index, c.verb.start);
        continue;
      }
      const span = item.span;
      ruleMemo.clear();
      const text = p.text.slice(span.start, span.end);
      lastRule = 'none';
      const explicit = attribute(p, span, ctx);
      if (!keepSpan(p, span, text, explicit !== undefined)) continue;
      let ref: SpeakerRef | null = explicit ?? null;
      let rule = lastRule;
      if (explicit === undefined) {
        const atStart = span.open >= 0 && p.text.slice(0, span.open).trim() === '';
        // “… he calls “hell” than live …” ― Jane Roe: a quote broken by inner marks is credited at its end; the
        // later part's speaker fills this one in (same-paragraph-later), not the previous paragraph's speaker.
        const later = !paraSpeaker && prevQuote !== null && !prevQuote.open && creditedLater(p, span, ctx);
        if (paraSpeaker) [ref, rule] = [paraSpeaker, 'same-paragraph'];
        else if (!later && prevQuote && (prevQuote.open || atStart) && prevQuote.para >= p.index - 1) [ref, rule] = [prevQuote.ref, 'continuation'];
        else if ((ref = attributeByClauseVerb(p, span, ctx) ?? null)) rule = lastRule;
        else if (!later && ctx.lastSpeaker && ctx.lastSpeaker.para >= p.index - 1 && (atStart || span.dash)) [ref, rule] = [ctx.lastSpeaker.ref, 'last-speaker'];
      }
      if (label && span.start < label.end) {
        // The label inside the marks ("“WALLACE: Let’s start …”"): the quote starts after it.
        if (span.end <= label.end) continue;
        const q = makeQuote(p.index, p.text.slice(label.end, span.end), 'direct', marksOf(span, paras[p.index]), paraSpeaker, 'qa-label');
        out.push(q);
        prevQuote = { para: p.index, ref: paraSpeaker, open: span.close < 0 && !span.dash };
        continue;
      }
      if (label && explicit === undefined) rule = 'qa-label';
      let cands: Candidate<SpeakerRef>[] | undefined;
      if (useModel || opts.onCandidates) {
        const atStart = span.open >= 0 && p.text.slice(0, span.open).trim() === '';
        cands = speakerCandidates(p, span, ctx, { ref, rule, atStart, prev: prevQuote, paraSpeaker, title: opts.title ?? '' });
        if (useModel && !label && !TRUSTED_RULES.has(rule)) {
          const cascade: SpeakerRef | null = ref;
          const allowed: Candidate<SpeakerRef>[] = cands.filter((c) => c.ref.key === cascade?.key || mayOverrule(p, ctx, c, cascade, rule));
          const pick: { cand: Candidate<SpeakerRef>; score: number } | undefined = chooseCandidate(allowed, ref === null);
          if (pick && pick.cand.ref.key !== ref?.key) [ref, rule] = [pick.cand.ref, 'model'];
        }
      }
      const q = makeQuote(p.index, text, kindOf(p, span, text), marksOf(span, paras[p.index]), ref, rule);
      if (cands && opts.onCandidates) opts.onCandidates(q, cands);
      out.push(q);
      if (ref) {
        paraSpeaker = ref;
        ctx.noteSpeaker(ref, p.index, span.start);
        for (const u of unattributed.splice(0)) {
          setSpeaker(u, ref);
          u.rule = 'same-paragraph-later';
        }
      } else unattributed.push(q);
      prevQuote = { para: p.index, ref, open: span.close < 0 && !span.dash };
    }
  }
  return out;
}

/**
 * Rules that read the source off the words themselves ("according to X", "quoted X as saying"): the model does not
 * overrule them. The training news rarely writes them around a direct quote, so its weights for them are no
 * evidence, and where they fire the nearest name is usually the person spoken about, not the speaker.
 */
const NAMED_BY_RULE = ['according-to', 'after-close-according-to', 'quoted-as-saying'];

/**
 * Rules the model does not overrule: those above, and those whose answers were right at least nine times in ten
 * on polnear-train (`npm run eval -- --rules` with the rules alone): a speech verb with its subject next to the
 * quote, an apposition, a transcript label, a credit line. Overruling them gained a little on that news and broke
 * the plain wire-copy patterns the tests hold. The model decides where the rules guess: pronouns, continued quotes,
 * the last speaker, a verb further off, and quotes the rules leave without a speaker.
 */
const TRUSTED_RULES: ReadonlySet<string> = new Set([
  ...NAMED_BY_RULE, 'qa-label', 'dash-credit', 'colon-lead', 'same-paragraph', 'after-close-said-X', 'after-close-X-said',
  'after-close-X-apposition-said', 'later-comma-said-X', 'later-comma-X-said', 'subject-of-verb-before',
  'subject-of-verb-after', 'subject-of-outer-verb',
]);

/** Candidates seen only as a name near the quote, with that name: the tagger checks them before the model may pick one. */
const NEARBY_ONLY = new WeakMap<Candidate<SpeakerRef>, Mention>();

/**
 * Whether the model may take `c` instead of the rules' answer: a name seen only nearby must pass the speaker check
 * (never "Fighting" or "Democratic"), and in place of a pronoun's referent only a person of the pronoun's gender.
 */
function mayOverrule(p: Para, ctx: ArticleContext, c: Candidate<SpeakerRef>, cascade: SpeakerRef | null, rule: string): boolean {
  const m = NEARBY_ONLY.get(c);
  if (m && notASpeaker(p, m)) return false;
  if (rule === 'pronoun' && cascade) {
    if (c.ref.type !== 'person') return false;
    const want = ctx.genderOf(cascade.key);
    const got = ctx.genderOf(c.ref.key);
    if (want && got && want !== got) return false;
  }
  return true;
}

/** What the extraction loop knows when a span's speaker is chosen. */
interface ChoiceState {
  ref: SpeakerRef | null;
  rule: string;
  atStart: boolean;
  prev: { para: number; ref: SpeakerRef | null; open: boolean } | null;
  paraSpeaker: SpeakerRef | null;
  /** The article's headline ('' when none): the people it names are the ones quoted most. */
  title: string;
}

// Feature names are built once: the choice runs for every quote, and new strings per quote would cost more than
// the scoring itself.
const QUOTE_FLAGS = ['para-start', 'left-open', 'dash', 'sentence-start', 'sentence-end', 'several-quotes'] as const;
type QuoteFlag = typeof QUOTE_FLAGS[number];
/** Evidence whose weight depends on where the quote stands, crossed with each flag. */
const CROSSES = new Map<string, Record<QuoteFlag, string>>(
  ['cascade', 'previous-quote', 'last-speaker', 'paragraph-speaker', 'near-before:first', 'near-after:first', 'pronoun', 'sentence-subject', 'rule:after', 'rule:before', 'rule:later', 'rule:next-sentence']
    .map((name) => [name, Object.fromEntries(QUOTE_FLAGS.map((f) => [f, `${name}&${f}`])) as Record<QuoteFlag, string>]),
);
const MENTION_KINDS: MentionKind[] = ['person', 'org', 'place', 'name1', 'group', 'desc', 'role', 'pronoun'];
const NEAR_FEATURES = Object.fromEntries((['before', 'after'] as const).map((side) => [side, {
  near: `near-${side}`, closeness: `near-${side}:closeness`, first: `near-${side}:first`, sentence: `near-${side}:sentence`,
  subject: `near-${side}:subject`, sentenceSubject: `near-${side}:sentence&subject`, sentenceFirst: `near-${side}:sentence&first`,
  kind: Object.fromEntries(MENTION_KINDS.map((k) => [k, `near-${side}:${k}`])) as Record<MentionKind, string>,
}])) as Record<'before' | 'after', { near: string; closeness: string; first: string; sentence: string; subject: string; sentenceSubject: string; sentenceFirst: string; kind: Record<MentionKind, string> }>;
const TYPE_FEATURES: Record<SpeakerRef['type'], string> = { person: 'type:person', organization: 'type:organization', group: 'type:group' };
const cascadeNames = new Map<string, string>();
function cascadeFeature(rule: string): string {
  let name = cascadeNames.get(rule);
  if (name === undefined) cascadeNames.set(rule, (name = `cascade:${rule}`));
  return name;
}

/** How far around a quote names count as candidates: a sentence or two, and bounded on huge paragraphs. */
const CANDIDATE_WINDOW = 300;
const MAX_NEARBY = 8;

/**
 * The candidate speakers of a span: each attribution rule's own answer, the cascade's pick, the speaker of the
 * quote it may continue, and the people and organisations named near it, each with the evidence for it.
 */
function speakerCandidates(p: Para, span: Span, ctx: ArticleContext, st: ChoiceState): Candidate<SpeakerRef>[] {
  const saved = lastRule;
  const byKey = new Map<string, Candidate<SpeakerRef>>();
  const add = (ref: SpeakerRef | null | undefined, feature: string, value = 1): Candidate<SpeakerRef> | undefined => {
    if (!ref) return undefined;
    let c = byKey.get(ref.key);
    if (!c) byKey.set(ref.key, (c = { ref, features: new Map([['bias', 1]]) }));
    c.features.set(feature, Math.max(c.features.get(feature) ?? 0, value));
    return c;
  };
  const openAt = span.open >= 0 ? span.open : span.start;
  const closeAt = span.close >= 0 ? span.close : span.end;
  const sentStart = sentenceStartBefore(p, openAt);
  const sentEnd = sentenceEndAfter(p, closeAt);
  try {
    const rule = (name: string, ref: SpeakerRef | null | undefined): void => {
      const c = add(ref, name);
      if (c && lastRule === 'pronoun') c.features.set('pronoun', 1);
      lastRule = 'none';
    };
    lastRule = 'none';
    if (span.close >= 0) rule('rule:after', remembered(span, 'after', () => attributeAfter(p, span.close + 1, ctx)));
    rule('rule:before', remembered(span, 'before', () => attributeBefore(p, sentStart, openAt, ctx)));
    if (span.close >= 0) rule('rule:later', remembered(span, 'later', () => attributeLaterInSentence(p, span, ctx)));
    if (span.close >= 0 && p.text.slice(sentStart, openAt).trim() === '') rule('rule:next-sentence', remembered(span, 'next-sentence', () => attributeNextSentence(p, span, ctx)));
    // The clause-verb rule runs the tagger, the slow part: it counts only through the cascade's pick.
    const c = add(st.ref, 'cascade');
    if (c) c.features.set(cascadeFeature(st.rule), 1);
    if (st.prev && st.prev.para >= p.index - 1) {
      const k = add(st.prev.ref, 'previous-quote');
      if (k) {
        if (st.atStart) k.features.set('previous-quote:para-start', 1);
        if (st.prev.open) k.features.set('previous-quote:left-open', 1);
        if (st.prev.para === p.index) k.features.set('previous-quote:same-paragraph', 1);
      }
    }
    const last = ctx.lastSpeaker;
    if (last && last.para >= p.index - 1) {
      const k = add(last.ref, 'last-speaker');
      if (k && st.atStart) k.features.set('last-speaker:para-start', 1);
    }
    add(st.paraSpeaker, 'paragraph-speaker');
    // Names near the quote: nearest first on each side, outside every quote.
    const near = mentionsIn(p, Math.max(0, openAt - CANDIDATE_WINDOW), Math.min(p.text.length, closeAt + CANDIDATE_WINDOW));
    const before = near.filter((m) => m.end <= openAt).reverse().slice(0, MAX_NEARBY);
    const after = near.filter((m) => m.start >= closeAt).slice(0, MAX_NEARBY);
    // The sentence's subject: its first name outside an introductory phrase, before the quote.
    const subject = near.find((m) => m.start >= sentStart && m.end <= openAt && m.subjectOk && !m.possessive && (m.kind === 'person' || m.kind === 'name1' || m.kind === 'org' || m.kind === 'desc'));
    const nearby = (m: Mention, ref: SpeakerRef | null, feature: string): Candidate<SpeakerRef> | undefined => {
      const fresh = ref !== null && !byKey.has(ref.key);
      const k = add(ref, feature);
      if (k && fresh) NEARBY_ONLY.set(k, m);
      return k;
    };
    if (subject && !plainlyNotASpeaker(subject)) nearby(subject, ctx.resolve(subject, p.index), 'sentence-subject');
    for (const [side, list] of [['before', before], ['after', after]] as const) {
      const f = NEAR_FEATURES[side];
      let rank = 0;
      for (const m of list) {
        // The lexicon's check only: the tagger's, per name, would cost more than the rest of the choice.
        // Names only: a role phrase or a group is resolved by searching the article, too slow to do for each.
        if (m.possessive || !(m.kind === 'person' || m.kind === 'name1' || m.kind === 'org' || m.kind === 'desc') || plainlyNotASpeaker(m)) continue;
        const ref = ctx.resolve(m, p.index);
        if (!ref) continue;
        rank++;
        const dist = side === 'before' ? openAt - m.end : m.start - closeAt;
        const k = nearby(m, ref, f.near);
        if (!k) continue;
        const closeness = 1 / (1 + dist / 40);
        k.features.set(f.closeness, Math.max(k.features.get(f.closeness) ?? 0, closeness));
        if (rank === 1) k.features.set(f.first, 1);
        const inSentence = side === 'before' ? m.start >= sentStart : m.end <= sentEnd;
        if (inSentence) k.features.set(f.sentence, 1);
        if (m.subjectOk) k.features.set(f.subject, 1);
        if (inSentence && m.subjectOk) k.features.set(f.sentenceSubject, 1);
        if (inSentence && rank === 1) k.features.set(f.sentenceFirst, 1);
        k.features.set(f.kind[m.kind], 1);
      }
    }
  } finally {
    lastRule = saved;
  }
  // Where the quote stands decides which evidence to trust ("…,” he said" vs a paragraph opening with a quote).
  const flags: QuoteFlag[] = [];
  if (st.atStart) flags.push('para-start');
  if (span.close < 0) flags.push('left-open');
  if (span.dash) flags.push('dash');
  if (p.text.slice(sentStart, openAt).trim() === '') flags.push('sentence-start');
  if (span.close >= 0 && /^[\s,.!?;:'’”"»–—-]*$/.test(p.text.slice(span.close + 1, sentEnd))) flags.push('sentence-end');
  if (p.spans.length > 1) flags.push('several-quotes');
  const out = [...byKey.values()];
  let most = 0;
  for (const c of out) most = Math.max(most, ctx.mentionCount(c.ref.key));
  for (const c of out) {
    const count = ctx.mentionCount(c.ref.key);
    if (count > 0 && count === most) c.features.set('most-mentioned', 1);
    const surname = /(\p{L}[\p{L}'’-]+)\s*$/u.exec(c.ref.name)?.[1];
    if (surname && st.title.includes(surname)) c.features.set('in-headline', 1);
    if (flags.length) {
      for (const name of [...c.features.keys()]) {
        const crossed = CROSSES.get(name);
        if (crossed) for (const flag of flags) c.features.set(crossed[flag], 1);
      }
    }
    const f = c.features;
    f.set(TYPE_FEATURES[c.ref.type], 1);
    if (c.ref.key.startsWith('d:')) f.set('described', 1);
    if (c.ref.type === 'person' && /\s/.test(c.ref.name)) f.set('full-name', 1);
    f.set('mentions', Math.log1p(ctx.mentionCount(c.ref.key)) / 3);
    let rules = 0;
    for (const name of f.keys()) if (name.startsWith('rule:')) rules++;
    f.set('rules-agreeing', rules / 3);
    if (out.length === 1) f.set('only-candidate', 1);
  }
  return out;
}

/**
 * Whether a later quote of the paragraph, in the same sentence, names its own speaker (a dash credit or an
 * attribution after it): then that speaker is this quote's too.
 */
function creditedLater(p: Para, span: Span, ctx: ArticleContext): boolean {
  const saved = lastRule;
  try {
    // The next few quotes only: a sentence holds few, and a page of thousands of marks stays linear.
    for (const next of spansFrom(p, span.end, span.end + MAX_WINDOW).slice(0, 4)) {
      if (next.start <= span.end) continue;
      if (/[.!?…]["”’»]*\s+["“‘«]?\p{Lu}/u.test(p.text.slice(span.end, next.open >= 0 ? next.open : next.start))) return false;
      if (attribute(p, next, ctx) != null) return true;
    }
    return false;
  } finally {
    lastRule = saved;
  }
}

/**
 * The attribution rule that produced the last speaker (extraction is synchronous, so one slot suffices). Every
 * quote records it in `rule`, so evaluation can measure each rule's precision.
 */
let lastRule = 'none';

/**
 * Resolves `m` as the speaker found by `rule`; a pronoun's resolution is its own rule. Undefined when the
 * candidate cannot be a speaker at all, so that the next rule may look.
 */
function via(rule: string, m: Mention, p: Para, ctx: ArticleContext): SpeakerRef | null | undefined {
  if (notASpeaker(p, m)) return undefined;
  lastRule = m.kind === 'pronoun' ? 'pronoun' : rule;
  return ctx.resolve(m, p.index);
}

/** Tags that a speaker's head word never has ("Fighting", "Shifting" are verbs; "Democratic" an adjective). */
const NON_SPEAKER_TAGS = new Set<Pos>(['VERB', 'ADJ', 'ADV', 'ADP', 'AUX', 'DET', 'NUM', 'SCONJ', 'CCONJ', 'PART', 'INTJ', 'PUNCT', 'SYM']);

/**
 * A single capitalised word the article never uses as a name: a date, a title or role alone ("Del.",
 * "Assistant"), a party/state tag ("R-Utah"), or a word the tagger reads as a verb or an adjective.
 */
function notASpeaker(p: Para, m: Mention): boolean {
  if (m.kind !== 'name1') return false;
  if (plainlyNotASpeaker(m)) return true;
  if (m.text.length > 1 && m.text === m.text.toUpperCase()) return false; // an acronym
  const s = sentenceStartBefore(p, m.start);
  const opensSentence = /^[\s"“‘'«„(]*$/.test(p.text.slice(s, m.start));
  if (opensSentence && m.tokEnd - m.tokStart === 1 && commonWordCapitalised(p, p.tokens[m.tokStart])) return true;
  const pos = tagNear(p, m.start, Math.min(sentenceEndAfter(p, m.start), m.end + 60));
  if (pos === undefined || !NON_SPEAKER_TAGS.has(pos)) return false;
  // Mid-sentence the tagger reads surnames such as Ford or Lynch as verbs; a verb that opens the sentence
  // ("Shifting the blame, …") is one.
  return pos !== 'VERB' || opensSentence;
}

/**
 * A word capitalised only because it opens its sentence, which the article otherwise writes in lower case
 * (see articleCasing). A plural is left to the group rules: "Supporters say …" is written "supporters" elsewhere too.
 */
function commonWordCapitalised(p: Para, t: Token | undefined): boolean {
  if (t === undefined || !t.cap || t.acr || /[^s]s$/.test(t.low) || !p.casing?.lower.has(t.low) || p.casing.capitalMidSentence.has(t.low)) return false;
  // "We asked …", "Some urged …": pronouns and quantifiers speak for people whatever their case.
  const pos = tagNear(p, t.start, Math.min(sentenceEndAfter(p, t.start), t.end + 60));
  return pos === 'NOUN' || pos === 'PROPN';
}

/** The lexicon's part of notASpeaker, without the tagger: a date, a title or role alone, a party/state tag. */
function plainlyNotASpeaker(m: Mention): boolean {
  if (m.kind !== 'name1') return false;
  const low = m.text.toLowerCase().replace(/\.$/, '');
  return /^[RDI]-\p{Lu}/u.test(m.text) || DAYS_AND_MONTHS.has(low) || HONORIFICS.has(low) || low in PERSON_ROLES || ROLE_MODIFIERS.has(low);
}

/** Upper-case words that label a line without naming a speaker ("UPDATE: …", "EDITOR’S NOTE: …"). */
const NOT_LABELS = new Set([
  'update', 'updated', 'note', 'editor', 'editors', 'editor’s', "editor's", 'breaking', 'watch', 'read', 'more', 'related', 'see', 'also',
  'photo', 'photos', 'video', 'correction', 'source', 'sources', 'credit', 'warning', 'advertisement', 'listen', 'q', 'a', 'question',
  'answer', 'transcript', 'live', 'latest', 'exclusive', 'analysis', 'opinion', 'news', 'the', 'and', 'of', 'in', 'on', 'at', 'by', 'to', 'for',
  'us', 'u.s', 'uk', 'eu', 'un', 'nato', 'gop', 'tv', 'ps', 'fyi', 'faq', 'bbc', 'cnn', 'nbc', 'cbs', 'abc', 'fox', 'ap',
  'explainer', 'factbox', 'factcheck', 'fact', 'interview', 'editorial', 'timeline', 'podcast', 'commentary', 'recap',
  'profile', 'review', 'poll', 'quiz', 'graphic', 'map', 'explained', 'briefing', 'preview',
]);

/** "PENCE: …", "CHRIS WALLACE: …", "“WALLACE: …": a transcript's speaker label at the paragraph start (1–3 words). */
function qaLabel(text: string): { name: string; end: number } | undefined {
  const m = /^\s*["“„«]?\s*(\p{Lu}[\p{Lu}.'’-]*(?:\s+\p{Lu}[\p{Lu}.'’-]*){0,2})\s*:\s+(?=\S)/u.exec(text.slice(0, 60));
  if (!m) return undefined;
  const words = m[1].split(/\s+/);
  if (words.some((w) => NOT_LABELS.has(w.toLowerCase().replace(/\.$/, ''))) || m[1].replace(/[^\p{Lu}]/gu, '').length < 3) return undefined;
  return { name: m[1], end: m.index + m[0].length };
}

function setSpeaker(q: ExtractedQuote, ref: SpeakerRef): void {
  q.speaker = ref.name;
  q.speakerType = ref.type;
  if (ref.aliases.length) q.speakerAliases = [...ref.aliases];
}

function makeQuote(paragraph: number, text: string, kind: QuoteKind, marks: QuoteMarks, ref: SpeakerRef | null, rule: string): ExtractedQuote {
  const q: ExtractedQuote = { paragraph, text, kind, marks, speaker: null };
  if (ref) setSpeaker(q, ref);
  q.rule = ref ? rule : 'none';
  return q;
}

// ---------------------------------------------------------------------------------------------------------
// Paragraph preparation

function prepare(index: number, text: string): Para {
  const tokens = tokenize(text);
  const spans: Span[] = scanQuoteMarks(text).slice(0, MAX_SPANS).map((s) => (s.open < 0 ? withoutLeadClause(text, s) : s));
  for (const d of dashSpans(text, tokens, spans)) spans.push(d);
  spans.sort((a, b) => a.start - b.start);
  if (spans.length > MAX_SPANS) spans.length = MAX_SPANS;
  const inside = (pos: number): boolean => {
    // Spans are few per paragraph and sorted; binary search keeps this logarithmic on huge paragraphs.
    let lo = 0;
    let hi = spans.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const s = spans[mid];
      if (pos < s.start) hi = mid - 1;
      else if (pos >= s.end) lo = mid + 1;
      else return true;
    }
    return false;
  };
  const outside = tokens.filter((t) => !inside(t.start));
  const mentions = findMentions(text, tokens).filter((m) => !inside(m.start));
  return { index, text, tokens, outside, mentions, spans, sentences: sentenceStarts(text, inside) };
}

/**
 * A quote that lost its opening mark runs from the paragraph start; a short reporting clause in front of it
 * ("The White House added.Putin is not …“") is the attribution, not part of the quote, and so is an earlier
 * sentence that reports speech ("Peskov said the talks were useful. We will continue,” he added").
 */
function withoutLeadClause(text: string, span: MarkSpan): MarkSpan {
  const head = /^([^.:!?"“”]{3,100}?)[.:]\s*(?=[\p{Lu}\p{N}])/u.exec(text.slice(span.start, Math.min(span.end, span.start + 120)));
  if (head) {
    const words = tokenize(head[1]);
    const last = words[words.length - 1];
    if (last && words.length <= 10 && REPORTING_VERBS.has(last.low)) return { ...span, start: span.start + head[0].length };
  }
  let start = span.start;
  let from = span.start;
  // Searched inside the span only: orphan closing marks are many on a hostile page, and each search must stop
  // at its own span's end.
  const inner = text.slice(span.start, span.end);
  const boundary = /[.!?]\s+(?=[\p{Lu}\p{N}])/gu;
  for (let m = boundary.exec(inner); m; m = boundary.exec(inner)) {
    const next = span.start + m.index + m[0].length;
    if (next >= span.end) break;
    if (tokenize(text.slice(from, span.start + m.index)).some((t) => REPORTING_VERBS.has(t.low) && !t.cap)) start = next;
    from = next;
  }
  return start === span.start ? span : { ...span, start };
}

// A run of end marks is matched whole, then what follows it is checked in place: "[.!?…]+ then \s+" as one
// pattern would rescan a long run of full stops from each of its characters (quadratic on "......").
const END_RUN = /[.!?…]+/g;
const AFTER_END = /["”’»“]*\s+(?=[\p{Lu}\p{N}"“„«‘'–—-])/uy;

function sentenceStarts(text: string, inside: (pos: number) => boolean): number[] {
  const starts = [0];
  END_RUN.lastIndex = 0;
  for (let run = END_RUN.exec(text); run; run = END_RUN.exec(text)) {
    const at = run.index;
    AFTER_END.lastIndex = at + run[0].length;
    const tail = AFTER_END.exec(text);
    if (!tail) continue;
    const next = AFTER_END.lastIndex;
    if (inside(next - 1) && inside(next)) continue;
    // "U.S. President", "Mr. Peskov": an abbreviation's full stop does not end the sentence.
    const before = /([\p{L}.]+)$/u.exec(text.slice(Math.max(0, at - 12), at));
    const word = before ? before[1].toLowerCase().replace(/\.$/, '') : '';
    if (text[at] === '.' && (ABBREVIATIONS.has(word) || /^\p{L}$/u.test(word) || /^(\p{L}\.)+\p{L}$/u.test(word))) continue;
    starts.push(next);
  }
  return starts;
}

function sentenceStartBefore(p: Para, pos: number): number {
  let lo = 0;
  let hi = p.sentences.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (p.sentences[mid] <= pos) lo = mid;
    else hi = mid - 1;
  }
  return Math.max(p.sentences[lo], pos - MAX_WINDOW);
}

function sentenceEndAfter(p: Para, pos: number): number {
  let lo = 0;
  let hi = p.sentences.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (p.sentences[mid] <= pos) lo = mid + 1;
    else hi = mid;
  }
  const next = lo < p.sentences.length ? p.sentences[lo] : p.text.length;
  return Math.min(next, pos + MAX_WINDOW);
}

/**
 * Speech set off by dashes: "– Putin will say that we won … – said one of the interlocutors", or a paragraph
 * that opens with a dash and carries its attribution ("-We are ready to discuss. “We never refused,” he said").
 */
function dashSpans(text: string, tokens: Token[], quoteSpans: MarkSpan[]): Span[] {
  const out: Span[] = [];
  const re = /(^|[.!?…]["”»]?\s+)([–—-])\s*(?=[\p{L}\p{N}"“«])/gu;
  let qi = 0; // quote spans are sorted and dashes come in order: one pointer keeps this linear
  // Closing dashes are found once, in order; each opening dash takes the first one after it (a search from
  // every opening dash would rescan the rest of the paragraph each time).
  const closes = [...text.matchAll(/\s[–—-]\s+/g)];
  let ci = 0;
  for (const m of text.matchAll(re)) {
    const open = (m.index ?? 0) + m[1].length;
    const start = open + m[2].length + (text.slice(open + m[2].length).match(/^\s*/)?.[0].length ?? 0);
    if (m[2] === '-' && m[1] === '' && /^-\s/.test(text.slice(open)) === false && /^-\p{Ll}/u.test(text.slice(open))) continue;
    while (qi < quoteSpans.length && quoteSpans[qi].end <= start) qi++;
    if (qi < quoteSpans.length && quoteSpans[qi].start <= start) continue;
    while (ci < closes.length && (closes[ci].index ?? 0) < start) ci++;
    const close = closes[ci] as RegExpMatchArray & { index: number } | undefined;
    let fq = qi;
    while (fq < quoteSpans.length && quoteSpans[fq].open < start) fq++;
    const firstQuote = quoteSpans[fq];
    if (close && close.index - start < 1500 && (!firstQuote || close.index < firstQuote.open)) {
      // "– said one of …" or "– Russian Defence Minister Andrei Belousov said": a reporting verb soon after.
      const after = tokensFrom(tokens, close.index + close[0].length, 9);
      const v = after.findIndex((t) => REPORTING_VERBS.has(t.low) && !t.cap);
      if (v >= 0 && !after.slice(1, v + 1).some((t) => /[.!?;]/.test(t.gap))) {
        out.push({ start, end: trimEnd(text, start, close.index), open, close: close.index + 1, broken: false, dash: true });
        continue;
      }
    }
    if (m[1] === '') {
      // A paragraph opening with a dash: speech up to the first quote mark or the paragraph end, if the
      // paragraph attributes speech somewhere.
      const end = firstQuote ? firstQuote.open : text.length;
      const attributed = tokens.some((t) => (t.start >= end || t.start < start) && REPORTING_VERBS.has(t.low));
      if (attributed && end > start) out.push({ start, end: trimEnd(text, start, end), open, close: -1, broken: false, dash: true });
    }
  }
  return out.filter((s) => s.end > s.start);
}

function trimEnd(text: string, start: number, end: number): number {
  let e = end;
  while (e > start && /\s/.test(text[e - 1])) e--;
  return e;
}

function tokensFrom(tokens: Token[], pos: number, count: number): Token[] {
  let lo = 0;
  let hi = tokens.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (tokens[mid].start < pos) lo = mid + 1;
    else hi = mid;
  }
  return tokens.slice(lo, lo + count);
}

function tokensIn(list: Token[], from: number, to: number): Token[] {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (list[mid].start < from) lo = mid + 1;
    else hi = mid;
  }
  const out: Token[] = [];
  for (let i = lo; i < list.length && list[i].end <= to; i++) out.push(list[i]);
  return out;
}

/**
 * Spans starting in [from, to), in order (spans are sorted by start): a binary search, so paragraphs with
 * thousands of quotes stay linear overall. Callers widen `from` by MAX_WINDOW to catch a span begun before.
 */
function spansFrom(p: Para, from: number, to: number): Span[] {
  let lo = 0;
  let hi = p.spans.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (p.spans[mid].start < from) lo = mid + 1;
    else hi = mid;
  }
  const out: Span[] = [];
  for (let i = lo; i < p.spans.length && p.spans[i].start < to; i++) out.push(p.spans[i]);
  return out;
}

function mentionsIn(p: Para, from: number, to: number): Mention[] {
  let lo = 0;
  let hi = p.mentions.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (p.mentions[mid].start < from) lo = mid + 1;
    else hi = mid;
  }
  const out: Mention[] = [];
  for (let i = lo; i < p.mentions.length && p.mentions[i].start < to; i++) if (p.mentions[i].end <= to) out.push(p.mentions[i]);
  return out;
}

// ---------------------------------------------------------------------------------------------------------
// Attribution

function isReportingVerb(tokens: Token[], i: number): boolean {
  const t = tokens[i];
  if (!REPORTING_VERBS.has(t.low) || t.cap && i > 0 && !/[.!?:]\s*$/.test(t.gap)) return false;
  const prev = tokens[i - 1];
  // "his comments", "the report", "these claims": nouns, not verbs.
  if (prev && NOUN_DETERMINERS.has(prev.low) && /^\s+$/.test(t.gap)) return false;
  if (prev && prev.poss && /^\s+$/.test(t.gap)) return false;
  return true;
}

function isSpeechAct(tokens: Token[], i: number): boolean {
  const t = tokens[i];
  const prev = tokens[i - 1];
  return SPEECH_ACT_VERBS.has(t.low) && !t.cap && !(prev && (NOUN_DETERMINERS.has(prev.low) || prev.poss));
}

/** The speaker of a span, undefined when the text does not say. */
function attribute(p: Para, span: Span, ctx: ArticleContext): SpeakerRef | null | undefined {
  const openAt = span.open >= 0 ? span.open : span.start;
  const sentStart = sentenceStartBefore(p, openAt);
  const post = span.close >= 0 ? remembered(span, 'after', () => attributeAfter(p, span.close + 1, ctx)) : undefined;
  if (post !== undefined) return post;
  const pre = remembered(span, 'before', () => attributeBefore(p, sentStart, openAt, ctx));
  if (pre !== undefined) return pre;
  const later = span.close >= 0 ? remembered(span, 'later', () => attributeLaterInSentence(p, span, ctx)) : undefined;
  if (later !== undefined) return later;
  // A reporting verb later in the sentence whose subject stands before the quote ("A senior aide, “…,” told Reuters").
  if (span.close >= 0) {
    const end = sentenceEndAfter(p, span.close);
    const later = tokensIn(p.outside, span.close, end);
    for (let i = 0; i < later.length && i < 8; i++) {
      const k = later[i].i;
      if (k >= 0 && isReportingVerb(p.tokens, k)) {
        const subject = findSubject(p, sentStart, later[i].start, ctx, 'subject-of-verb-after');
        if (subject !== undefined) return subject;
        break;
      }
    }
  }
  // “Russia is not interested in peace.” Estonian Prime Minister Kristen Michal made the remark on Thursday:
  // a quote standing as a sentence of its own, its speaker named at the start of the next one.
  if (span.close >= 0 && p.text.slice(sentStart, openAt).trim() === '') return remembered(span, 'next-sentence', () => attributeNextSentence(p, span, ctx));
  return undefined;
}

/**
 * Each rule's answer for the quote being attributed: the candidates reuse what the cascade worked out (the
 * tagger behind it is the slow part). Cleared for every quote, as answers depend on who spoke before.
 */
const ruleMemo = new Map<Span, Map<string, { ref: SpeakerRef | null | undefined; rule: string }>>();

function remembered(span: Span, name: string, run: () => SpeakerRef | null | undefined): SpeakerRef | null | undefined {
  let bySpan = ruleMemo.get(span);
  if (!bySpan) ruleMemo.set(span, (bySpan = new Map()));
  const hit = bySpan.get(name);
  if (hit) {
    if (hit.ref !== undefined) lastRule = hit.rule;
    return hit.ref;
  }
  const ref = run();
  bySpan.set(name, { ref, rule: lastRule });
  return ref;
}

/**
 * "“We’re happy” about the decision, said Jane Roe, …" / "“…” if she loses, he said.": an inverted or short
 * attribution after a comma later in the quote's sentence, with no other quote in between.
 */
function attributeLaterInSentence(p: Para, span: Span, ctx: ArticleContext): SpeakerRef | null | undefined {
  let end = sentenceEndAfter(p, span.close);
  for (const s of spansFrom(p, span.close + 1, end)) if (s.open > span.close && s.open < end) end = Math.min(end, s.open);
  const later = tokensIn(p.outside, span.close + 1, end);
  for (let i = 1; i < later.length && i < 25; i++) {
    const t = later[i];
    if (!t.gap.includes(',') || later[i].i < 0) continue;
    if (INVERTIBLE_VERBS.has(t.low) && !t.cap && later[i + 1]) {
      const m = phraseHead(p, later[i + 1].start);
      if (m) return via('later-comma-said-X', m, p, ctx);
    }
    const m = phraseHead(p, t.start);
    if (m && m.kind !== 'place' && verbFollows(p, m.end)) {
      const rest = tokensIn(p.outside, m.end, end);
      if (rest.length <= 6) return via('later-comma-X-said', m, p, ctx);
    }
  }
  return undefined;
}

/**
 * No reporting verb: the quote is the complement of some other verb ("calling him “a total stiff”", "As Jane
 * Roe put it, “…”", "thanked them for “…”"), whose subject is the speaker. The tagger finds the last verb before
 * the quote in its sentence; its subject is read as for a reporting verb.
 */
function attributeByClauseVerb(p: Para, span: Span, ctx: ArticleContext): SpeakerRef | null | undefined {
  const openAt = span.open >= 0 ? span.open : span.start;
  const s = sentenceStartBefore(p, openAt);
  if (openAt - s < 3) return undefined;
  const sentence = p.text.slice(s, openAt);
  const tags = tag(sentence);
  for (let i = tags.length - 1; i >= 0; i--) {
    const t = tags[i];
    if (t.pos !== 'VERB') continue;
    if (spansFrom(p, s + t.start - MAX_WINDOW, s + t.start + 1).some((x) => x.start <= s + t.start && s + t.start < x.end)) continue;
    // "As Tom Ridge put it, …": a name right before its verb is its subject even after "as".
    const m = subjectMention(p, s, s + t.start) ?? mentionsIn(p, s, s + t.start).filter((x) => !x.possessive && (x.kind === 'person' || x.kind === 'org') && tokensIn(p.outside, x.end, s + t.start).length === 0).pop();
    if (m) return via('clause-verb-subject', m, p, ctx);
    return undefined;
  }
  return undefined;
}

const REMARK_NOUNS = new Set(['remark', 'remarks', 'comment', 'comments', 'statement', 'warning', 'speech', 'appeal', 'pledge', 'words', 'claim', 'announcement']);
const REMARK_VERBS = new Set(['made', 'makes', 'gave', 'gives', 'delivered', 'issued', 'posted', 'voiced']);
/** What may follow a reporting verb that refers back to the quote ("wrote this on X", "said so in Kyiv"). */
const BACK_REFERENCE = new Set(['this', 'so', 'it', 'these', 'those', 'in', 'on', 'at', 'during', 'after', 'before', 'while', 'when', 'to', 'as', 'later', 'earlier', 'afterwards', 'late', 'last', 'shortly', 'then']);

function attributeNextSentence(p: Para, span: Span, ctx: ArticleContext): SpeakerRef | null | undefined {
  const text = p.text.slice(span.start, span.end);
  if (!/[.!?…]$/.test(text)) return undefined;
  const gap = /^\s+(?=\p{Lu})/u.exec(p.text.slice(span.close + 1, span.close + 6));
  if (!gap) return undefined;
  const from = span.close + 1 + gap[0].length;
  const to = sentenceEndAfter(p, from);
  if (spansFrom(p, from, to + 1).some((s) => s.open >= from && s.open < to)) return undefined;
  const m = largestAt(p.mentions, from);
  if (!m || m.possessive || m.kind === 'place') return undefined;
  const toks = tokensIn(p.outside, m.end, to);
  let i = 0;
  while (i < toks.length && i < 3 && AUXILIARIES.has(toks[i].low)) i++;
  const v = toks[i];
  const next = toks[i + 1];
  if (!v) return undefined;
  const back = !next || BACK_REFERENCE.has(next.low);
  const remark = REMARK_VERBS.has(v.low) && toks.slice(i + 1, i + 4).some((t) => REMARK_NOUNS.has(t.low));
  if (!((isReportingVerb(p.tokens, v.i) && back) || remark)) return undefined;
  return via('next-sentence', m, p, ctx) ?? undefined;
}

/** "…,” X said" / "…,” said X" / "…,” according to X" / "… – said one of the interlocutors". */
/** A personal name alone: capitalised words and initials, with the particles names carry ("de", "van"). */
const DASH_CREDIT_NAME = /^(\p{Lu}[\p{Ll}’'-]+\.?(?:\s+(?:\p{Lu}\.?|\p{Lu}[\p{Ll}’'-]+|de|da|del|van|von|la|le|y)){1,4})\s*\.?\s*$/u;

function attributeAfter(p: Para, from: number, ctx: ArticleContext): SpeakerRef | null | undefined {
  // A semicolon or colon after the quote starts another clause: "…”; Peskov said the goals remain" is not an attribution.
  // An inner quote closing with the outer one leaves an apostrophe after the mark ("… 'them,''' said X").
  const lead = /^[\s,.“”"»«–—―'’-]*/.exec(p.text.slice(from, from + 12))?.[0] ?? '';
  const start = from + lead.length;
  const toks = tokensIn(p.outside, start, Math.min(p.text.length, start + 250));
  if (toks.length === 0 || toks[0].start !== start) return undefined;
  // A quote credited with a dash and a name (“…” ― Jane Roe), as quote lists and epigraphs do: the name
  // stands alone up to the end of the paragraph, a full stop or the next quote.
  if (/[–—―-]/.test(lead) && /[.!?…,]?["”“»]?\s*[–—―-]\s*$/.test(lead)) {
    const who = largestAt(mentionsIn(p, start, start + 80), start);
    if (who && (who.kind === 'person' || who.kind === 'name1' || who.kind === 'org') && /^\s*(?:[,.;]\s*|\([^()]{0,40}\)\s*)?(?:$|["“”«„]|\p{Lu})/u.test(p.text.slice(who.end, who.end + 50)) && !verbFollows(p, who.end)) {
      const restToks = tokensIn(p.outside, who.end, sentenceEndAfter(p, who.end));
      if (restToks.length <= 6) return via('dash-credit', who, p, ctx);
    }
    // A credit the mentions do not read as one name ("― Oscar P. Quintero", "― Ana N Luis Soto"): two to five
    // capitalised words or initials that end the paragraph are the name.
    const credit = DASH_CREDIT_NAME.exec(p.text.slice(start, start + 80));
    if (credit && start + credit[0].length >= p.text.length) {
      lastRule = 'dash-credit';
      return ctx.resolveLabel(credit[1]);
    }
  }
  // “… remote.” Journalists report …: a full stop and a capital start a new sentence, not an attribution.
  const endsSentence = /[.!?…]["”“»\s]*$/.test(p.text.slice(Math.max(0, from - 3), from)) || /^\s*[.!?]/.test(lead);
  if (endsSentence && !/[,–—]/.test(lead) && toks[0].cap && !largestAt(mentionsIn(p, start, start + 80), start)?.kind.match(/person|org|name1|pronoun/)) return undefined;
  const mentions = mentionsIn(p, start, start + 250);
  if (toks[0].low === 'according' && toks[1]?.low === 'to') {
    const m = mentions.find((x) => x.start === toks[2]?.start || (x.start >= toks[1].end && x.start <= (toks[3]?.start ?? 0)));
    return m ? via('after-close-according-to', m, p, ctx) : undefined;
  }
  if (INVERTIBLE_VERBS.has(toks[0].low) && !toks[0].cap) {
    // "said Peskov", "said one of the agency’s interlocutors", "said former Massachusetts congressman Barney
    // Frank", "said Mr. Brown"; "said in a statement" has no speaker here.
    const next = toks[1];
    if (!next) return undefined;
    const large = largestAt(mentions, next.start);
    const head = phraseHead(p, next.start);
    const m = head?.kind === 'person' ? head : large && large.kind !== 'place' && large.kind !== 'name1' ? large : head ?? (large?.kind === 'name1' ? large : undefined);
    if (m) return via('after-close-said-X', m, p, ctx);
    return undefined;
  }
  const large = largestAt(mentions, start);
  const head = phraseHead(p, start);
  const m = large && large.kind !== 'name1' ? large : head ?? large;
  if (!m || m.possessive) return undefined;
  if (verbFollows(p, afterTag(p, m.end))) return via('after-close-X-said', m, p, ctx);
  // "Clark County Sheriff Jane Roe said": the name at the end of a title the mentions took for an organisation.
  if (head && head !== m && !head.possessive && verbFollows(p, afterTag(p, head.end))) return via('after-close-X-said', head, p, ctx);
  // "“…?” Jane Roe pressed.": a verb the lexicon lacks, tagged as one, that ends the sentence.
  const who = head ?? m;
  if (who.kind === 'person' || who.kind === 'pronoun' || who.kind === 'name1') {
    const rest = tokensIn(p.outside, afterTag(p, who.end), sentenceEndAfter(p, who.end));
    if (rest.length >= 1 && rest.length <= 4 && !rest[0].cap && !/[,;:.!?]/.test(rest[0].gap)) {
      if (tagNear(p, rest[0].start, sentenceEndAfter(p, rest[0].start)) === 'VERB') return via('after-close-X-verb', who, p, ctx);
    }
  }
  // "…,” Doug Usher, director of research at a firm, said": an apposition between the name and its verb.
  if (m.kind === 'person' || m.kind === 'name1' || m.kind === 'org') {
    let at = m.end;
    for (let n = 0; n < 4; n++) {
      const comma = p.text.indexOf(',', at);
      // The sentence must go on to the comma: the stop of an initial or "Mr." does not end it.
      if (comma < 0 || comma - m.end > 160 || comma >= sentenceEndAfter(p, m.end) || /[;:]\s|[“”"]/.test(p.text.slice(at, comma))) break;
      if (n > 0 || /^\s*,/.test(p.text.slice(m.end, m.end + 3))) {
        if (n > 0 && verbFollows(p, comma + 1)) return via('after-close-X-apposition-said', m, p, ctx);
      } else break;
      at = comma + 1;
    }
  }
  return undefined;
}

/** Past a party/state tag or other short bracket right after a name: "Sen. Jane Roe (R-Fla.) said". */
function afterTag(p: Para, pos: number): number {
  const m = /^\s*\([^()]{1,30}\)/.exec(p.text.slice(pos, pos + 40));
  return m ? pos + m[0].length : pos;
}

/** A reporting verb, after at most a few auxiliaries ("has also said"), right after `pos`. */
function verbFollows(p: Para, pos: number): boolean {
  const rest = tokensIn(p.outside, pos, pos + 80);
  for (let i = 0; i < rest.length && i < 4; i++) {
    // Only the gap after `pos` counts: "…, Mass., said" has the abbreviation's stop before the comma.
    const gap = i === 0 ? p.text.slice(Math.min(pos, rest[0].start), rest[0].start) : rest[i].gap;
    if (REPORTING_VERBS.has(rest[i].low) && !rest[i].cap && rest[i].i >= 0 && !/[.!?;:]/.test(gap)) return true;
    if (!AUXILIARIES.has(rest[i].low)) break;
  }
  return false;
}

/** Words whose full stop does not end a noun phrase ("Mr.", "Sen.", an initial). */
function abbreviation(t: Token): boolean {
  return ABBREVIATIONS.has(t.low) || HONORIFICS.has(t.low) || /^\p{Lu}$/u.test(t.text) || t.acr;
}

/**
 * The name a noun phrase starting at `from` is about: titles, honorifics and modifiers in front of it are
 * read past ("former Massachusetts congressman Barney Frank", "Mr. Brown", "undecided voter Jane Roe of
 * Derry"). The phrase ends at the first comma, clause punctuation or lower-case verb.
 */
function phraseHead(p: Para, from: number): Mention | undefined {
  const toks = tokensIn(p.outside, from, from + 160);
  if (!toks.length || toks[0].start !== from) return undefined;
  // "…”, while Zelensky called them …": a conjunction opens a clause of its own, not a name's phrase.
  if (!toks[0].cap && SKIP_SEGMENT_START.has(toks[0].low)) return undefined;
  let end = toks[0].end;
  for (let k = 1; k < toks.length && k < 8; k++) {
    const gap = toks[k].gap;
    if (/[,;:!?()"“”«»]/.test(gap) || (gap.includes('.') && !abbreviation(toks[k - 1]))) break;
    if (!toks[k].cap && (REPORTING_VERBS.has(toks[k].low) || AUXILIARIES.has(toks[k].low) || toks[k].low === 'who' || toks[k].low === 'that')) break;
    end = toks[k].end;
  }
  const ms = mentionsIn(p, from, end).filter((m) => !m.possessive && m.kind !== 'place' && m.kind !== 'pronoun');
  // The head of an English noun phrase is its last name: "former Obama adviser David Axelrod", "Latino Decisions
  // researcher Sylvia Manzano" — the names in front modify it.
  const people = ms.filter((m) => m.kind === 'person');
  return people[people.length - 1] ?? ms.find((m) => m.kind === 'name1' && !followedByName(p, m, end)) ?? ms[0];
}

/** "Republican voter", "Iowa Republican strategist": a capitalised modifier in front of a noun is not the head. */
function followedByName(p: Para, m: Mention, end: number): boolean {
  const next = tokensIn(p.outside, m.end, end)[0];
  return next !== undefined && /^\s+$/.test(next.gap);
}

function largestAt(mentions: Mention[], start: number): Mention | undefined {
  let best: Mention | undefined;
  for (const m of mentions) if (m.start === start && (!best || m.end > best.end)) best = m;
  return best;
}

/** The subject of the last reporting verb before the quote in its sentence, or "according to X". */
function attributeBefore(p: Para, sentStart: number, openAt: number, ctx: ArticleContext): SpeakerRef | null | undefined {
  const toks = tokensIn(p.outside, sentStart, openAt);
  for (let i = toks.length - 1; i >= 0; i--) {
    const k = toks[i].i;
    if (k < 0 || !(isReportingVerb(p.tokens, k) || isSpeechAct(p.tokens, k))) continue;
    const t = toks[i];
    // "quoted X as saying" / "X was quoted as saying".
    if (t.low === 'saying' && toks[i - 1]?.low === 'as') {
      const q = toks.slice(Math.max(0, i - 8), i).reverse().find((x) => x.low === 'quoted');
      if (q) {
        const m = mentionsIn(p, q.end, toks[i - 1].start).find((x) => x.subjectOk || x.kind === 'person');
        if (m) return via('quoted-as-saying', m, p, ctx);
        return findSubject(p, sentStart, q.start, ctx, 'quoted-as-saying') ?? undefined;
      }
    }
    // "Cruz said he is certain Rubio will continue to be “…”": a verb inside a clause that an earlier verb of
    // the sentence reports is part of what was reported; the quote is the outer speaker's.
    if (toks.length - i > 3 && !t.low.endsWith('ing')) {
      for (let k = 0; k < i; k++) {
        const o = toks[k];
        if (!INDIRECT_VERBS.has(o.low) || o.low.endsWith('ing') || !isReportingVerb(p.tokens, o.i) || o.cap) continue;
        if (/[,;:]/.test(p.text.slice(o.end, t.start))) break;
        const outer = findSubject(p, sentStart, o.start, ctx, 'subject-of-outer-verb');
        if (outer !== undefined) return outer;
        break;
      }
    }
    const subject = findSubject(p, sentStart, t.start, ctx, 'subject-of-verb-before');
    if (subject !== undefined) return subject;
    if (t.low.endsWith('ing')) continue; // "stating" with no subject of its own: keep looking left
    break;
  }
  // "According to X, …"
  for (let i = 0; i + 1 < toks.length; i++) {
    if (toks[i].low === 'according' && toks[i + 1].low === 'to') {
      const m = largestAt(p.mentions, toks[i + 2]?.start ?? -1) ?? mentionsIn(p, toks[i + 1].end, openAt).find((x) => x.subjectOk === false || true);
      if (m) return via('according-to', m, p, ctx);
    }
  }
  // Headline style "Russian sources: Putin “…”".
  const colon = p.text.slice(sentStart, openAt).indexOf(':');
  if (colon > 0 && colon < 80) {
    const head = mentionsIn(p, sentStart, sentStart + colon);
    if (head.length && head[0].start - sentStart < 4) return via('colon-lead', head[0], p, ctx);
  }
  return undefined;
}

/**
 * The subject of a reporting verb at `verbAt`: comma-separated segments are read right to left, skipping
 * appositions ("Anton Gerashchenko, former deputy minister at …, said"), relative and participle clauses,
 * quotes set inside the sentence and introductory phrases ("In response to …,").
 */
function findSubject(p: Para, from: number, verbAt: number, ctx: ArticleContext, rule: string): SpeakerRef | null | undefined {
  const m = subjectMention(p, from, verbAt);
  return m ? via(rule, m, p, ctx) : undefined;
}

/** A US party and state tag: "R-Utah", "D-Ga.", "I-Vt.". */
const PARTY_TAG = /^\s*[RDI]-\p{Lu}[\p{L}.]{0,12}\s*$/u;

function subjectMention(p: Para, from: number, verbAt: number): Mention | undefined {
  const participle = /ing\b/i.test(p.text.slice(verbAt, verbAt + 12).split(/\s/)[0] ?? '') && /[,;]\s*$/.test(p.text.slice(Math.max(from, verbAt - 4), verbAt));
  const segs: Array<[number, number]> = [];
  let segEnd = verbAt;
  for (let i = verbAt - 1; i >= from; i--) {
    const c = p.text[i];
    // "Sen. Jane Roe (D-Vt.) said": a party/state tag belongs to the name before it, no segment of its own.
    if (c === ')') {
      const open = p.text.lastIndexOf('(', i);
      if (open >= from && i - open <= 16 && PARTY_TAG.test(p.text.slice(open + 1, i))) {
        i = open;
        continue;
      }
    }
    if (c === ',' || c === ';' || c === '(' || c === ')' || ((c === '–' || c === '—') && /\s/.test(p.text[i + 1] ?? ''))) {
      segs.push([i + 1, segEnd]);
      segEnd = i;
    }
  }
  segs.push([from, segEnd]);
  // "of Ashton, Md., said": a state's abbreviation after a comma is an address, never the subject.
  const candidate = (m: Mention): boolean => m.subjectOk && !m.possessive && !(m.kind === 'name1' && PARTY_TAG.test(m.text)) && !(m.kind === 'name1' && m.text.length <= 5 && p.text[m.end] === '.' && /,\s*$/.test(p.text.slice(Math.max(0, m.start - 3), m.start)));
  /** The person or organisation that makes up segment `k` on its own, if any. */
  const nameSegment = (k: number): Mention | undefined => {
    if (k >= segs.length) return undefined;
    const [pa, pb] = segs[k];
    // Titles written as abbreviations ("Col.", "Sen.") may stand before the name.
    return mentionsIn(p, pa, pb).filter(candidate).find((m) => (m.kind === 'person' || m.kind === 'org') && tokensIn(p.outside, pa, m.start).every(abbreviation) && tokensIn(p.outside, m.end, pb).length === 0);
  };
  let nearest = true;
  for (let s = 0; s < segs.length; s++) {
    const [a, b] = segs[s];
    const words = tokensIn(p.outside, a, b);
    if (words.length === 0) continue;
    // A participle ("…, stating, “…”") takes the subject of its main clause: read segments from the clause start.
    const first = nearest && !participle;
    nearest = false;
    // "an aide to Putin who headed the delegation": nothing inside a relative clause is the subject.
    const rel = words.findIndex((w, k) => k > 0 && (w.low === 'who' || w.low === 'which' || w.low === 'whose'));
    const ms = mentionsIn(p, a, rel > 0 ? words[rel].start : b).filter(candidate);
    const statement = statementAuthor(p, words, a, b);
    if (statement) return statement;
    if (first && RELATIVE_START.has(words[0].low)) {
      // "Witkoff, who met Putin in Moscow, told …": a relative or participle clause describes the subject.
      nearest = true;
      continue;
    }
    if (first) {
      // The segment right before the verb: its last candidate, allowing "on Tuesday" etc. after it.
      if (ms.length === 0) {
        if (words.every((w) => AUXILIARIES.has(w.low))) {
          nearest = true;
          continue;
        }
        // "Tatiana Moskalkova, Russia’s human rights ombudswoman, told …": an apposition with a role the lexicon
        // does not know still follows a segment that is only a name.
        const only = !SKIP_SEGMENT_START.has(words[0].low) ? nameSegment(s + 1) : undefined;
        if (only) return only;
        if (SKIP_SEGMENT_START.has(words[0].low) || /^\p{Ll}/u.test(words[0].text)) continue;
        // "…, of Ashton, Md., said": an address; the name stands further left.
        if (words.length <= 2 && words.every((w) => w.text.length <= 5 && p.text[w.end] === '.')) continue;
        return undefined;
      }
      // "Flynn, a top Trump surrogate, said" / "Jane Roe, a writer for The Atlantic, said" / "Brian Sandoval, a
      // Republican, said" / "Jo Roe, the president of Teamsters Local 9 in Albany, said": a description after a
      // segment that is only a name describes that name, whatever names it holds — unless a person's name opens
      // it ("the spokesman Dmitry Peskov").
      if (/^(a|an|the)$/.test(words[0].low) && words[1] && s + 1 < segs.length) {
        // A title "of" something is a role, not a name ("the president of Harbor Local 12" is no person).
        const named = ms.find((m) => m.kind === 'person' && tokensIn(p.outside, a, m.start).length <= 3 && !/\s(?:of|for|at|in|to|with|from|on|by)\s/i.test(p.text.slice(a, m.end)));
        const only = named ? undefined : nameSegment(s + 1);
        if (only) return only;
      }
      let c = ms[ms.length - 1];
      // "Dmytro Lubinets, Ukraine’s human rights commissioner, said": a description after a segment that is
      // only a name describes that name.
      if (c.kind === 'role' || c.kind === 'desc' || c.kind === 'group') {
        const only = !SKIP_SEGMENT_START.has(words[0].low) && !/^(who|which|whose|that)$/.test(words[0].low) ? nameSegment(s + 1) : undefined;
        if (only) return only;
      }
      // Nested mentions: prefer the outermost one ending last, unless the inner one is a name with its title
      // ("Zelensky’s chief of staff Andriy Yermak").
      if (c.kind !== 'person' && c.kind !== 'name1') for (const m of ms) if ((m.start < c.start && m.end >= c.end) || (m.start === c.start && m.end > c.end)) c = m;
      // The segment opens with a description ("the head of … and one of Zelensky’s closest aides"): an apposition
      // to the name before it, however many nouns it has.
      const lead = ms[0].start <= c.start && (ms[0].kind === 'role' || ms[0].kind === 'desc' || ms[0].kind === 'group') ? ms[0] : c;
      const opens = tokensIn(p.outside, a, lead.start).length === 0;
      const apposition = (lead.kind === 'role' || lead.kind === 'desc' || lead.kind === 'group') && !lead.definite && s + 1 < segs.length && opens;
      if (apposition || (lead.kind === 'role' && opens && s + 1 < segs.length)) {
        // "Dmitry Peskov, the Kremlin spokesman, said" — but not "After meeting Erdogan, the president said".
        const [pa, pb] = segs[s + 1];
        const prevWords = tokensIn(p.outside, pa, pb);
        const prev = mentionsIn(p, pa, pb).filter(candidate);
        const last = prev[prev.length - 1];
        const nameOnly = prevWords.length > 0 && !SKIP_SEGMENT_START.has(prevWords[0].low) && /^\p{Lu}/u.test(prevWords[0].text);
        // The name must be the whole segment: in "Zelensky met Trump, officials said" Trump is no apposition's head.
        const whole = last !== undefined && tokensIn(p.outside, pa, last.start).every(abbreviation);
        if (last && nameOnly && whole && (last.kind === 'person' || last.kind === 'org' || last.kind === 'name1') && tokensIn(p.outside, last.end, pb).length === 0) return last;
      }
      return c;
    }
    // "Zelensky met Trump, officials said, adding that …": a participle belongs to the nearest reporting clause.
    if (participle) {
      // Only a short "X said" clause right before the participle ("…, officials said, adding …").
      const rv = words.findIndex((w) => INVERTIBLE_VERBS.has(w.low) && isReportingVerb(p.tokens, w.i));
      const subj = rv > 0 && words.length - rv <= 3 ? ms.filter((m) => m.end <= words[rv].start).pop() : undefined;
      if (subj && tokensIn(p.outside, subj.end, words[rv].start).every((w) => AUXILIARIES.has(w.low))) return subj;
    }
    // Earlier segments: skip appositions, relative and participle clauses, introductory phrases.
    if (SKIP_SEGMENT_START.has(words[0].low) || /^\p{Ll}/u.test(words[0].text) && !/^(the|a|an|one|two|three|four|five|several|some|he|she|they|it)$/.test(words[0].low)) continue;
    if (ms.length === 0) continue;
    return ms[0];
  }
  return undefined;
}

/** "A statement by the spokesman", "Peskov’s statement": the author of a statement that "said". */
function statementAuthor(p: Para, words: Token[], a: number, b: number): Mention | undefined {
  const i = words.findIndex((w) => STATEMENT_NOUNS.has(w.low));
  if (i < 0 || i > 3) return undefined;
  const next = words[i + 1];
  if (next && (next.low === 'by' || next.low === 'from' || next.low === 'of')) {
    return mentionsIn(p, next.end, b).find((m) => m.kind !== 'place');
  }
  const owner = mentionsIn(p, a, words[i].start).find((m) => m.possessive);
  return owner;
}

// ---------------------------------------------------------------------------------------------------------
// Kinds, marks and filters

const SENTENCE_START_PRONOUNS = new Set(['i', 'we', 'he', 'she', 'it', 'they', 'you', 'this', 'there', 'these', 'nobody', 'no', 'our', 'my']);

function kindOf(p: Para, span: Span, text: string): QuoteKind {
  if (span.dash) return 'direct';
  const first = /[\p{L}\p{N}]/u.exec(text)?.[0] ?? '';
  if (!/[\p{Lu}\p{N}]/u.test(first)) return 'partial';
  const openAt = span.open >= 0 ? span.open : span.start;
  const before = p.text.slice(Math.max(0, openAt - 40), openAt).trimEnd();
  if (before === '' || /[:,.!?]$/.test(before) || span.open < 0) return 'direct';
  const lastWord = /([\p{L}]+)$/u.exec(before)?.[1]?.toLowerCase() ?? '';
  if (REPORTING_VERBS.has(lastWord)) return 'direct';
  // "said that “Ukraine could use …”" or "the West “He will never …”": a whole sentence; "respect “Ukraine’s
  // territorial integrity …”" is a phrase inside the reporter's sentence.
  const words = text.split(/\s+/).length;
  const firstWord = /^[\p{L}’']+/u.exec(text)?.[0].toLowerCase().replace(/['’].*$/, '') ?? '';
  if (words >= 4 && SENTENCE_START_PRONOUNS.has(firstWord)) return 'direct';
  return lastWord === 'that' && words >= 6 ? 'direct' : 'partial';
}

function marksOf(span: Span, next: Para | undefined): QuoteMarks {
  if (span.dash) return 'dash';
  if (span.broken) return 'broken';
  if (span.close < 0) {
    // A quote continuing into the next paragraph is well formed when that paragraph opens with a mark.
    const lead = next?.text.trimStart() ?? '';
    return isDoubleMark(lead[0]) || lead[0] === '‘' || lead.startsWith("''") ? 'quotes' : 'broken';
  }
  return 'quotes';
}

const RELATED_LEAD = /(?:read (?:also|more)|see also|related|watch|also read|more on this|recommended)\s*[:\-–—]?\s*$/i;

/** Scare quotes, titles of works and empty marks are not speech. */
function keepSpan(p: Para, span: Span, text: string, attributed: boolean): boolean {
  if (!/[\p{L}\p{N}]/u.test(text)) return false;
  if (span.dash) return true;
  if (isLabel(p, span, text)) return false;
  const words = text.split(/\s+/).filter((w) => /[\p{L}\p{N}]/u.test(w)).length;
  const openAt = span.open >= 0 ? span.open : span.start;
  if (span.open < 0 && words < 3) return false;
  if (words <= 2) {
    // One or two words are speech only when attributed and governed by a reporting verb, a speech act or
    // "according to" in their sentence (Witkoff said the talks were “constructive”); otherwise scare quotes
    // (Russian “occupiers”).
    if (!attributed) return false;
    const s = sentenceStartBefore(p, openAt);
    const e = sentenceEndAfter(p, span.end);
    const governed = tokensIn(p.outside, s, e).some((t) => t.low === 'according' || isReportingVerb(p.tokens, t.i) || isSpeechAct(p.tokens, t.i));
    // A single word must also stand where a quoted word can: after a copula, "as", a speech verb or a pause
    // ("were “constructive”", "dismissed it as “absurd”", "“Never,” he said") — not inside a noun phrase
    // the reporter wrote ("17,200 Russian “occupiers”", "the current “dynamics”").
    return governed && (words === 2 || predicatePosition(p, s, openAt));
  }
  return true;
}

/** Quoted text that names something rather than reports speech: a related link, a title of a work, a nickname. */
/** Words (runs of non-space holding a letter or digit) in `text`, counted up to `max`: labels are short, quotes long. */
function wordCountUpTo(text: string, max: number): number {
  const run = /\S+/g;
  let n = 0;
  for (let m = run.exec(text); m && n < max; m = run.exec(text)) if (/[\p{L}\p{N}]/u.test(m[0])) n++;
  return n;
}

function isLabel(p: Para, span: Span, text: string): boolean {
  if (span.dash) return false;
  // "Read also: “Five things to know …”": a link to another article, not speech.
  if (RELATED_LEAD.test(p.text.slice(Math.max(0, (span.open >= 0 ? span.open : span.start) - 30), span.open >= 0 ? span.open : span.start))) return true;
  const words = wordCountUpTo(text, 11);
  const openAt = span.open >= 0 ? span.open : span.start;
  // The novel “War and Peace”, a plan dubbed “Victory”: the word right before names a work or a label.
  const before = tokensIn(p.outside, Math.max(0, openAt - 40), openAt).slice(-1);
  if (before.some((t) => WORK_TITLE_CUES.has(t.low)) && words <= 10 && /^\s*$/.test(p.text.slice(before[0].end, openAt))) return true;
  // A nickname: "known as “Putin’s chef”", "referred to as “the butcher”".
  const lead = tokensIn(p.outside, Math.max(0, openAt - 40), openAt).slice(-3).map((t) => t.low).join(' ');
  if (/(?:^|\s)(?:known as|referred to as|also called|nicknamed as|billed as)$/.test(lead) && words <= 6) return true;
  // A name in Title Case (“Operation Spiderweb”, “Coalition of the Willing”): a title or label, not speech.
  if (words <= 6 && isTitleCaseName(text) && !(span.close >= 0 && /^,/.test(p.text.slice(span.close + 1)))) return true;
  // A show or a book after a preposition, its comma or full stop inside the marks (on “Meet the Press.”,
  // told NBC’s “Morning Joe,”): a title too.
  const prev = tokensIn(p.outside, Math.max(0, openAt - 30), openAt).slice(-1)[0];
  return words <= 6 && words >= 2 && /[.,]$/.test(text) && isTitleCaseName(text.slice(0, -1)) && prev !== undefined && (TITLE_PREPOSITIONS.has(prev.low) || prev.poss) && /^\s*$/.test(p.text.slice(prev.end, openAt));
}

const TITLE_PREPOSITIONS = new Set(['on', 'in', 'of', 'to', 'with', 'for', 'from', 'about', 'at', 'book', 'show', 'program', 'programme', 'film', 'movie', 'series', 'column', 'memoir', 'novel', 'titled', 'entitled', 'called']);
const TITLE_CONNECTORS = new Set(['of', 'the', 'and', 'for', 'in', 'on', 'to', 'a', 'an', 'at', 'with', 'de', 'von']);

/** Every word capitalised (connectors aside), no sentence punctuation: "Operation Spiderweb", "20 Days in Mariupol". */
function isTitleCaseName(text: string): boolean {
  if (/[.!?,;:…]$/.test(text.trim())) return false;
  const words = text.split(/\s+/).filter((w) => /[\p{L}\p{N}]/u.test(w));
  if (words.length < 2) return false;
  return words.every((w, i) => /^[\p{Lu}\p{N}]/u.test(w) || (i > 0 && TITLE_CONNECTORS.has(w.toLowerCase())));
}

function predicatePosition(p: Para, sentStart: number, openAt: number): boolean {
  const before = tokensIn(p.outside, sentStart, openAt);
  const prev = before[before.length - 1];
  if (!prev || /[:,;(–—]\s*$/.test(p.text.slice(prev.end, openAt))) return true;
  if (PREDICATE_LEADS.has(prev.low) || isReportingVerb(p.tokens, prev.i) || isSpeechAct(p.tokens, prev.i)) return true;
  // The complement of a speech act: "called the proposal “absurd”", "branded the memorandum an “ultimatum”".
  for (let k = before.length - 2; k >= 0 && k >= before.length - 5; k--) {
    if (/[,;:]/.test(before[k + 1].gap)) break;
    if (isSpeechAct(p.tokens, before[k].i)) return true;
  }
  // "called for “restraint”", "warned of “consequences”"
  const head = before[before.length - 2];
  return (prev.low === 'for' || prev.low === 'of' || prev.low === 'about') && head !== undefined && (isReportingVerb(p.tokens, head.i) || isSpeechAct(p.tokens, head.i));
}

/** Words after which a quoted single word is the speaker's own predicate or complement. */
const PREDICATE_LEADS = new Set([
  'is', 'are', 'was', 'were', 'be', 'been', 'being', 'remain', 'remains', 'remained', 'seem', 'seems', 'seemed',
  'appear', 'appears', 'appeared', 'look', 'looks', 'looked', 'sound', 'sounds', 'sounded', 'become', 'becomes',
  'became', 'as', 'it', 'them', 'this', 'him', 'her', 'very', 'too', 'so', 'not', 'quite', 'rather', 'deeply',
  'extremely', 'highly', 'entirely', 'absolutely', 'totally', 'completely', 'and', 'or', 'but', 'nor', 'both',
  'simply', 'utterly', 'truly', 'fairly', 'largely', 'mostly', 'had', 'has', 'have', 'would', 'will', 'could',
  'should', 'must', 'might', 'may', 'can', 'did', 'does', 'do', 'to',
]);

/**
 * The tag of the word at `at`, read in a window of its sentence (a few words either side are context enough,
 * and tagging whole sentences for every check would double the extractor's time).
 */
function tagNear(p: Para, at: number, to: number): Pos | undefined {
  const s = sentenceStartBefore(p, at);
  let from = Math.max(s, at - 60);
  if (from > s) {
    const space = p.text.indexOf(' ', from);
    from = space >= 0 && space < at ? space + 1 : at;
  }
  return posAt(p.text.slice(from, Math.max(to, at + 1)), at - from);
}

const DAYS_AND_MONTHS = new Set([
  'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday', 'january', 'february', 'march',
  'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december',
]);

// ---------------------------------------------------------------------------------------------------------
// The headline

function extractFromTitle(title: string, ctx: ArticleContext): ExtractedQuote[] {
  const p = prepare(0, title);
  const out: ExtractedQuote[] = [];
  // "ISW: Putin has little interest …": the headline's speaker, for quotes in it that name no one else.
  const colon = title.indexOf(':');
  const head = colon > 0 && colon < 60 ? mentionsIn(p, 0, colon).filter((m) => m.start < 4)[0] : undefined;
  for (const span of p.spans) {
    const text = title.slice(span.start, span.end);
    // "“Russia must show it is serious”: Umerov after talks" — the name after the colon.
    const tail = span.close >= 0 ? /^\s*[:–—|]\s*/.exec(title.slice(span.close + 1)) : null;
    const after = tail ? largestAt(p.mentions, span.close + 1 + tail[0].length) : undefined;
    lastRule = 'none';
    const ref = attribute(p, span, ctx) ?? (after ? via('headline-after-colon', after, p, ctx) : undefined) ?? (head ? via('headline-colon-lead', head, p, ctx) : undefined) ?? null;
    if (!keepSpan(p, span, text, ref !== null)) continue;
    if (!ref && text.split(/\s+/).length < 3) continue;
    out.push(makeQuote(0, text, kindOf(p, span, text), span.dash ? 'dash' : span.broken ? 'broken' : 'quotes', ref ?? null, lastRule));
  }
  const reported = headlineReported(p);
  const ref = reported ? via(reported.rule, reported.subject, p, ctx) : undefined;
  if (reported && ref) out.push(makeQuote(0, title.slice(reported.from, reported.to), 'indirect', 'none', ref, lastRule));
  else if (!reported && p.spans.length === 0 && head) {
    // "Sybiha: Ukraine is ready for a full ceasefire": a wire headline's speaker, then what they said, no marks.
    const statement = headlineStatement(p, head, colon);
    const by = statement ? via('headline-colon-statement', head, p, ctx) : undefined;
    // Only someone the article itself names: "BOOM:", "Paid Notice:" or "Newspaper:" label a headline.
    if (statement && by && ctx.mentionCount(by.key) > 0) out.push(makeQuote(0, title.slice(statement.from, statement.to), 'indirect', 'none', by, lastRule));
  }
  return out;
}

/**
 * The statement after "Name:" in a headline: the name is all that stands before the colon (a person or an
 * organisation, never a label such as "Live:" or "Analysis:"), and at least four words follow.
 */
function headlineStatement(p: Para, head: Mention, colon: number): { from: number; to: number } | undefined {
  if (!(head.kind === 'person' || head.kind === 'name1' || head.kind === 'org') || head.possessive) return undefined;
  if (tokensIn(p.outside, 0, head.start).length > 0 || tokensIn(p.outside, head.end, colon).length > 0) return undefined;
  if (tokensIn(p.tokens, 0, colon).some((t) => NOT_LABELS.has(t.low))) return undefined;
  const words = tokensIn(p.tokens, colon, p.text.length);
  if (words.length < 4) return undefined;
  return { from: words[0].start, to: trimEnd(p.text, words[0].start, p.text.length) };
}

// What reported.ts reads paragraphs and candidate speakers with.
export type { Para, Span };
export {
  DAYS_AND_MONTHS, MAX_WINDOW, commonWordCapitalised, isLabel, isReportingVerb, isSpeechAct, keepSpan, largestAt, mentionsIn, notASpeaker, spansFrom,
  subjectMention, subjectWord, tagNear, tokensIn, trimEnd,
};
