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
  AUXILIARIES, INVERTIBLE_VERBS, REPORTING_VERBS, SPEECH_ACT_VERBS, STATEMENT_NOUNS, VERBS_WITH_LISTENER, WORK_TITLE_CUES,
} from './lexicon.js';
import { isDoubleMark, scanQuoteMarks, type MarkSpan } from './marks.js';
import { findMentions, tokenize, type Mention, type Token } from './mentions.js';

export interface ExtractOptions {
  /** The article's headline; quotes found in it get paragraph 0. */
  title?: string;
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
}

/** Longest paragraph looked at in full; beyond it only quote marks near the start are considered. */
const MAX_WINDOW = 600;

const ABBREVIATIONS = new Set(['mr', 'mrs', 'ms', 'dr', 'st', 'jr', 'sr', 'gen', 'col', 'lt', 'no', 'vs', 'etc', 'prof', 'sen', 'rep', 'gov', 'maj', 'capt', 'sgt', 'inc', 'ltd', 'co', 'corp', 'approx', 'est', 'fig']);
const NOUN_DETERMINERS = new Set(['the', 'a', 'an', 'his', 'her', 'their', 'its', 'our', 'these', 'those', 'this', 'such', 'any', 'no', 'of', 'in', 'whose', 'my', 'your']);
const CLAUSE_SUBJECT_START = new Set(['he', 'she', 'it', 'they', 'we', 'i', 'there', 'the', 'a', 'an', 'these', 'those', 'russia', 'ukraine', 'moscow', 'kyiv', 'no', 'any', 'all', 'some', 'his', 'her', 'their', 'its']);
const RELATIVE_START = new Set(['who', 'which', 'whose', 'whom', 'where', 'speaking', 'known', 'writing', 'quoted', 'cited', 'seen', 'according']);
const SKIP_SEGMENT_START = new Set(['in', 'on', 'at', 'over', 'during', 'after', 'before', 'since', 'while', 'although', 'though', 'if', 'when', 'as', 'speaking', 'according', 'despite', 'amid', 'following', 'for', 'with', 'by', 'from', 'under', 'meanwhile', 'however', 'additionally', 'earlier', 'later', 'also', 'but', 'and', 'yet', 'so', 'because', 'who', 'which', 'whose', 'where']);

export function extractQuotes(paragraphs: readonly string[], opts: ExtractOptions = {}): ExtractedQuote[] {
  const ctx = new ArticleContext();
  const paras: Para[] = paragraphs.map((text, i) => prepare(i + 1, typeof text === 'string' ? text : ''));
  for (const p of paras) ctx.addParagraph(p.index, p.text, p.mentions);
  ctx.finish();

  const out: ExtractedQuote[] = [];
  if (opts.title) out.push(...extractFromTitle(opts.title, ctx));

  let prevQuote: { para: number; ref: SpeakerRef | null; open: boolean } | null = null;
  for (const p of paras) {
    type Item = { at: number; span: Span; indirect?: undefined } | { at: number; span: null; indirect: IndirectCandidate };
    const items: Item[] = [
      ...p.spans.map((s): Item => ({ at: s.open >= 0 ? s.open : s.start, span: s })),
      ...indirectCandidates(p).map((c): Item => ({ at: c.verb.start, span: null, indirect: c })),
    ].sort((a, b) => a.at - b.at);
    let paraSpeaker: SpeakerRef | null = null;
    const unattributed: ExtractedQuote[] = [];
    for (const item of items) {
      if (!item.span) {
        const c = item.indirect;
        const ref = ctx.resolve(c.subject, p.index);
        if (!ref) continue;
        if (!c.intro) out.push(makeQuote(p.index, p.text.slice(c.from, c.to), 'indirect', 'none', ref));
        ctx.noteSpeaker(ref, p.index, c.verb.start);
        continue;
      }
      const span = item.span;
      const text = p.text.slice(span.start, span.end);
      const explicit = attribute(p, span, ctx);
      if (!keepSpan(p, span, text, explicit !== undefined)) continue;
      let ref: SpeakerRef | null = explicit ?? null;
      if (explicit === undefined) {
        const atStart = span.open >= 0 && p.text.slice(0, span.open).trim() === '';
        if (paraSpeaker) ref = paraSpeaker;
        else if (prevQuote && (prevQuote.open || atStart) && prevQuote.para >= p.index - 1) ref = prevQuote.ref;
        else if (ctx.lastSpeaker && ctx.lastSpeaker.para >= p.index - 1 && (atStart || span.dash)) ref = ctx.lastSpeaker.ref;
      }
      const q = makeQuote(p.index, text, kindOf(p, span, text), marksOf(span, paras[p.index]), ref);
      out.push(q);
      if (ref) {
        paraSpeaker = ref;
        ctx.noteSpeaker(ref, p.index, span.start);
        for (const u of unattributed.splice(0)) setSpeaker(u, ref);
      } else unattributed.push(q);
      prevQuote = { para: p.index, ref, open: span.close < 0 && !span.dash };
    }
  }
  return out;
}

