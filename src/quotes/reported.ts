// Reported speech: sentences that report what someone said without quoting it whole ("Lavrov said that …",
// "…, the ministry said.", "According to him, …"). Each candidate names its reporting verb, its subject (a mention
// the extractor resolves to a speaker) and the reported clause's bounds in the paragraph.
import {
  AUXILIARIES, GROUP_NOUNS, PERSON_ROLES, REPORTING_VERBS, VERBS_WITH_LISTENER,
} from './lexicon.js';
import {
  DAYS_AND_MONTHS, MAX_WINDOW, commonWordCapitalised, isLabel, isReportingVerb, isSpeechAct, keepSpan, largestAt, mentionsIn, notASpeaker, spansFrom,
  subjectMention, subjectWord, tagNear, tokensIn, trimEnd, type Para, type Span,
} from './extract.js';
import type { Mention, Token } from './mentions.js';
import { tag } from './nlp.js';

export interface IndirectCandidate {
  verb: Token;
  subject: Mention;
  from: number;
  to: number;
  /** A lead-in ending with a colon: no quote of its own, but it names the speaker of what follows. */
  intro?: boolean;
  /** What was said is in the paragraph before (from/to are offsets in its text). */
  inPrevious?: boolean;
  rule: string;
}

export const INDIRECT_VERBS: ReadonlySet<string> = new Set([
  'say', 'says', 'said', 'told', 'tells', 'stated', 'states', 'claimed', 'claims', 'warned', 'warns', 'insisted',
  'insists', 'argued', 'argues', 'noted', 'notes', 'added', 'adds', 'stressed', 'stresses', 'announced',
  'confirmed', 'confirms', 'denied', 'admitted', 'acknowledged', 'suggested', 'indicated', 'estimated',
  'estimates', 'believes', 'believed', 'highlighted', 'highlights', 'emphasized', 'emphasised', 'explained',
  'reported', 'reports', 'predicted', 'informed', 'assured', 'reiterated', 'underlined', 'maintained', 'alleged',
  // "…, saying the servicemen would …": a participle reports for its main clause's subject.
  'saying', 'adding', 'noting', 'warning', 'stressing', 'insisting', 'arguing', 'claiming',
  // Verbs that report a clause only with "that" ("replied that …", "wrote that …", "pointed out that …").
  'explains', 'declares', 'declared', 'asserts', 'asserted', 'observes', 'observed', 'writes', 'wrote', 'tweets',
  'tweeted', 'posted', 'replies', 'replied', 'responds', 'responded', 'answered', 'concludes', 'concluded',
  'acknowledges', 'admits', 'concedes', 'conceded', 'suggests', 'recalls', 'recalled', 'reveals', 'revealed',
  'complains', 'complained', 'cautioned', 'mentioned', 'contends', 'contended', 'countered', 'joked', 'quipped',
  'repeated', 'reiterates', 'alleges', 'points', 'pointed', 'agreed', 'agrees', 'predicts', 'indicates', 'confirmed',
  'warned', 'denies', 'promised', 'promises', 'vowed', 'pledged',
]);

const DET_START = new Set(['the', 'a', 'an']);

const QUANTIFIERS = new Set(['some', 'many', 'most', 'others', 'several', 'few', 'both', 'all', 'half', 'majority', 'minority', 'plurality', 'percent', 'third', 'thirds', 'quarter', 'quarters']);

/** "said officers will …": a lower-case word the tagger reads as the start of a noun phrase opens a bare clause. */
function opensNounPhrase(p: Para, t: Token, sEnd: number): boolean {
  return ['NOUN', 'ADJ', 'NUM'].includes(tagNear(p, t.start, Math.min(sEnd, t.end + 60)) ?? '');
}

/**
 * "Police officials said …", "The NFL legend said …", "Most of them said …": a short noun phrase opening the
 * sentence, its last word tagged as a noun or pronoun, is the subject even when it names no one the mention
 * finder knows. It speaks as the group or description it is.
 */