function setSpeaker(q: ExtractedQuote, ref: SpeakerRef): void {
  q.speaker = ref.name;
  q.speakerType = ref.type;
  if (ref.aliases.length) q.speakerAliases = [...ref.aliases];
}

function makeQuote(paragraph: number, text: string, kind: QuoteKind, marks: QuoteMarks, ref: SpeakerRef | null): ExtractedQuote {
  const q: ExtractedQuote = { paragraph, text, kind, marks, speaker: null };
  if (ref) setSpeaker(q, ref);
  return q;
}

// ---------------------------------------------------------------------------------------------------------
// Paragraph preparation

function prepare(index: number, text: string): Para {
  const tokens = tokenize(text);
  const spans: Span[] = scanQuoteMarks(text).map((s) => (s.open < 0 ? withoutLeadClause(text, s) : s));
  for (const d of dashSpans(text, tokens, spans)) spans.push(d);
  spans.sort((a, b) => a.start - b.start);
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
  const boundary = /[.!?]\s+(?=[\p{Lu}\p{N}])/gu;
  boundary.lastIndex = span.start;
  for (let m = boundary.exec(text); m && m.index < span.end; m = boundary.exec(text)) {
    const next = m.index + m[0].length;
    if (next >= span.end) break;
    if (tokenize(text.slice(from, m.index)).some((t) => REPORTING_VERBS.has(t.low) && !t.cap)) start = next;
    from = next;
  }
  return start === span.start ? span : { ...span, start };
}

function sentenceStarts(text: string, inside: (pos: number) => boolean): number[] {
  const starts = [0];
  const re = /[.!?…]+["”’»“]*\s+(?=[\p{Lu}\p{N}"“„«‘'–—\-])/gu;
  for (const m of text.matchAll(re)) {
    const at = m.index ?? 0;
    const next = at + m[0].length;
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
  for (const m of text.matchAll(re)) {
    const open = (m.index ?? 0) + m[1].length;
    const start = open + m[2].length + (text.slice(open + m[2].length).match(/^\s*/)?.[0].length ?? 0);
    if (m[2] === '-' && m[1] === '' && /^-\s/.test(text.slice(open)) === false && /^-\p{Ll}/u.test(text.slice(open))) continue;
    while (qi < quoteSpans.length && quoteSpans[qi].end <= start) qi++;
    if (qi < quoteSpans.length && quoteSpans[qi].start <= start) continue;
    const closeRe = /\s[–—-]\s+/g;
    closeRe.lastIndex = start;
    const close = closeRe.exec(text);
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
  const post = span.close >= 0 ? attributeAfter(p, span.close + 1, ctx) : undefined;
  if (post !== undefined) return post;
  const pre = attributeBefore(p, sentStart, openAt, ctx);
  if (pre !== undefined) return pre;
  // A reporting verb later in the sentence whose subject stands before the quote ("A senior aide, “…,” told Reuters").
  if (span.close >= 0) {
    const end = sentenceEndAfter(p, span.close);
    const later = tokensIn(p.outside, span.close, end);
    for (let i = 0; i < later.length && i < 8; i++) {
      const k = later[i].i;
      if (k >= 0 && isReportingVerb(p.tokens, k)) {
        const subject = findSubject(p, sentStart, later[i].start, ctx);
        if (subject !== undefined) return subject;
        break;
      }
    }
  }
  return undefined;
}

/** "…,” X said" / "…,” said X" / "…,” according to X" / "… – said one of the interlocutors". */
function attributeAfter(p: Para, from: number, ctx: ArticleContext): SpeakerRef | null | undefined {
  // A semicolon or colon after the quote starts another clause: "…”; Peskov said the goals remain" is not an attribution.
  const lead = /^[\s,.“”"»«–—\-]*/.exec(p.text.slice(from, from + 12))?.[0] ?? '';
  const start = from + lead.length;
  const toks = tokensIn(p.outside, start, Math.min(p.text.length, start + 250));
  if (toks.length === 0 || toks[0].start !== start) return undefined;
  // “… remote.” Journalists report …: a full stop and a capital start a new sentence, not an attribution.
  const endsSentence = /[.!?…]["”“»\s]*$/.test(p.text.slice(Math.max(0, from - 3), from)) || /^\s*[.!?]/.test(lead);
  if (endsSentence && !/[,–—]/.test(lead) && toks[0].cap && !largestAt(mentionsIn(p, start, start + 80), start)?.kind.match(/person|org|name1|pronoun/)) return undefined;
  const mentions = mentionsIn(p, start, start + 250);
  const idx = (t: Token): number => t.i;
  if (toks[0].low === 'according' && toks[1]?.low === 'to') {
    const m = mentions.find((x) => x.start === toks[2]?.start || (x.start >= toks[1].end && x.start <= (toks[3]?.start ?? 0)));
    return m ? ctx.resolve(m, p.index) : undefined;
  }
  if (INVERTIBLE_VERBS.has(toks[0].low) && !toks[0].cap) {
    // "said Peskov", "said one of the agency’s interlocutors"; "said in a statement" has no speaker here.
    const next = toks[1];
    if (!next) return undefined;
    const m = largestAt(mentions, next.start);
    if (m && m.kind !== 'place') return ctx.resolve(m, p.index);
    return undefined;
  }
  const m = largestAt(mentions, start);
  if (!m || m.possessive) return undefined;
  const rest = tokensIn(p.outside, m.end, m.end + 80);
  for (let i = 0; i < rest.length && i < 4; i++) {
    const k = idx(rest[i]);
    if (REPORTING_VERBS.has(rest[i].low) && !rest[i].cap && k >= 0) return ctx.resolve(m, p.index);
    if (!AUXILIARIES.has(rest[i].low)) break;
  }
  return undefined;
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
        if (m) return ctx.resolve(m, p.index);
        return findSubject(p, sentStart, q.start, ctx) ?? undefined;
      }
    }
    const subject = findSubject(p, sentStart, t.start, ctx);
    if (subject !== undefined) return subject;
    if (t.low.endsWith('ing')) continue; // "stating" with no subject of its own: keep looking left
    break;
  }
  // "According to X, …"
  for (let i = 0; i + 1 < toks.length; i++) {
    if (toks[i].low === 'according' && toks[i + 1].low === 'to') {
      const m = largestAt(p.mentions, toks[i + 2]?.start ?? -1) ?? mentionsIn(p, toks[i + 1].end, openAt).find((x) => x.subjectOk === false || true);
      if (m) return ctx.resolve(m, p.index);
    }
  }
  // Headline style "Russian sources: Putin “…”".
  const colon = p.text.slice(sentStart, openAt).indexOf(':');
  if (colon > 0 && colon < 80) {
    const head = mentionsIn(p, sentStart, sentStart + colon);
    if (head.length && head[0].start - sentStart < 4) return ctx.resolve(head[0], p.index);
  }
  return undefined;
}

/**
 * The subject of a reporting verb at `verbAt`: comma-separated segments are read right to left, skipping
 * appositions ("Anton Gerashchenko, former deputy minister at …, said"), relative and participle clauses,
 * quotes set inside the sentence and introductory phrases ("In response to …,").
 */
function findSubject(p: Para, from: number, verbAt: number, ctx: ArticleContext): SpeakerRef | null | undefined {
  const m = subjectMention(p, from, verbAt);
  return m ? ctx.resolve(m, p.index) : undefined;
}

function subjectMention(p: Para, from: number, verbAt: number): Mention | undefined {
  const participle = /ing\b/i.test(p.text.slice(verbAt, verbAt + 12).split(/\s/)[0] ?? '') && /[,;]\s*$/.test(p.text.slice(Math.max(from, verbAt - 4), verbAt));
  const segs: Array<[number, number]> = [];
  let segEnd = verbAt;
  for (let i = verbAt - 1; i >= from; i--) {
    const c = p.text[i];
    if (c === ',' || c === ';' || c === '(' || c === ')' || ((c === '–' || c === '—') && /\s/.test(p.text[i + 1] ?? ''))) {
      segs.push([i + 1, segEnd]);
      segEnd = i;
    }
  }
  segs.push([from, segEnd]);
  const candidate = (m: Mention): boolean => m.subjectOk && !m.possessive;
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
        if (SKIP_SEGMENT_START.has(words[0].low) || /^\p{Ll}/u.test(words[0].text)) continue;
        return undefined;
      }
      let c = ms[ms.length - 1];
      // Nested mentions: prefer the outermost one ending last, unless the inner one is a name with its title
      // ("Zelensky’s chief of staff Andriy Yermak").
      if (c.kind !== 'person' && c.kind !== 'name1') for (const m of ms) if (m.start < c.start && m.end >= c.end) c = m;
      const apposition = (c.kind === 'role' || c.kind === 'desc' || c.kind === 'group') && !c.definite && s + 1 < segs.length && tokensIn(p.outside, a, c.start).length === 0;
      if (apposition || (c.kind === 'role' && tokensIn(p.outside, a, c.start).length === 0 && s + 1 < segs.length)) {
        // "Dmitry Peskov, the Kremlin spokesman, said" — but not "After meeting Erdogan, the president said".
        const [pa, pb] = segs[s + 1];
        const prevWords = tokensIn(p.outside, pa, pb);
        const prev = mentionsIn(p, pa, pb).filter(candidate);
        const last = prev[prev.length - 1];
        const nameOnly = prevWords.length > 0 && !SKIP_SEGMENT_START.has(prevWords[0].low) && /^\p{Lu}/u.test(prevWords[0].text);
        if (last && nameOnly && (last.kind === 'person' || last.kind === 'org' || last.kind === 'name1') && tokensIn(p.outside, last.end, pb).length === 0) return last;
      }
      return c;
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
    const lead = next?.text.trimStart()[0];
    return isDoubleMark(lead) || lead === '‘' ? 'quotes' : 'broken';
  }
  return 'quotes';
}