function nominalSubject(p: Para, sStart: number, verb: Token, afterIntro = false, until = verb.start): Mention | undefined {
  // "Around that time, 47 percent said …": after a short introductory phrase, only a quantity or group of
  // people is taken for the subject.
  const comma = p.text.lastIndexOf(',', verb.start);
  if (!afterIntro && comma > sStart && comma - sStart <= 80) {
    const group = nominalSubject(p, comma + 1, verb, true);
    return group?.kind === 'group' ? group : undefined;
  }
  const words = tokensIn(p.tokens, sStart, until);
  let n = words.length;
  while (n > 0 && AUXILIARIES.has(words[n - 1].low)) n--;
  if (n === 0 || n > 10 || !(words[0].cap || (/^\d/.test(words[0].text) && n >= 2))) return undefined;
  const phrase = words.slice(0, n);
  if (n === 1 && commonWordCapitalised(p, phrase[0])) return undefined;
  const start = phrase[0].start;
  const end = phrase[n - 1].end;
  if (/[,;:()“”"«»[\]]/.test(p.text.slice(start, end)) || phrase[n - 1].poss || words.slice(1).some((w) => /[,;:()]/.test(w.gap))) return undefined;
  if (!/^[\s"“]*$/.test(p.text.slice(sStart, start))) return undefined;
  const pos = tagNear(p, phrase[n - 1].start, verb.end + 40);
  const last = phrase[n - 1].low;
  // "Some said …", "About three in 10 said …", "Most of them said …": quantities of people speak as a group.
  const quantity = QUANTIFIERS.has(last) || (pos === 'NUM' && n >= 2);
  if (pos !== 'NOUN' && pos !== 'PROPN' && pos !== 'PRON' && !quantity) return undefined;
  const group = quantity || GROUP_NOUNS.has(last) || (/s$/.test(last) && !/ss$/.test(last)) || last === 'them' || last === 'surveyed';
  return {
    kind: group ? 'group' : 'desc', start, end, tokStart: phrase[0].i, tokEnd: phrase[n - 1].i + 1, text: p.text.slice(start, end),
    roles: [], subjectOk: true, possessive: false, definite: /^(the|these|those)$/i.test(phrase[0].text) && n > 1 ? true : undefined,
  };
}

/**
 * "Several candidates, including Trump, said …", "Republicans, like Sen. Jane Roe, say …": the group speaks, not
 * the example set off by commas before the verb. Where the examples begin, if they do.
 */
function examplesFrom(p: Para, sStart: number, verbAt: number): number | undefined {
  const m = /,\s*(?:including|like|such as)\s[^,;:()]{2,60},\s*$/.exec(p.text.slice(sStart, verbAt));
  return m ? sStart + m.index : undefined;
}

/**
 * The subject of a main clause's reporting verb: a speaker the mention finder knows, else a noun phrase that
 * speaks as what it is. Examples set off after a group ("Diplomats, like Sen. Roe, say") are passed over.
 */
function verbSubject(p: Para, sStart: number, verb: Token): Mention | undefined {
  const examples = examplesFrom(p, sStart, verb.start);
  return namedSubject(p, subjectMention(p, sStart, examples ?? verb.start)) ??
    nominalSubject(p, sStart, verb, examples !== undefined, examples ?? verb.start) ??
    phraseSubject(p, Math.max(sStart, p.text.lastIndexOf(',', verb.start) + 1), verb);
}

/** Determiners that open a noun phrase inside a sentence ("…, the airline said", "…, her aide said"). */
const PHRASE_DETERMINERS = new Set(['the', 'a', 'an', 'his', 'her', 'their', 'its', 'our', 'one', 'two', 'three', 'several', 'some', 'many', 'other']);

/**
 * "…, the airline said Thursday.", "The plan, a senior aide said, …": a short noun phrase right before the verb
 * that the mention finder does not know, its last word tagged as a noun. It speaks as the description it is.
 */
function phraseSubject(p: Para, from: number, verb: Token): Mention | undefined {
  const words = tokensIn(p.tokens, from, verb.start);
  let n = words.length;
  while (n > 0 && AUXILIARIES.has(words[n - 1].low)) n--;
  if (n === 0 || n > 6) return undefined;
  const phrase = words.slice(0, n);
  if (n === 1 && commonWordCapitalised(p, phrase[0])) return undefined;
  const last = phrase[n - 1].low;
  // "…, police said", "…, political scientists say": a bare plural of people needs no determiner.
  const people = GROUP_NOUNS.has(last) || last === 'police' || (n <= 3 && /[^s]s$/.test(last) && phrase.every((w) => !w.cap || w === phrase[0]));
  if (!(PHRASE_DETERMINERS.has(phrase[0].low) || phrase[0].cap || people) || phrase[n - 1].poss || phrase.slice(1).some((w) => /[,;:()"“”«»]/.test(w.gap))) return undefined;
  if (!(GROUP_NOUNS.has(last) || tagNear(p, phrase[n - 1].start, verb.end + 40) === 'NOUN' || tagNear(p, phrase[n - 1].start, verb.end + 40) === 'PROPN')) return undefined;
  const start = phrase[0].start;
  const end = phrase[n - 1].end;
  const group = GROUP_NOUNS.has(last) || (/s$/.test(last) && !/ss$/.test(last));
  return {
    kind: group ? 'group' : 'desc', start, end, tokStart: phrase[0].i, tokEnd: phrase[n - 1].i + 1, text: p.text.slice(start, end),
    roles: [], subjectOk: true, possessive: false, definite: /^(the|these|those)$/i.test(phrase[0].text) && n > 1 ? true : undefined,
  };
}

/** Words that open a bare reported clause besides subjects: "said if …", "says too many …", "said only …". */
const CLAUSE_OPENERS = new Set(['if', 'too', 'only', 'unless', 'whether', 'what', 'how', 'why', 'once', 'even', 'not', 'much', 'few', 'one', 'two', 'three', 'someone', 'everyone', 'everybody', 'nobody', 'something', 'nothing', 'people', 'voters', 'americans', 'half', 'nearly', 'almost', 'most', 'none']);

/**
 * Quoted spans that are phrases inside a reported clause [from, to), together under half of it: the clause is
 * reported speech in its own right (its partial quotes are kept as well, for the exact words).
 */
function phrasesOnly(p: Para, spans: Span[], from: number, to: number): boolean {
  let quoted = 0;
  spans = spans.filter((s) => s.end > from && s.start < to);
  for (const s of spans) {
    if (s.open < from || s.close >= to + 2) return false;
    // Scare quotes and labels ("the words “lump” the good with the bad") are the reporter's words inside the
    // reported clause: not quotes, and no reason to drop the clause.
    if (!keepSpan(p, s, p.text.slice(s.start, s.end), true)) continue;
    quoted += s.end - s.start;
  }
  // "Rubio said the talks were “productive”, but Lavrov called them “premature”": a second speaker's words
  // are not part of the first one's clause.
  const between = spans.length > 1 ? tokensIn(p.outside, spans[0].close, spans[spans.length - 1].open) : [];
  if (between.some((t) => isReportingVerb(p.tokens, t.i) || isSpeechAct(p.tokens, t.i))) return false;
  return quoted * 2 < to - from;
}

/**
 * Speech verbs whose object is what was said ("called for talks", "urged Kyiv to negotiate", "asked whether …",
 * "announced a loan"); tried when no reported clause follows.
 */
const OBJECT_VERBS: ReadonlySet<string> = new Set([
  'ask', 'asks', 'asked', 'urge', 'urges', 'urged', 'call', 'calls', 'called', 'announce', 'announces', 'announced',
  'pledge', 'pledges', 'pledged', 'promise', 'promises', 'promised', 'vow', 'vows', 'vowed', 'propose', 'proposes', 'proposed',
  'demand', 'demands', 'demanded', 'suggest', 'suggests', 'suggested', 'recommend', 'recommends', 'recommended',
  'describe', 'describes', 'described', 'accuse', 'accuses', 'accused', 'criticize', 'criticizes', 'criticized', 'criticise',
  'criticised', 'praise', 'praises', 'praised', 'deny', 'denies', 'denied', 'confirm', 'confirms', 'confirmed', 'reject',
  'rejects', 'rejected', 'condemn', 'condemns', 'condemned', 'welcome', 'welcomes', 'welcomed', 'defend', 'defends', 'defended',
  'predict', 'predicts', 'predicted', 'warn', 'warns', 'warned', 'cite', 'cites', 'cited',
  'blame', 'blames', 'blamed', 'question', 'questioned', 'dismiss', 'dismisses', 'dismissed', 'write', 'writes', 'wrote',
]);
/** A preposition right after the verb of a closing attribution ("…, she said in an interview.", "…, he wrote after the vote."). */
const AFTER_VERB_PREPOSITIONS: ReadonlySet<string> = new Set(['in', 'on', 'at', 'during', 'after', 'before', 'while', 'when', 'to', 'with', 'from', 'via', 'as', 'through', 'outside', 'inside']);
const MODALS: ReadonlySet<string> = new Set(['will', 'would', 'could', 'should', 'may', 'might', 'must', 'can', 'shall']);
const CALL_VERBS: ReadonlySet<string> = new Set(['call', 'calls', 'called']);
const WRITE_VERBS: ReadonlySet<string> = new Set(['write', 'writes', 'wrote']);
/** Particles that belong to the verb ("called for", "called on"). */
const PARTICLES: ReadonlySet<string> = new Set(['for', 'on', 'about', 'out']);
/** "was asked", "is called": a passive is not its subject's speech. */
const PASSIVE_AUX: ReadonlySet<string> = new Set(['was', 'were', 'is', 'are', 'be', 'been', 'being', 'so', 'get', 'got']);

/** Verbs that take a clause without "that" ("Weller said it didn’t …"); others need "that". */
const BARE_CLAUSE_VERBS = new Set(['saying', 'say', 'says', 'said', 'added', 'adds', 'claimed', 'claims', 'warned', 'insisted', 'argued', 'stressed', 'noted', 'believes', 'believed', 'stated', 'admitted', 'suggested', 'predicted', 'estimated', 'estimates', 'insists', 'argues']);

/** A subject that can speak; a capitalised word that cannot ("Nearly half", "Twenty-four percent") leaves the phrase to nominalSubject. */
function namedSubject(p: Para, m: Mention | undefined): Mention | undefined {
  return m && !notASpeaker(p, m) ? m : undefined;
}

/** Verbs of a sentence that points back at the one before ("This was stated by …", "X said this …"). */
const BACK_VERBS = new Set([
  'stated', 'said', 'announced', 'noted', 'declared', 'emphasized', 'emphasised', 'stressed', 'reported', 'written',
  'wrote', 'posted', 'told', 'added', 'explained', 'confirmed', 'voiced', 'expressed',
]);
const SUBORDINATORS = new Set(['as', 'when', 'while', 'after', 'before', 'because', 'if', 'since', 'though', 'although', 'once', 'until', 'whenever', 'unless']);

/**
 * "This was stated by X …" / "This was announced by X" / "X said this at a briefing": the speaker, when the
 * sentence only says who said the one before it.
 */
function backReference(p: Para, toks: Token[], sStart: number, sEnd: number): { subject: Mention; verb: Token } | undefined {
  if (toks.length < 4) return undefined;
  if (/^(this|that|it|these|such)$/.test(toks[0].low)) {
    let k = 1;
    if (/^(statement|statements|words|information|news|decision)$/.test(toks[k]?.low ?? '')) k++;
    if (toks[k]?.low === 'has' || toks[k]?.low === 'had') k++;
    if (!/^(was|were|is|been)$/.test(toks[k]?.low ?? '')) return undefined;
    if (toks[k]?.low !== 'been' && toks[k + 1]?.low === 'been') k++;
    const verb = toks[k + 1];
    if (!verb || !BACK_VERBS.has(verb.low) || toks[k + 2]?.low !== 'by' || !toks[k + 3]) return undefined;
    const subject = largestAt(mentionsIn(p, toks[k + 2].end, sEnd), toks[k + 3].start) ?? (DET_START.has(toks[k + 3].low) ? largestAt(mentionsIn(p, toks[k + 2].end, sEnd), toks[k + 4]?.start ?? -1) : undefined);
    return subject && !notASpeaker(p, subject) ? { subject, verb } : undefined;
  }
  // "As he said this, …", "When she wrote this, …": a time, not a statement's source.
  if (SUBORDINATORS.has(toks[0].low)) return undefined;
  const i = toks.findIndex((t, k) => k > 0 && BACK_VERBS.has(t.low) && toks[k + 1]?.low === 'this');
  if (i < 0) return undefined;
  const next = toks[i + 2];
  // What may follow: a place, a time, a channel ("at a briefing", "in an interview", "on Telegram", "today").
  if (next && !AFTER_VERB_PREPOSITIONS.has(next.low) && !/^(?:speaking|today|yesterday)$/.test(next.low) && !/[,;:]/.test(next.gap)) return undefined;
  const subject = verbSubject(p, sStart, toks[i]);
  return subject ? { subject, verb: toks[i] } : undefined;
}

const AS_SAID_NOT = new Set(['this', 'that', 'these', 'those', 'so', 'it', 'them']);

/**
 * "As Zelensky noted, …": the speaker right after "As", auxiliaries, a speech verb, at most a few words ("put it",
 * "told reporters", "said on Monday"), then the comma. Undefined for "As expected, …" or "As the talks began, …".
 */
function asSaid(p: Para, toks: Token[], sEnd: number): { subject: Mention; verb: Token; after: number } | undefined {
  const comma = p.text.indexOf(',', toks[0].end);
  if (comma < 0 || comma >= sEnd || comma - toks[0].end > 100) return undefined;
  const head = tokensIn(p.tokens, toks[0].end, comma);
  const subject = largestAt(mentionsIn(p, toks[0].end, comma), head[0]?.start ?? -1);
  if (!subject || subject.possessive || notASpeaker(p, subject)) return undefined;
  let k = head.findIndex((w) => w.start >= subject.end);
  while (k >= 0 && k < head.length && AUXILIARIES.has(head[k].low)) k++;
  const verb = head[k];
  const putIt = verb?.low === 'put' && head[k + 1]?.low === 'it';
  const rest = head.slice(k + (putIt ? 2 : 1));
  // "As he said this, …" is when, not what.
  if (!verb || !(INDIRECT_VERBS.has(verb.low) || putIt) || rest.length > 3 || rest.some((w) => AS_SAID_NOT.has(w.low))) return undefined;
  const after = tokensIn(p.tokens, comma, sEnd)[0];
  return after ? { subject, verb, after: after.start } : undefined;
}

/**
 * "Ushakov told journalists: Moscow has received …", "Zakharova said in a commentary: the West …": a short lead
 * whose last speech verb (a listener or a place may follow it) ends at a colon, then at least four words.
 */
function colonStatement(p: Para, toks: Token[], sStart: number, sEnd: number): { verb: Token; subject: Mention; from: number; to: number } | undefined {
  const colon = /:\s/.exec(p.text.slice(sStart, sEnd));
  if (!colon) return undefined;
  const at = sStart + colon.index;
  const lead = toks.filter((t) => t.end <= at);
  const after = toks.filter((t) => t.start > at);
  if (after.length < 4 || lead.length === 0 || lead.length > 14) return undefined;
  let v = lead.length - 1;
  while (v >= 0 && !(INDIRECT_VERBS.has(lead[v].low) && isReportingVerb(p.tokens, lead[v].i))) v--;
  if (v < 0 || lead.length - 1 - v > 6 || tagNear(p, lead[v].start, at) !== 'VERB') return undefined;
  // After the verb only a listener ("told journalists"), a place or occasion ("said in a commentary") or "why":
  // "has added another facet to his job: …" has an object, and what follows the colon is about it.
  const next = lead[v + 1];
  if (next && !VERBS_WITH_LISTENER.has(lead[v].low) && !AFTER_VERB_PREPOSITIONS.has(next.low) && next.low !== 'why') return undefined;
  const subject = verbSubject(p, sStart, lead[v]);
  // "A number of factors …, insiders said: …" is an attribution after its clause; the colon only lists details.
  if (!subject || (p.text.slice(sStart, subject.start).includes(',') && tokensIn(p.tokens, sStart, subject.start).length > 5)) return undefined;
  const [from, to] = clauseBounds(p.text, after[0].start, sEnd);
  return { verb: lead[v], subject, from, to };
}

/** "X said (that) …" and "…, X said." sentences without quote marks. */
export function indirectCandidates(p: Para, previous?: Para): IndirectCandidate[] {
  const out: IndirectCandidate[] = [];
  if (p.text.length > 20_000) return out; // a wall of text is not a news paragraph
  for (let si = 0; si < p.sentences.length; si++) {
    const sStart = p.sentences[si];
    const sEnd = si + 1 < p.sentences.length ? p.sentences[si + 1] : p.text.length;
    // A sentence with a quotation is attributed through it; the partial quote stands for its reported clause
    // (one row per statement, so answers do not list the same words twice). Titles and nicknames in marks are
    // not quotations ("In his book “…”, Snyder argued that …").
    // A sentence that only borrows a phrase or two in marks (Manafort said the result “confuses the issue” of …)
    // is reported speech all the same: its clause is a statement of its own, the phrases inside it.
    const inSentence = spansFrom(p, sStart - MAX_WINDOW, sEnd).filter((s) => s.start < sEnd && s.end > sStart && (s.open >= sStart || s.open < 0) && !isLabel(p, s, p.text.slice(s.start, s.end)));
    if (inSentence.some((s) => s.dash || s.open < 0 || s.close < 0 || p.text.slice(sStart, s.open).trim() === '')) continue;
    const toks = tokensIn(p.tokens, sStart, sEnd);
    // "… . This was stated by Foreign Minister X.", "… . Peskov said this at a briefing.": what was said is the
    // sentence before (the way translated wire copy attributes).
    // Opening a paragraph, it points at the last sentence of the paragraph before.
    const back = (si > 0 || previous) && inSentence.length === 0 ? backReference(p, toks, sStart, sEnd) : undefined;
    if (back) {
      const q = si > 0 ? p : previous!;
      const end = si > 0 ? sStart : q.text.length;
      const start = si > 0 ? p.sentences[si - 1] : q.sentences[q.sentences.length - 1];
      const before = tokensIn(q.tokens, start, end);
      const quoted = spansFrom(q, start - MAX_WINDOW, end).some((s) => s.start < end && s.end > start);
      if (before.length >= 4 && !quoted) {
        const [from, to] = clauseBounds(q.text, before[0].start, end);
        out.push({ verb: back.verb, subject: back.subject, from, to, rule: 'reported-this-was-said', inPrevious: si === 0 || undefined });
        continue;
      }
    }
    let found = false;
    // One sentence may report two statements ("X said …, adding that …"; "… and predicted …"): each clause
    // ends where the next reporting verb takes over, and the search goes on after it.
    let doneTo = sStart;
    let lastSubject: Mention | undefined;
    let lastFrom = sStart;
    let lastTo = sStart;
    for (let i = 0; i < toks.length; i++) {
      const t = toks[i];
      const k = t.i;
      // Inside a clause already read, only a named speaker's "said" reports again ("X replied that ISW said …").
      const nested = t.start < doneTo;
      if (nested && !(SAY_VERBS.has(t.low) && lastSubject && t.start < lastTo)) continue;
      // "pointed out that": a reporting verb only with its particle, so the general verb list does not hold it.
      const pointedOut = (t.low === 'pointed' || t.low === 'points') && toks[i + 1]?.low === 'out' && toks[i + 2]?.low === 'that';
      const clauseVerb = INDIRECT_VERBS.has(t.low) && (pointedOut || isReportingVerb(p.tokens, k));
      const objectVerb = OBJECT_VERBS.has(t.low) && !t.cap && (isReportingVerb(p.tokens, k) || isSpeechAct(p.tokens, k)) && !PASSIVE_AUX.has(toks[i - 1]?.low ?? '');
      if (!clauseVerb && !objectVerb) continue;
      if (t.gap.includes(',') && invertedTail(p, toks, i, sEnd)) continue;
      // Where the reported clause begins: after "that", a listener or an adverbial, or right after the verb.
      const clauseAt = (): number | undefined => {
        let j = i + 1;
        if (VERBS_WITH_LISTENER.has(t.low)) {
          // "told reporters that", "informed the agency on Friday that"
          j = thatAfter(toks, i + 1, true) ?? i + 1;
          if (toks[j]?.low !== 'that') {
            // "told reporters the talks were useful": the listener, then a clause.
            const listener = largestAt(p.mentions, toks[i + 1]?.start ?? -1);
            j = i + 1;
            if (listener) while (j < toks.length && toks[j].end <= listener.end) j++;
            else if (toks[j] && /^(reporters|journalists|me|us|him|her|them|parliament|lawmakers)$/.test(toks[j].low)) j++;
            else if (toks[j] && /^(a|an|the|his|her|their|its)$/.test(toks[j].low)) {
              // "told a news conference they are …", "told the crowd it was …": a short listener phrase.
              const stop = Math.min(toks.length, j + 8);
              j++;
              while (j < stop && !subjectWord(toks[j].low) && !/[,;:()]/.test(toks[j].gap)) j++;
            } else if (toks[j]?.cap) {
              // "told Fox News he …": a name the mention finder did not take.
              while (j < toks.length && j < i + 6 && toks[j].cap && !subjectWord(toks[j].low) && !/[,;:()]/.test(toks[j].gap)) j++;
            } else return undefined;
            // "told The Gazette last week she …": when and where, after the listener.
            while (j < toks.length && j < i + 14 && !subjectWord(toks[j].low) && (ADVERBIAL_WORDS.has(toks[j].low) || DAYS_AND_MONTHS.has(toks[j].low) || toks[j].cap || /^\d+$/.test(toks[j].low)) && !/[,;:()]/.test(toks[j].gap)) j++;
            if (!toks[j] || !subjectWord(toks[j].low) || /[,;:]/.test(toks[j].gap)) return undefined;
          }
        } else {
          if (pointedOut) j++;
          // "said on Friday that …"; "said Moscow would reject any truce that …" is a bare clause, its "that" relative.
          // "said in her opening remarks that …": a prepositional phrase of any words before "that".
          const hop = thatAfter(toks, j, false) ?? (AFTER_VERB_PREPOSITIONS.has(toks[j]?.low ?? '') ? thatAfter(toks, j + 1, true) : undefined);
          const past = hop === undefined ? afterAdverbial(toks, j) : undefined;
          if (hop !== undefined) j = hop;
          // "said on Saturday it would …": a time or place, then a clause opening with a pronoun or determiner.
          else if (past !== undefined) j = past;
          // "said Friday, as …": a day is no clause's subject.
          else if (!BARE_CLAUSE_VERBS.has(t.low) || !toks[j] || DAYS_AND_MONTHS.has(toks[j].low) || !(subjectWord(toks[j].low) || CLAUSE_OPENERS.has(toks[j].low) || toks[j].cap || /^\d/.test(toks[j].low) || opensNounPhrase(p, toks[j], sEnd) || gerundSubject(toks, j)) || /[,;:]/.test(toks[j].gap)) return undefined;
        }
        return j;
      };
      // "…, which Jane Roe says is …", "what the senators said was …": the relative clause, from its pronoun.
      const rel = SAY_VERBS.has(t.low) && clauseVerb && !nested ? relativeBefore(p, toks, sStart, i) : undefined;
      let j = clauseVerb && !rel ? clauseAt() : undefined;
      let rule = 'reported-X-said-that';
      if (rel) {
        // A relative set off by commas ends at the next one ("The report, which Roe said was flawed, …").
        const comma = toks[rel.at].gap.includes(',') ? toks.findIndex((w, q) => q > i + 1 && w.gap.includes(',')) : -1;
        const [from, to] = clauseBounds(p.text, toks[rel.at].start, comma > 0 ? trimEnd(p.text, 0, toks[comma].start - toks[comma].gap.length) : nextStatement(p, toks, i + 1, sEnd));
        if (tokensIn(p.tokens, from, to).length >= 5 && (!inSentence.length || phrasesOnly(p, inSentence, from, to))) {
          out.push({ verb: t, subject: rel.subject, from, to, rule: 'reported-relative-X-said' });
          found = true;
          doneTo = to;
        }
        continue;
      }
      if (j === undefined) {
        // "called for a ceasefire", "asked whether …", "urged Kyiv to …", "announced his resignation": what
        // follows the verb is what was said.
        if (!objectVerb) continue;
        const prev = toks[i - 1];
        // "plans to call for …", "will ask …": an intention, not speech.
        if (prev && (prev.low === 'to' || MODALS.has(prev.low)) && !/ed$|s$/.test(t.low)) continue;
        // "did not confirm whether …", "never denied …": what was not said is not a statement.
        if (prev && /^(?:not|never|n[’']t|\p{L}+n[’']t)$/u.test(prev.low)) continue;
        // "a group called Black Votes Matter": a name given, not a speaker calling something.
        if (CALL_VERBS.has(t.low) && prev && !prev.cap && !subjectWord(prev.low) && !(prev.low in PERSON_ROLES) && !GROUP_NOUNS.has(prev.low)) continue;
        j = i + 1;
        if (toks[j] && PARTICLES.has(toks[j].low) && /^\s+$/.test(toks[j].gap)) j++;
        if (!toks[j] || /[,;:.!?()]/.test(toks[j].gap)) continue;
        // "wrote an op-ed" names a text; "wrote that …" reports it.
        if (WRITE_VERBS.has(t.low) && toks[j].low !== 'that') continue;
        rule = 'reported-X-verb-object';
      }
      if (toks[j]?.low === 'that') j++;
      if (!toks[j]) continue;
      // An object verb's row keeps the verb: "rejected Kyiv's request for a truce" read without "rejected" says the
      // opposite of what was said.
      const objectRow = rule === 'reported-X-verb-object';
      const [from, to] = clauseBounds(p.text, objectRow ? t.start : toks[j].start, nextStatement(p, toks, j, sEnd, /^(who|whom)$/.test(toks[i - 1]?.low ?? '')));
      if (p.text.slice(from, to).split(/\s+/).length < 4) continue;
      if (inSentence.length && !phrasesOnly(p, inSentence, from, to)) continue;
      // "…, saying …" reports for the main clause's subject; "officials saying that …" for the noun before it.
      const bareParticiple = t.low.endsWith('ing') && !t.gap.includes(',');
      // "… and predicted that …": a second verb of the same subject.
      const afterAnd = (toks[i - 1]?.low === 'and' || toks[i - 1]?.low === 'but') && /^\s+$/.test(t.gap);
      const coordinated = afterAnd ? lastSubject ?? openingSubject(p, toks, i) : undefined;
      const subject = nested ? namedSubject(p, subjectMention(p, sStart, t.start)) : coordinated ?? (bareParticiple ? mentionsIn(p, sStart, t.start).filter((m) => m.end === trimEnd(p.text, sStart, t.start) && !m.possessive).pop() : verbSubject(p, sStart, t));
      if (!subject || nested && (!NESTED_SPEAKER_KINDS.has(subject.kind) || subject.start < lastFrom)) continue;
      lastSubject = subject;
      lastFrom = from;
      lastTo = to;
      out.push({ verb: t, subject, from, to, rule });
      found = true;
      doneTo = to;
    }
    // "As Zelensky noted, the talks …", "As Peskov put it, …", "As he told reporters, …": the clause after the
    // comma is X's (a sentence opening in translated reports especially).
    if (!found && toks[0]?.low === 'as') {
      const m = asSaid(p, toks, sEnd);
      if (m) {
        const [from, to] = clauseBounds(p.text, m.after, sEnd);
        if (tokensIn(p.tokens, from, to).length >= 4 && (!inSentence.length || phrasesOnly(p, inSentence, from, to))) {
          out.push({ verb: m.verb, subject: m.subject, from, to, rule: 'reported-as-X-said' });
          found = true;
        }
      }
    }
    // "According to him, Ukraine is ready for …": the clause after the comma is X's.
    if (!found && toks[0]?.low === 'according' && toks[1]?.low === 'to') {
      const comma = p.text.indexOf(',', toks[1].end);
      const near = mentionsIn(p, toks[1].end, comma < 0 ? sEnd : comma);
      const m = largestAt(near, toks[2]?.start ?? -1) ?? (DET_START.has(toks[2]?.low ?? '') ? largestAt(near, toks[3]?.start ?? -1) : undefined);
      const after = comma > 0 && comma < sEnd ? tokensIn(p.tokens, comma, sEnd) : [];
      if (m && after.length >= 4) {
        const [from, to] = clauseBounds(p.text, after[0].start, sEnd);
        if (!inSentence.length || phrasesOnly(p, inSentence, from, to)) {
          out.push({ verb: toks[0], subject: m, from, to, rule: 'reported-according-to' });
          found = true;
        }
      }
    }
    // "The Russian side, according to Medinsky, is ready to …": the sentence is X's, the source set off inside it.
    if (!found && inSentence.length === 0) {
      const inner = /,\s*according to ([^,;:()]{2,60}),\s*/i.exec(p.text.slice(sStart, sEnd));
      const m = inner ? largestAt(mentionsIn(p, sStart + inner.index, sStart + inner.index + inner[0].length), sStart + inner.index + inner[0].indexOf(inner[1])) : undefined;
      if (inner && m && inner.index > 0 && tokensIn(p.tokens, sStart, sEnd).length >= 8) {
        const [from, to] = clauseBounds(p.text, toks[0].start, sEnd);
        out.push({ verb: toks.find((t) => t.start >= sStart + inner.index && t.low === 'according') ?? toks[0], subject: m, from, to, rule: 'reported-according-to-inside' });
        found = true;
      }
    }
    // "Ushakov told journalists: Moscow has received the proposals …": a statement after the colon, no marks.
    if (!found && inSentence.length === 0) {
      const c = colonStatement(p, toks, sStart, sEnd);
      if (c) {
        out.push({ verb: c.verb, subject: c.subject, from: c.from, to: c.to, rule: 'reported-colon-statement' });
        found = true;
      }
    }
    if (found) continue;
    // "Speaking at a press conference, Dmitry Peskov said:" — the next paragraph's quote is his.
    if (/:\s*$/.test(p.text.slice(sStart, sEnd))) {
      const last = toks[toks.length - 1];
      if (last && REPORTING_VERBS.has(last.low)) {
        const subject = subjectMention(p, sStart, last.start);
        if (subject) out.push({ verb: last, subject, from: sEnd, to: sEnd, intro: true, rule: 'colon-intro' });
      } else if (last && sEnd - sStart < 400) {
        // "Cruz called them on it:", "… released the following statement:": the subject of the lead-in's verb.
        const tags = tag(p.text.slice(sStart, sEnd));
        const v = [...tags].reverse().find((t) => t.pos === 'VERB');
        const verb = v ? tokensIn(p.tokens, sStart + v.start, sStart + v.end)[0] : undefined;
        const subject = verb ? subjectMention(p, sStart, verb.start) : undefined;
        if (verb && subject && subject.kind !== 'place') out.push({ verb, subject, from: sEnd, to: sEnd, intro: true, rule: 'colon-intro-verb' });
      }
      continue;
    }
    // "…, says the Institute for the Study of War (ISW)." / "…, the ministry said."
    // The attribution may be the last comma's tail or, before a participle ("Sales were great, he said,
    // wiping …"), the one before it.
    const pushed = out.length;
    let tailEnd = sEnd;
    // "…, said Jane Roe, a former aide.": the tail before an apposition, its verb first.
    let appositionAfter = false;
    for (let attempt = 0; attempt < 3; attempt++) {
    const lastComma = p.text.lastIndexOf(',', tailEnd - 1);
    if (attempt > 0) {
      const after = tokensIn(p.tokens, tailEnd, sEnd);
      // "…, said Jane Roe, director of the Policy Institute and an analyst in Ohio.", "…, said Jane Roe, its
      // president, which …": a description of the speaker, however long, names no second statement.
      appositionAfter = after.length > 0 && after.length <= MAX_APPOSITION && !after[0].low.endsWith('ing') && (DET_START.has(after[0].low) || after[0].poss || after[0].cap || POSSESSIVE_DETERMINERS.has(after[0].low) || after[0].low in PERSON_ROLES) && !after.some((w) => INDIRECT_VERBS.has(w.low));
      // "…, officials said Friday, as the crowd …": a subordinate clause after the attribution.
      if (!after.length || !(after[0].low.endsWith('ing') || appositionAfter || TAIL_SUBORDINATORS.has(after[0].low))) break;
    }
    if (lastComma > sStart + 10) {
      const tail = tokensIn(p.tokens, lastComma, tailEnd);
      if (tail.length >= 2 && tail.length <= 12) {
        const vi = tail.findIndex((t) => INDIRECT_VERBS.has(t.low) && !t.cap);
        if (vi === 0 || (vi > 0 && !appositionAfter)) {
          const ms = mentionsIn(p, lastComma, sEnd).filter((m) => !m.possessive);
          const near = (x: Mention, k: number): boolean => x.start === tail[k]?.start || (DET_START.has(tail[k]?.low ?? '') && x.start === tail[k + 1]?.start);
          // (a determiner in front: "the War Research Institute said")
          // "…, Donald Trump’s longtime confidant Roger Stone stated": the name right before the verb.
          const m = vi === 0 ? ms.find((x) => near(x, 1)) : ms.find((x) => near(x, 0) && x.end <= tail[vi].start) ??
            ms.filter((x) => (x.kind === 'person' || x.kind === 'pronoun') && x.end <= tail[vi].start && tokensIn(p.tokens, x.end, tail[vi].start).every((w) => AUXILIARIES.has(w.low))).pop() ??
            phraseSubject(p, tail[0].start, tail[vi]);
          // The clause itself reporting someone ("X stated this…, reports Ukrinform") is not the outlet's claim.
          // ("The sides agreed to exchange …, Medinsky said": a verb with "to" is an agreement or an intention, no report.)
          const headHasVerb = tokensIn(p.tokens, sStart, lastComma).some((t) => !t.cap && REPORTING_VERBS.has(t.low) && isReportingVerb(p.tokens, t.i) && p.tokens[t.i + 1]?.low !== 'to');
          // "…, the ministry said on Thursday." ends the sentence; "In a statement, the network said that …" opens a clause.
          const closes = vi === 0 || AFTER_VERB_PREPOSITIONS.has(tail[vi + 1]?.low ?? '') || tail.slice(vi + 1).every((w) => ADVERBIAL_WORDS.has(w.low) || DAYS_AND_MONTHS.has(w.low) || GROUP_NOUNS.has(w.low) || w.cap || /^\d+$/.test(w.low));
          if (m && closes && !headHasVerb && (vi > 0 || invertedTail(p, tail, 0, sEnd))) {
            let to = lastComma;
            while (to > sStart && /\s/.test(p.text[to - 1])) to--;
            // A wire dateline ("KYIV, Nov 3 (Reuters) - ") is not part of what was said.
            const dateline = DATELINE.exec(p.text.slice(sStart, to));
            if (inSentence.length && !phrasesOnly(p, inSentence, sStart + (dateline ? dateline[0].length : 0), to)) continue;
            out.push({ verb: tail[vi], subject: m, from: sStart + (dateline ? dateline[0].length : 0), to, rule: 'reported-tail-X-said' });
            break;
          }
        }
      }
    }
    tailEnd = lastComma;
    if (tailEnd <= sStart) break;
    }
    if (out.length === pushed) {
      const mid = midAttribution(p, toks, sStart, sEnd);
      if (mid && (!inSentence.length || phrasesOnly(p, inSentence, mid.from, mid.to))) out.push(mid);
    }
  }
  return out;
}

/** Words that open a clause of its own inside a sentence: its verbs belong to that clause's subject. */
const CLAUSE_SUBJECTS: ReadonlySet<string> = new Set(['who', 'whom', 'whose', 'which', 'that', 'he', 'she', 'they', 'we', 'i', 'it', 'you', 'while', 'when', 'after', 'before', 'because', 'as', 'if']);

/**
 * "Jane Roe, a former chair, became a delegate and said she …", "Roe celebrated in Ohio but said …": the
 * second verb of the sentence's opening subject. The sentence must open with that name or noun phrase and
 * its own verb, with no other clause (a relative, a pronoun's) between it and "and said".
 */
function openingSubject(p: Para, toks: Token[], verbIdx: number): Mention | undefined {
  let a = 0;
  if (toks[0] && /^(but|and|yet)$/.test(toks[0].low)) a = 1;
  const head = toks[a];
  if (!head || verbIdx - a > 40) return undefined;
  const m = largestAt(mentionsIn(p, head.start, toks[verbIdx].start), head.start);
  if (!m || m.possessive || m.kind === 'place' || !namedSubject(p, m)) return undefined;
  let k = a;
  while (k < verbIdx && toks[k].end <= m.end) k++;
  // "Jane Roe, a former chair, became …": an apposition set off by commas stands between name and verb.
  if (toks[k]?.gap.includes(',')) {
    let close = k + 1;
    while (close < verbIdx && close <= k + 12 && !toks[close].gap.includes(',')) close++;
    if (close >= verbIdx || close > k + 12 || RELATIVE_OR_PARTICIPLE.test(toks[k].low)) return undefined;
    k = close;
  }
  if (k >= verbIdx - 1 || /[;:]/.test(toks[k].gap)) return undefined;
  const pos = tagNear(p, toks[k].start, toks[Math.min(verbIdx, k + 4)].end);
  if (pos !== 'VERB' && pos !== 'AUX') return undefined;
  for (let q = k + 1; q < verbIdx - 1; q++) if (CLAUSE_SUBJECTS.has(toks[q].low) || /[;:]/.test(toks[q].gap)) return undefined;
  return m;
}
const RELATIVE_OR_PARTICIPLE = /^(who|which|whose|whom)$|ing$/;

/**
 * "The plan, Jane Roe said on Monday, would fail.": an attribution set off by commas inside the sentence. What
 * was said is the sentence around it; the row keeps the sentence whole (its text stays a slice of the paragraph).
 */
function midAttribution(p: Para, toks: Token[], sStart: number, sEnd: number): IndirectCandidate | undefined {
  for (let i = 1; i < toks.length - 3; i++) {
    if (!toks[i].gap.includes(',')) continue;
    let v = -1;
    for (let k = i + 1; k < toks.length && k <= i + 6; k++) {
      if (/[,;:()–—"“”]/.test(toks[k].gap)) break;
      if (INDIRECT_VERBS.has(toks[k].low) && !toks[k].cap && !toks[k].low.endsWith('ing') && isReportingVerb(p.tokens, toks[k].i)) {
        v = k;
        break;
      }
    }
    if (v < 0) continue;
    // The attribution closes with a comma after a few adverbial words ("said on Monday,", "told reporters,").
    let close = -1;
    for (let k = v + 1; k < toks.length && k <= v + 5; k++) {
      if (toks[k].gap.includes(',')) {
        close = k;
        break;
      }
      if (!(ADVERBIAL_WORDS.has(toks[k].low) || DAYS_AND_MONTHS.has(toks[k].low) || GROUP_NOUNS.has(toks[k].low) || toks[k].cap || /^\d+$/.test(toks[k].low))) break;
    }
    // "…, Jane Roe said, “We …”": the quote after it is attributed as a quote.
    if (close < 0 || toks.length - close < 3 || /["“”‘'«]/.test(toks[close].gap) || PASSIVE_AUX.has(toks[v - 1].low)) continue;
    const verb = toks[v];
    const ms = mentionsIn(p, toks[i].start, verb.start).filter((m) => !m.possessive && m.kind !== 'place');
    const first = DET_START.has(toks[i].low) ? toks[i + 1] : toks[i];
    const m = ms.find((x) => x.start === toks[i].start || x.start === first.start);
    const subject = m && m.end <= verb.start && tokensIn(p.tokens, m.end, verb.start).every((w) => AUXILIARIES.has(w.low)) ? namedSubject(p, m) : phraseSubject(p, toks[i].start, verb);
    if (!subject) continue;
    const dateline = DATELINE.exec(p.text.slice(sStart, sEnd));
    const [from, to] = clauseBounds(p.text, sStart + (dateline ? dateline[0].length : 0), sEnd);
    return { verb, subject, from, to, rule: 'reported-mid-X-said' };
  }
  return undefined;
}

/** Words opening a clause that may follow a closing attribution ("…, he said, as …", "…, she said, because …"). */
const TAIL_SUBORDINATORS: ReadonlySet<string> = new Set(['as', 'while', 'when', 'after', 'before', 'because', 'since', 'although', 'though', 'but', 'and', 'which', 'where', 'though']);
const SAY_VERBS: ReadonlySet<string> = new Set(['say', 'says', 'said']);
/** The longest description after a speaker's name that still closes the sentence, in words. */
const MAX_APPOSITION = 20;
const POSSESSIVE_DETERMINERS: ReadonlySet<string> = new Set(['its', 'his', 'her', 'their', 'our']);
/** Who may speak inside another's reported clause: a name, never a pronoun or a noun phrase the clause may not mean. */
const NESTED_SPEAKER_KINDS: ReadonlySet<string> = new Set(['person', 'org', 'name1']);
const RELATIVES: ReadonlySet<string> = new Set(['which', 'what', 'who', 'that']);

/** "which Jane Roe says …": the relative pronoun right before the verb's subject, and that subject. */
function relativeBefore(p: Para, toks: Token[], sStart: number, verbIdx: number): { at: number; subject: Mention } | undefined {
  // "Erdogan, who hosted the talks, said …": a verb after a comma closes the relative; it is not inside one.
  if (/[,;:()]/.test(toks[verbIdx].gap)) return undefined;
  for (let k = verbIdx - 1; k >= 0 && k >= verbIdx - 6; k--) {
    if (/[,;:()]/.test(toks[k + 1].gap) && k + 1 < verbIdx) return undefined;
    if (!RELATIVES.has(toks[k].low) || k + 1 >= verbIdx) continue;
    const verb = toks[verbIdx];
    const m = largestAt(mentionsIn(p, toks[k + 1].start, verb.start), toks[k + 1].start) ?? (DET_START.has(toks[k + 1].low) ? largestAt(mentionsIn(p, toks[k + 2].start, verb.start), toks[k + 2].start) : undefined);
    const subject = m && tokensIn(p.tokens, m.end, verb.start).every((w) => AUXILIARIES.has(w.low)) && !m.possessive ? namedSubject(p, m) : phraseSubject(p, toks[k + 1].start, verb);
    // "the officials who said …" is no relative clause of speech: the verb's subject is the relative itself.
    return subject && toks[k].start >= sStart ? { at: k, subject } : undefined;
  }
  return undefined;
}

/** Verbs of a headline that reports speech ("Zelensky Says Ukraine Is Ready …", "Peskov urges Kyiv to …"). */
const HEADLINE_VERBS: ReadonlySet<string> = new Set([
  'says', 'said', 'tells', 'told', 'urges', 'urged', 'calls', 'called', 'warns', 'warned', 'claims', 'asks', 'vows',
  'pledges', 'insists', 'admits', 'denies', 'accuses', 'predicts', 'suggests', 'announces', 'confirms', 'rejects', 'demands',
]);

/**
 * Every verb a rule here can fire on: the paragraph filter in may-quote.ts skips paragraphs with none of them, so
 * a verb added to any of these sets is a cue there too.
 */
export const REPORTED_CUE_VERBS: ReadonlySet<string> = new Set([...INDIRECT_VERBS, ...OBJECT_VERBS, ...BARE_CLAUSE_VERBS, ...HEADLINE_VERBS]);

/**
 * A headline that reports speech: "Jane Roe Says Talks Will Resume" (the subject opens it) or "Talks Will Resume,
 * Jane Roe Says" (the attribution closes it). Title Case defeats the tagger, so the subject is the words before
 * the verb, at most five and without punctuation.
 */
export function headlineReported(p: Para): IndirectCandidate | undefined {
  const toks = p.tokens;
  if (toks.length < 4 || p.spans.length > 0) return undefined;
  const subjectOf = (a: number, b: number): Mention | undefined => {
    if (b - a < 1 || b - a > 5 || toks.slice(a + 1, b + 1).some((w) => /[,;:()|–—"“”]/.test(w.gap))) return undefined;
    const end = toks[b - 1].end;
    const m = mentionsIn(p, toks[a].start, end).find((x) => x.start === toks[a].start && x.end === end && !x.possessive && x.kind !== 'place');
    if (m) return m;
    if (!toks[a].cap || toks[b - 1].poss) return undefined;
    const text = p.text.slice(toks[a].start, end);
    return { kind: 'desc', start: toks[a].start, end, tokStart: toks[a].i, tokEnd: toks[b - 1].i + 1, text, roles: [], subjectOk: true, possessive: false };
  };
  // "…, Former White House Doctor Says."
  const comma = p.text.lastIndexOf(',');
  if (comma > 10) {
    const tail = tokensIn(toks, comma, p.text.length);
    const last = tail[tail.length - 1];
    if (last && HEADLINE_VERBS.has(last.low) && tail.length >= 2) {
      const subject = subjectOf(tail[0].i, last.i);
      const [from, to] = clauseBounds(p.text, 0, comma);
      if (subject && tokensIn(toks, from, to).length >= 3) return { verb: last, subject, from, to, rule: 'headline-reported' };
    }
  }
  const v = toks.findIndex((t, k) => k >= 1 && k <= 5 && HEADLINE_VERBS.has(t.low));
  if (v < 0 || toks.length - v < 3) return undefined;
  const subject = subjectOf(0, v);
  let j = v + 1;
  if (PARTICLES.has(toks[j].low)) j++;
  if (!subject || /[,;:]/.test(toks[j]?.gap ?? ',')) return undefined;
  const [from, to] = clauseBounds(p.text, toks[j].start, p.text.length);
  return { verb: toks[v], subject, from, to, rule: 'headline-reported' };
}

/**
 * Where a reported clause starting at toks[j] gives way to a second statement of the same sentence: a comma and
 * a reporting participle (", telling reporters that", ", adding …") or "and"/"but" and a reporting verb
 * ("… and predicted that …"), or, for a relative's verb ("X, who estimated that A, said B"), the main verb after a
 * comma. The sentence end otherwise.
 */
function nextStatement(p: Para, toks: Token[], j: number, sEnd: number, inRelative = false): number {
  for (let k = j + 3; k < toks.length; k++) {
    const t = toks[k];
    if (t.start >= sEnd) break;
    const prev = toks[k - 1];
    // "…, and he railed against …": a new sentence's worth, its own subject and a verb in the past, after the comma.
    if (k >= j + 4 && /^(and|but)$/.test(prev.low) && prev.gap.includes(',') && /^(he|she|they|we)$/.test(t.low) && /^\p{Ll}+ed$/u.test(toks[k + 1]?.low ?? '') && !/[,;:]/.test(toks[k + 1]?.gap ?? '')) {
      return trimEnd(p.text, 0, prev.start - prev.gap.length + prev.gap.indexOf(','));
    }
    // "Roe, who estimated that A, said B": the relative's clause ends where the main verb comes after a comma.
    if (inRelative && k >= j + 4 && SAY_VERBS.has(t.low) && t.gap.includes(',') && (subjectWord(toks[k + 1]?.low ?? '') || toks[k + 1]?.low === 'that' || toks[k + 1]?.cap) && !/[,;:]/.test(toks[k + 1]?.gap ?? '')) {
      return trimEnd(p.text, 0, t.start - t.gap.length + t.gap.indexOf(','));
    }
    if (t.cap || !REPORTING_VERBS.has(t.low) || !isReportingVerb(p.tokens, t.i)) continue;
    if (t.low.endsWith('ing') && t.gap.includes(',')) return trimEnd(p.text, 0, t.start - t.gap.length + t.gap.indexOf(','));
    if ((prev.low === 'and' || prev.low === 'but') && /^\s+$/.test(t.gap)) return trimEnd(p.text, 0, prev.start).valueOf();
  }
  return sEnd;
}

/**
 * A reported clause's text: from its first word to the sentence end, without the final punctuation, but with
 * the marks of a title or quoted word inside it kept whole ("“Operation Spiderweb” had taken …").
 */
function clauseBounds(text: string, from: number, sentEnd: number): [number, number] {
  let f = from;
  if (f > 0 && /["“«„]/.test(text[f - 1])) f--;
  let to = sentEnd;
  // "…, according to Interfax." names the source, not what was said.
  // "…, TASS reported." and "…, RIA Novosti reports." name the outlet that carried it, not what was said.
  const source = /,\s*according to [^,;.!?]{2,60}[.!?]?\s*$/.exec(text.slice(f, sentEnd)) ?? OUTLET_TAIL.exec(text.slice(f, sentEnd));
  if (source) to = f + source.index;
  while (to > f && /[\s.!?;:,]/.test(text[to - 1])) to--;
  // A closing mark at the end stays only when it closes a mark opened inside the clause.
  if (to > f && /[”"’»]/.test(text[to - 1])) {
    const inner = text.slice(f, to - 1);
    const opened = (inner.match(/[“«„]/g)?.length ?? 0) + ((inner.match(/"/g)?.length ?? 0) % 2);
    if (opened === 0 || text[to - 1] === '’') {
      to--;
      while (to > f && /[\s.!?;:,]/.test(text[to - 1])) to--;
    }
  }
  return [f, to];
}

const OUTLET = String.raw`(?:the\s+)?\p{Lu}[\p{L}\p{N}.&'’-]*(?:\s+\p{Lu}[\p{L}\p{N}.&'’-]*){0,3}`;
const OUTLET_TAIL = new RegExp(String.raw`,\s*(?:${OUTLET}\s+(?:reported|reports)(?:\s+on\s+\p{Lu}\p{Ll}+)?|(?:reported|reports)\s+${OUTLET})[.!?]?\s*$`, 'u');

/** Words that may stand between a reporting verb and its "that": when, where, how and to whom it was said. */
const ADVERBIAL_WORDS = new Set([
  'on', 'in', 'at', 'during', 'after', 'before', 'to', 'with', 'from', 'via', 'by', 'for', 'of', 'over', 'late',
  'early', 'a', 'an', 'the', 'his', 'her', 'its', 'their', 'today', 'yesterday', 'tonight', 'earlier', 'later',
  'last', 'this', 'next', 'week', 'weekend', 'month', 'year', 'morning', 'afternoon', 'evening', 'night', 'day',
  'days', 'weeks', 'ago', 'recently', 'again', 'also', 'repeatedly', 'previously', 'separately', 'publicly',
  'privately', 'openly', 'now', 'then', 'once', 'first', 'statement', 'interview', 'video', 'address', 'speech',
  'briefing', 'conference', 'press', 'news', 'post', 'posts', 'message', 'televised', 'joint', 'written', 'social',
  'media', 'platform', 'channel', 'meeting', 'call', 'phone', 'summit', 'sidelines', 'visit', 'trip', 'remarks',
  'comments', 'letter', 'report', 'broadcast', 'published', 'aired', 'nightly', 'daily', 'weekly', 'regular',
  'official', 'website', 'session', 'hearing', 'forum', 'talk', 'show', 'podcast', 'state', 'television', 'tv',
  'radio', 'online', 'x', 'telegram', 'facebook', 'instagram', 'truth', 'reporters', 'journalists', 'lawmakers',
  'parliament', 'me', 'us', 'him', 'them', 'audience', 'crowd', 'students', 'officials', 'diplomats',
  'counterparts', 'colleagues', 'allies', 'leaders', 'nation', 'people', 'agency', 'newspaper', 'broadcaster',
  'outlet', 'committee', 'council', 'assembly', 'senate', 'congress', 'gathering', 'event', 'ceremony',
  'response', 'reply', 'answer', 'question', 'questions', 'request', 'inquiry', 'written',
  // Where politicians speak: "said during this week's debate that …", "said at a campaign rally on Monday that …".
  'debate', 'debates', 'rally', 'rallies', 'campaign', 'stop', 'town', 'hall', 'appearance', 'tweet', 'tweets',
  'program', 'programme', 'episode', 'edition', 'column', 'testimony', 'filing', 'release', 'several', 'times',
]);

const FINITE_AFTER_GERUND: ReadonlySet<string> = new Set(['is', 'was', 'are', 'were', 'has', 'had', 'will', 'would', 'could', 'can', 'should', 'may', 'might', 'must', 'does', 'did']);

/** "says running for president is tough": a gerund opens the clause when a finite verb follows within a few words. */
function gerundSubject(toks: Token[], j: number): boolean {
  if (!/^\p{Ll}{3,}ing$/u.test(toks[j].low) || toks[j].cap) return false;
  for (let k = j + 1; k < toks.length && k <= j + 6; k++) {
    if (/[,;:()]/.test(toks[k].gap)) return false;
    if (FINITE_AFTER_GERUND.has(toks[k].low)) return k > j + 1;
  }
  return false;
}

/** After "said": the index just past a short adverbial ("on Saturday", "in Brussels") when a lower-case clause opener follows. */
function afterAdverbial(toks: Token[], from: number): number | undefined {
  const first = toks[from];
  // "said on Saturday it …", and the wire's bare day: "said Thursday his biggest worry is …".
  if (!first || !(/^(on|in|at|during|after|late|earlier|later|last|today|yesterday|tonight|now|again|repeatedly|publicly|privately|recently|previously|separately|often)$/.test(first.low) || DAYS_AND_MONTHS.has(first.low))) return undefined;
  for (let j = from + 1; j < toks.length && j < from + 6; j++) {
    const t = toks[j];
    if (/[,;:()]/.test(t.gap)) return undefined;
    // A pronoun opens the clause; a determiner does unless it belongs to the adverbial ("at the briefing").
    const prev = toks[j - 1].low;
    const inPhrase = DET_START.has(prev) || /^(on|in|at|during|after|before|to|with|from|of|for)$/.test(prev);
    if (!t.cap && subjectWord(t.low) && !(inPhrase && !/^(he|she|it|they|we|i|you|there)$/.test(subjectWord(t.low) ?? ''))) return j;
    if (!(ADVERBIAL_WORDS.has(t.low) || DAYS_AND_MONTHS.has(t.low) || t.cap || /^\d+$/.test(t.low))) return undefined;
  }
  return undefined;
}

/** Index of the "that" opening a reported clause, when only adverbials (and, after "told", a listener) come before it. */
const SENTENCE_ASIDES: ReadonlySet<string> = new Set(['however', 'though', 'moreover', 'meanwhile', 'nonetheless', 'nevertheless', 'also', 'too', 'again', 'instead']);

function thatAfter(toks: Token[], from: number, listener: boolean): number | undefined {
  for (let j = from; j < toks.length && j < from + 14; j++) {
    const t = toks[j];
    // "told POLITICO, however, that …": a sentence adverb set off by commas before "that".
    if (t.gap.trim() === ',' && SENTENCE_ASIDES.has(t.low) && toks[j + 1]?.low === 'that' && toks[j + 1].gap.trim() === ',') return j + 1;
    if (j > from && /[,;:()]/.test(t.gap)) return undefined;
    if (t.low === 'that') return j;
    if (ADVERBIAL_WORDS.has(t.low) || DAYS_AND_MONTHS.has(t.low) || /^\d+$/.test(t.low)) continue;
    // "told his advisers that": after a listener verb, a group of people is the listener.
    if (listener && GROUP_NOUNS.has(t.low)) continue;
    // "told a crowded banquet hall at a hotel in downtown Baltimore that": after a listener verb, any words up to
    // "that" — unless a clause has begun ("told reporters he was sure that …").
    if (listener && !t.cap && !subjectWord(t.low) && !/[,;:()]/.test(t.gap)) continue;
    // Names of places, outlets and (after "told") listeners: "in Brussels", "told Reuters"; but "said Moscow …"
    // starts the clause itself.
    if (t.cap && (j > from || listener)) continue;
    return undefined;
  }
  return undefined;
}

const DATELINE = /^\p{Lu}[\p{Lu}\p{L} .'’-]{1,40}(?:,\s*\p{Lu}[\p{L}.]{1,9}\s+\d{1,2})?\s*\([^)]{2,40}\)\s*[-–—]+\s*/u;

/** "…, says the Institute for the Study of War (ISW).": the verb is followed by its speaker and the sentence ends. */
function invertedTail(p: Para, toks: Token[], verbIdx: number, sEnd: number): boolean {
  const next = toks[verbIdx + 1];
  if (!next) return false;
  const first = DET_START.has(next.low) ? toks[verbIdx + 2] : next;
  if (!first) return false;
  const m = largestAt(mentionsIn(p, first.start, sEnd), first.start);
  if (!m || m.kind === 'pronoun') return false;
  const rest = tokensIn(p.tokens, m.end, sEnd);
  // "…, said Jane Roe, a former aide to the governor.": an apposition may close the sentence.
  return rest.length <= 2 || (/^\s*,/.test(p.text.slice(m.end)) && rest.length <= MAX_APPOSITION && !rest.some((w) => INDIRECT_VERBS.has(w.low)));
}