const RELATED_LEAD = /(?:read (?:also|more)|see also|related|watch|also read|more on this|recommended)\s*[:\-–—]?\s*$/i;

/** Scare quotes, titles of works and empty marks are not speech. */
function keepSpan(p: Para, span: Span, text: string, attributed: boolean): boolean {
  if (!/[\p{L}\p{N}]/u.test(text)) return false;
  if (span.dash) return true;
  // "Read also: “Five things to know …”": a link to another article, not speech.
  if (RELATED_LEAD.test(p.text.slice(Math.max(0, (span.open >= 0 ? span.open : span.start) - 30), span.open >= 0 ? span.open : span.start))) return false;
  const words = text.split(/\s+/).filter((w) => /[\p{L}\p{N}]/u.test(w)).length;
  const openAt = span.open >= 0 ? span.open : span.start;
  // The novel “War and Peace”, a plan dubbed “Victory”: the word right before names a work or a label.
  const before = tokensIn(p.outside, Math.max(0, openAt - 40), openAt).slice(-1);
  if (before.some((t) => WORK_TITLE_CUES.has(t.low)) && words <= 10 && /^\s*$/.test(p.text.slice(before[0].end, openAt))) return false;
  if (span.open < 0 && words < 3) return false;
  if (words === 1) {
    const gap = p.text.slice(Math.max(0, openAt - 3), openAt);
    return attributed && (/[:]\s*$/.test(gap) || (span.close >= 0 && /^,/.test(p.text.slice(span.close + 1))) || /,$/.test(text));
  }
  if (words === 2 && !attributed) return false;
  if (words <= 2) {
    // Two words: speech only when a reporting verb or "according to" governs them in the sentence.
    const s = sentenceStartBefore(p, openAt);
    const e = sentenceEndAfter(p, span.end);
    return tokensIn(p.outside, s, e).some((t) => REPORTING_VERBS.has(t.low) || t.low === 'according');
  }
  return true;
}

// ---------------------------------------------------------------------------------------------------------
// Indirect speech

interface IndirectCandidate {
  verb: Token;
  subject: Mention;
  from: number;
  to: number;
  /** A lead-in ending with a colon: no quote of its own, but it names the speaker of what follows. */
  intro?: boolean;
}

const INDIRECT_VERBS = new Set([
  'say', 'says', 'said', 'told', 'tells', 'stated', 'states', 'claimed', 'claims', 'warned', 'warns', 'insisted',
  'insists', 'argued', 'argues', 'noted', 'notes', 'added', 'adds', 'stressed', 'stresses', 'announced',
  'confirmed', 'confirms', 'denied', 'admitted', 'acknowledged', 'suggested', 'indicated', 'estimated',
  'estimates', 'believes', 'believed', 'highlighted', 'highlights', 'emphasized', 'emphasised', 'explained',
  'reported', 'reports', 'predicted', 'informed', 'assured', 'reiterated', 'underlined', 'maintained', 'alleged',
]);

const DET_START = new Set(['the', 'a', 'an']);

/** Verbs that take a clause without "that" ("Weller said it didn’t …"); others need "that". */
const BARE_CLAUSE_VERBS = new Set(['say', 'says', 'said', 'added', 'adds', 'claimed', 'claims', 'warned', 'insisted', 'argued', 'stressed', 'noted', 'believes', 'believed', 'stated', 'admitted', 'suggested', 'predicted', 'estimated', 'estimates', 'insists', 'argues']);

/** "X said (that) …" and "…, X said." sentences without quote marks. */
function indirectCandidates(p: Para): IndirectCandidate[] {
  const out: IndirectCandidate[] = [];
  if (p.text.length > 20_000) return out; // a wall of text is not a news paragraph
  for (let si = 0; si < p.sentences.length; si++) {
    const sStart = p.sentences[si];
    const sEnd = si + 1 < p.sentences.length ? p.sentences[si + 1] : p.text.length;
    if (p.spans.some((s) => s.start < sEnd && s.end > sStart && (s.open >= sStart || s.open < 0))) continue;
    const toks = tokensIn(p.tokens, sStart, sEnd);
    let found = false;
    for (let i = 0; i < toks.length && !found; i++) {
      const t = toks[i];
      const k = t.i;
      if (!INDIRECT_VERBS.has(t.low) || !isReportingVerb(p.tokens, k)) continue;
      if (t.gap.includes(',') && invertedTail(p, toks, i, sEnd)) continue;
      let j = i + 1;
      if (VERBS_WITH_LISTENER.has(t.low)) {
        // "told reporters that", "informed the agency that"
        while (j < toks.length && j < i + 6 && toks[j].low !== 'that' && !/[,;:]/.test(toks[j].gap)) j++;
        if (toks[j]?.low !== 'that') {
          // "told reporters the talks were useful": the listener, then a clause.
          const listener = largestAt(p.mentions, toks[i + 1]?.start ?? -1);
          j = i + 1;
          if (listener) while (j < toks.length && toks[j].end <= listener.end) j++;
          else if (toks[j] && /^(reporters|journalists|me|us|him|her|them|parliament|lawmakers)$/.test(toks[j].low)) j++;
          else continue;
          if (!toks[j] || !CLAUSE_SUBJECT_START.has(toks[j].low) || /[,;:]/.test(toks[j].gap)) continue;
        }
      } else {
        let hop = j;
        while (hop < toks.length && hop < i + 9 && toks[hop].low !== 'that' && !/[,;:]/.test(toks[hop].gap)) hop++;
        if (toks[hop]?.low === 'that') j = hop;
        else if (!BARE_CLAUSE_VERBS.has(t.low) || !toks[j] || !(CLAUSE_SUBJECT_START.has(toks[j].low) || toks[j].cap) || /[,;:]/.test(toks[j].gap)) continue;
      }
      if (toks[j]?.low === 'that') j++;
      if (!toks[j]) continue;
      const from = toks[j].start;
      let to = sEnd;
      while (to > from && /[\s.!?;:,”"’]/.test(p.text[to - 1])) to--;
      if (p.text.slice(from, to).split(/\s+/).length < 4) continue;
      const subject = subjectMention(p, sStart, t.start);
      if (!subject) continue;
      out.push({ verb: t, subject, from, to });
      found = true;
    }
    // "According to him, Ukraine is ready for …": the clause after the comma is X's.
    if (!found && toks[0]?.low === 'according' && toks[1]?.low === 'to') {
      const comma = p.text.indexOf(',', toks[1].end);
      const m = largestAt(mentionsIn(p, toks[1].end, comma < 0 ? sEnd : comma), toks[2]?.start ?? -1);
      const after = comma > 0 && comma < sEnd ? tokensIn(p.tokens, comma, sEnd) : [];
      if (m && after.length >= 4) {
        let to = sEnd;
        while (to > after[0].start && /[\s.!?;:,”"’]/.test(p.text[to - 1])) to--;
        out.push({ verb: toks[0], subject: m, from: after[0].start, to });
        found = true;
      }
    }
    if (found) continue;
    // "Speaking at a press conference, Dmitry Peskov said:" — the next paragraph's quote is his.
    if (/:\s*$/.test(p.text.slice(sStart, sEnd))) {
      const last = toks[toks.length - 1];
      if (last && REPORTING_VERBS.has(last.low)) {
        const subject = subjectMention(p, sStart, last.start);
        if (subject) out.push({ verb: last, subject, from: sEnd, to: sEnd, intro: true });
      }
      continue;
    }
    // "…, says the Institute for the Study of War (ISW)." / "…, the ministry said."
    const lastComma = p.text.lastIndexOf(',', sEnd - 1);
    if (lastComma > sStart + 20) {
      const tail = tokensIn(p.tokens, lastComma, sEnd);
      if (tail.length >= 2 && tail.length <= 12) {
        const vi = tail.findIndex((t) => INDIRECT_VERBS.has(t.low) && !t.cap);
        if (vi === 0 || vi > 0) {
          const ms = mentionsIn(p, lastComma, sEnd).filter((m) => !m.possessive);
          const near = (x: Mention, k: number): boolean => x.start === tail[k]?.start || (DET_START.has(tail[k]?.low ?? '') && x.start === tail[k + 1]?.start);
          // (a determiner in front: "the War Research Institute said")
          const m = vi === 0 ? ms.find((x) => near(x, 1)) : ms.find((x) => near(x, 0) && x.end <= tail[vi].start);
          // The clause itself reporting someone ("X stated this…, reports Ukrinform") is not the outlet's claim.
          const headHasVerb = tokensIn(p.tokens, sStart, lastComma).some((t) => REPORTING_VERBS.has(t.low));
          if (m && !headHasVerb && (vi > 0 || invertedTail(p, tail, 0, sEnd))) {
            let to = lastComma;
            while (to > sStart && /\s/.test(p.text[to - 1])) to--;
            out.push({ verb: tail[vi], subject: m, from: sStart, to });
          }
        }
      }
    }
  }
  return out;
}

/** "…, says the Institute for the Study of War (ISW).": the verb is followed by its speaker and the sentence ends. */
function invertedTail(p: Para, toks: Token[], verbIdx: number, sEnd: number): boolean {
  const next = toks[verbIdx + 1];
  if (!next) return false;
  const first = DET_START.has(next.low) ? toks[verbIdx + 2] : next;
  if (!first) return false;
  const m = largestAt(mentionsIn(p, first.start, sEnd), first.start);
  if (!m || m.kind === 'pronoun') return false;
  return tokensIn(p.tokens, m.end, sEnd).length <= 2;
}

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
    const ref = attribute(p, span, ctx) ?? (after ? ctx.resolve(after, 0) : null) ?? (head ? ctx.resolve(head, 0) : null);
    if (!keepSpan(p, span, text, ref !== null)) continue;
    if (!ref && text.split(/\s+/).length < 3) continue;
    out.push(makeQuote(0, text, kindOf(p, span, text), span.dash ? 'dash' : span.broken ? 'broken' : 'quotes', ref));
  }
  return out;
}
