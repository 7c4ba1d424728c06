// Mentions: the noun phrases in a paragraph that could be speakers — named people (with their titles),
// organisations, places, unnamed people and groups ("a senior aide to …", "sources in Kyiv"),
// definite role phrases to resolve ("the Russian leader") and pronouns. Token-based, linear time.
import {
  ALL_PRONOUNS, GROUP_NOUNS, HONORIFICS, KNOWN_ORGS, NATIONALITIES, NOT_NAME_WORDS, ORG_KEYWORDS, PERSON_ROLES,
  PLACES, REPORTING_VERBS, ROLE_MODIFIERS, TITLE_PHRASES, AUXILIARIES,
} from './lexicon.js';
import { fold, isAcronym, stripPossessive } from './names.js';

export interface Token {
  text: string;
  /** Folded, possessive removed. */
  low: string;
  start: number;
  end: number;
  cap: boolean;
  poss: boolean;
  /** Text between the previous token and this one. */
  gap: string;
  /** Index in the paragraph's token list. */
  i: number;
  /** All capitals ("ISW", "U.S."). */
  acr: boolean;
}

const TOKEN_RE = /(?:\p{Lu}\.){2,}|[\p{L}\p{N}]+(?:['’-][\p{L}\p{N}]+)*/gu;

interface WordInfo {
  low: string;
  cap: boolean;
  poss: boolean;
  acr: boolean;
}

// Words repeat across articles: their folded forms are computed once (bounded, cleared when full).
const wordMemo = new Map<string, WordInfo>();

function wordInfo(raw: string): WordInfo {
  let w = wordMemo.get(raw);
  if (w) return w;
  const poss = /['’]s$/i.test(raw);
  const initials = /^(?:\p{Lu}\.){2,}$/u.test(raw);
  const base = poss ? stripPossessive(raw) : raw;
  const low = initials ? raw.replace(/\./g, '').toLowerCase() : /^[A-Za-z0-9'-]+$/.test(base) ? base.toLowerCase() : fold(base);
  w = { low, cap: /^\p{Lu}/u.test(raw), poss, acr: isAcronym(raw) };
  if (wordMemo.size > 200_000) wordMemo.clear();
  wordMemo.set(raw, w);
  return w;
}

export function tokenize(text: string): Token[] {
  const out: Token[] = [];
  let prevEnd = 0;
  for (const m of text.matchAll(TOKEN_RE)) {
    const start = m.index ?? 0;
    const raw = m[0];
    const info = wordInfo(raw);
    out.push({
      text: raw,
      low: info.low,
      start,
      end: start + raw.length,
      cap: info.cap,
      poss: info.poss,
      acr: info.acr,
      gap: text.slice(prevEnd, start),
      i: out.length,
    });
    prevEnd = start + raw.length;
  }
  return out;
}

export type MentionKind = 'person' | 'org' | 'place' | 'name1' | 'group' | 'desc' | 'role' | 'pronoun';

export interface Mention {
  kind: MentionKind;
  /** Offsets in the paragraph (including a title in front of a name). */
  start: number;
  end: number;
  /** Token index range [tokStart, tokEnd). */
  tokStart: number;
  tokEnd: number;
  /** The name or phrase as written (a person's name without title; a description with its determiner). */
  text: string;
  /** Title written before a person's name ("Kremlin spokesperson"). */
  title?: string;
  /** Roles this mention carries (from its title or head noun), expanded ("president" → leader …). */
  roles: string[];
  country?: string;
  /** False when the phrase is the object of a preposition ("a minister to Volodymyr Zelensky"). */
  subjectOk: boolean;
  /** Possessive ("Putin’s"): names an owner, never a speaker. */
  possessive: boolean;
  /** Definite role/group phrase ("the spokesman", "the sources") that refers back to someone. */
  definite?: boolean;
  /** Describes the named person just before it ("Marc Weller, a former UN mediation expert"). */
  apposition?: boolean;
}

const PREPOSITIONS = new Set([
  'to', 'of', 'for', 'at', 'with', 'by', 'from', 'in', 'on', 'about', 'after', 'before', 'including', 'like',
  'than', 'between', 'among', 'against', 'alongside', 'toward', 'towards', 'into', 'over', 'under', 'via',
  'per', 'regarding', 'behind', 'beside', 'besides', 'despite', 'without', 'within', 'amid', 'through',
  'during', 'upon', 'onto', 'unlike', 'near', 'concerning', 'as', 'and', 'or', 'nor',
]);
const DETERMINERS = new Set(['the', 'a', 'an', 'this', 'that', 'these', 'those', 'his', 'her', 'their', 'its', 'our', 'my', 'your']);
const INDEFINITE = new Set(['a', 'an', 'one', 'another', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten', 'several', 'some', 'many', 'few', 'other', 'certain', 'multiple', 'numerous', 'most', 'all']);
const CONNECTORS = new Set(['of', 'for', 'the', 'and', 'de', 'von', 'van', 'der', 'den', 'al', 'bin', 'la', 'le', 'du', 'da', 'di', 'on']);
const NAME_PARTICLES = new Set(['de', 'von', 'van', 'der', 'den', 'al', 'bin', 'la', 'le', 'du', 'da', 'di']);
const PP_STARTS = new Set(['to', 'of', 'for', 'at', 'in', 'from', 'with', 'on', 'close', 'familiar', 'inside', 'within', 'near']);
const PP_STOP = new Set([
  'that', 'who', 'which', 'whom', 'whose', 'and', 'but', 'or', 'as', 'while', 'when', 'if', 'because', 'speaking',
  'seen', 'quoted', 'cited', 'told', 'said', 'has', 'have', 'had', 'is', 'was', 'were', 'are', 'will', 'would',
  'could', 'can', 'may', 'might', 'should', 'must', 'not', 'also', 'on', 'last', 'this', 'since', 'after',
]);

const ORG_HEAD_NOUNS = new Set(['ministry', 'service', 'government', 'army', 'military', 'embassy', 'administration', 'parliament', 'cabinet', 'presidency', 'navy', 'police', 'agency', 'institute', 'department', 'kremlin', 'office', 'command', 'council', 'commission', 'think-tank', 'newspaper', 'outlet', 'broadcaster', 'delegation', 'side', 'authorities', 'leadership', 'regime']);
const ORG_MODIFIERS = new Set(['foreign', 'defence', 'defense', 'interior', 'finance', 'justice', 'economy', 'health', 'energy', 'emergency', 'emergencies', 'intelligence', 'security', 'armed', 'general', 'press', 'news', 'state', 'federal', 'national', 'presidential', 'military', 'border', 'customs', 'prosecutor', 'prosecutors', 'negotiating', 'peace', 'trade']);
const CONTENT_WORDS = new Set(['peace', 'war', 'talks', 'new', 'western', 'eastern', 'northern', 'southern', 'global', 'international', 'world', 'national', 'federal']);
const ROLE_WORDS = new Set(Object.keys(PERSON_ROLES).filter((r) => !r.includes(' ')));
const MULTI_ROLES = Object.keys(PERSON_ROLES).filter((r) => r.includes(' ')).map((r) => r.split(' '));
/** Multi-word roles by their first word, so each token checks only the roles it can start. */
const MULTI_BY_FIRST = new Map<string, string[][]>();
for (const parts of MULTI_ROLES) MULTI_BY_FIRST.set(parts[0], [...(MULTI_BY_FIRST.get(parts[0]) ?? []), parts]);
const TITLE_WORDS = new Set(TITLE_PHRASES.filter((t) => !t.includes(' ')));
/** Words that can head a role or group phrase (step 2 of findMentions): every other word is passed over at once. */
const ROLE_OR_GROUP_WORDS = new Set([...MULTI_BY_FIRST.keys(), ...ROLE_WORDS, ...GROUP_NOUNS]);

/** The roles a role phrase implies ("spokesman" → spokesperson). */
export function expandRoles(role: string): string[] {
  return [...(PERSON_ROLES[role] ?? [role])];
}

function singular(word: string): string {
  if (word.endsWith('people')) return 'person';
  if (word.endsWith('ies')) return word.slice(0, -3) + 'y';
  if (word.endsWith('s') && !word.endsWith('ss')) return word.slice(0, -1);
  return word;
}

function isNameWord(t: Token): boolean {
  if (!t.cap) return false;
  if (NOT_NAME_WORDS.has(t.low) || ORG_KEYWORDS.has(t.low) || PLACES.has(t.low)) return false;
  if (NATIONALITIES[t.low] !== undefined || TITLE_WORDS.has(t.low) || HONORIFICS.has(t.low)) return false;
  if (REPORTING_VERBS.has(t.low) || ALL_PRONOUNS.has(t.low) || KNOWN_ORGS.has(t.low)) return false;
  if (t.acr || GROUP_NOUNS.has(t.low) || ROLE_WORDS.has(t.low)) return false;
  return !/^\p{Lu}\.?$/u.test(t.text); // a lone initial is not a name on its own
}

/** A lone capital between a given name and a surname, with its full stop ("T." in "Gregory T. Angelo"). */
function isMiddleInitial(tk: Token[], k: number): boolean {
  return /^\p{Lu}$/u.test(tk[k].text) && k + 1 < tk.length && /^\.[ \t\u00a0]+$/.test(tk[k + 1].gap) && k > 0 && isNameWord(tk[k - 1]);
}

function gapIsSpace(t: Token): boolean {
  // A character loop: this runs for most tokens several times over, and a regex test per call cost more.
  const g = t.gap;
  if (g.length === 0) return false;
  for (let k = 0; k < g.length; k++) {
    const c = g.charCodeAt(k);
    if (c !== 0x20 && c !== 0x09 && c !== 0xa0) return false;
  }
  return true;
}

/** Country of the first nationality word ("Russian", "Kremlin", "US") among `words`. */
function countryOf(words: Token[]): string | undefined {
  for (const w of words) {
    const c = NATIONALITIES[w.low];
    if (c) return c;
  }
  return undefined;
}

function rolesOfTitle(words: Token[]): string[] {
  const roles = new Set<string>();
  const lows = words.map((w) => w.low);
  for (let i = 0; i < lows.length; i++) {
    for (const parts of MULTI_BY_FIRST.get(lows[i]) ?? []) {
      if (parts.every((p, k) => lows[i + k] === p)) for (const r of expandRoles(parts.join(' '))) roles.add(r);
    }
    const s = singular(lows[i]);
    if (ROLE_WORDS.has(lows[i])) for (const r of expandRoles(lows[i])) roles.add(r);
    else if (ROLE_WORDS.has(s)) for (const r of expandRoles(s)) roles.add(r);
  }
  return [...roles];
}

function precededByPreposition(tokens: Token[], i: number): boolean {
  let j = i - 1;
  // Step back over determiners/possessives/modifiers written before the phrase.
  while (j >= 0 && gapIsSpace(tokens[j + 1]) && (DETERMINERS.has(tokens[j].low) || tokens[j].poss)) j--;
  if (j < 0) return false;
  if (!gapIsSpace(tokens[j + 1])) return false;
  // "The talks ended, and Rutte said": after a comma, "and"/"or" opens a clause of its own.
  if (CONJUNCTIONS.has(tokens[j].low) && tokens[j].gap.includes(',')) return false;
  return PREPOSITIONS.has(tokens[j].low);
}
const CONJUNCTIONS = new Set(['and', 'or', 'nor']);

/** All mentions in a paragraph, ordered by start. Nested mentions (a name inside a description) are kept. */
export function findMentions(text: string, tokens: Token[] = tokenize(text)): Mention[] {
  const out: Mention[] = [];
  const n = tokens.length;
  const usedAsTitle = new Set<number>();
  const personAt = new Map<number, Mention>();

  // "Institute for the Study of War": lower-case connectors inside a name lead to another capitalised word.
  // Only organisations and titles have them ("Secretary of State"); "Starmer on Monday" is two phrases.
  const connectsToCap = (j: number): boolean => {
    for (let k = j; k < n && k < j + 3; k++) {
      if (k > j && !gapIsSpace(tokens[k])) return false;
      if (tokens[k].cap) {
        if (k === j || (NOT_NAME_WORDS.has(tokens[k].low) && !CONTENT_WORDS.has(tokens[k].low))) return false;
        const prev = tokens[j - 1];
        if (tokens.slice(j, k).every((x) => NAME_PARTICLES.has(x.low))) return true; // "von der Leyen"
        return ORG_KEYWORDS.has(tokens[k].low) || (prev !== undefined && (TITLE_WORDS.has(prev.low) && prev.low !== 'of')) || runHasOrg(j);
      }
      if (!CONNECTORS.has(tokens[k].low)) return false;
    }
    return false;
  };
  const runHasOrg = (j: number): boolean => {
    for (let k = j - 1; k >= 0 && k >= j - 8; k--) {
      if (ORG_KEYWORDS.has(tokens[k].low) && tokens[k].cap) return true;
      if (!gapIsSpace(tokens[k + 1]) || !(tokens[k].cap || CONNECTORS.has(tokens[k].low))) return false;
    }
    return false;
  };
  // "Gregory T. Angelo", "George W. Bush": a middle initial's full stop does not end the name.
  const initialGap = (j: number): boolean =>
    tokens[j].cap && j >= 2 && /^\p{Lu}$/u.test(tokens[j - 1].text) && /^\.[ \t\u00a0]+$/.test(tokens[j].gap) && gapIsSpace(tokens[j - 1]) && tokens[j - 2].cap && !tokens[j - 2].acr;
  // 1. Capitalised runs → people, organisations, places.
  let i = 0;
  while (i < n) {
    const t = tokens[i];
    if (!t.cap && !t.acr) {
      i++;
      continue;
    }
    let j = i + 1;
    while (
      j < n &&
      (gapIsSpace(tokens[j]) || initialGap(j)) &&
      !tokens[j - 1].poss &&
      (tokens[j].cap || connectsToCap(j))
    ) j++;
    classifyRun(tokens, i, j, out, personAt);
    i = j;
  }

  // 2. Role and group nouns → titles of a following name, or descriptions of their own.
  for (let k = 0; k < n; k++) {
    const low = tokens[k].low;
    if (!ROLE_OR_GROUP_WORDS.has(low)) continue;
    let headEnd = k + 1;
    let roleKey = '';
    for (const parts of MULTI_BY_FIRST.get(low) ?? []) {
      if (parts.every((p, m) => tokens[k + m]?.low === p && (m === 0 || gapIsSpace(tokens[k + m])))) {
        roleKey = parts.join(' ');
        headEnd = k + parts.length;
      }
    }
    const isGroup = GROUP_NOUNS.has(low);
    if (!roleKey && ROLE_WORDS.has(low)) roleKey = low;
    else if (!roleKey && isGroup && ROLE_WORDS.has(singular(low))) roleKey = singular(low);
    if (!roleKey && !isGroup) continue;
    if (tokens[k].cap && personAt.has(headEnd)) continue; // part of a capitalised title, handled with the name
    if (personAt.get(k)?.tokEnd === headEnd) continue; // the name itself ("Mr. King")
    // A role right before a name is that name's title.
    const next = tokens[headEnd];
    if (next && gapIsSpace(next) && personAt.has(headEnd)) continue;
    if (usedAsTitle.has(k)) continue;
    const head = headEnd - 1;
    // Left: determiners, numbers, modifiers, capitalised words, possessives.
    let s = k;
    while (s > 0 && gapIsSpace(tokens[s]) && s > k - 7) {
      const p = tokens[s - 1];
      const ok =
        DETERMINERS.has(p.low) || INDEFINITE.has(p.low) || ROLE_MODIFIERS.has(p.low) || /^\d+$/.test(p.low) ||
        NATIONALITIES[p.low] !== undefined || (p.cap && !NOT_NAME_WORDS.has(p.low) && !REPORTING_VERBS.has(p.low)) ||
        (p.poss && !p.cap) || (p.low === 'of' && s - 2 >= 0 && INDEFINITE.has(tokens[s - 2].low)) || (p.low === 'of' && s - 2 >= 0 && /^\d+$/.test(tokens[s - 2].low));
      if (!ok) break;
      s--;
      if (DETERMINERS.has(p.low) && !(s > 0 && tokens[s - 1].low === 'of')) break;
    }
    // Right: one prepositional phrase ("to the Russian president", "in Kyiv", "familiar with the matter").
    let e = headEnd;
    if (e < n && gapIsSpace(tokens[e]) && PP_STARTS.has(tokens[e].low)) {
      let m = e + 1;
      if (tokens[e].low === 'close' || tokens[e].low === 'familiar') m++; // close to / familiar with
      let last = -1;
      const limit = Math.min(n, m + 6);
      while (m < limit && gapIsSpace(tokens[m]) && !PP_STOP.has(tokens[m].low) && !REPORTING_VERBS.has(tokens[m].low) && !AUXILIARIES.has(tokens[m].low)) {
        if (!DETERMINERS.has(tokens[m].low)) last = m;
        m++;
      }
      if (last >= 0 && !(tokens[e].low === 'on' || tokens[e].low === 'in' && !tokens[last].cap)) e = last + 1;
    }
    const first = tokens[s].low;
    const definite = first === 'the' || first === 'this' || first === 'that' || first === 'these' || first === 'those' || (tokens[s].poss && s < k);
    const noDet = !DETERMINERS.has(first) && !INDEFINITE.has(first);
    let kind: MentionKind;
    if (isGroup && !(first === 'one' || first === 'a' || first === 'an')) kind = 'group';
    else if (isGroup) kind = 'desc'; // "one of Putin’s aides" is one person
    // "the spokesman", "former UN mediation expert": a role to resolve; "a senior aide to …": an unnamed person.
    else if (definite || (noDet && e === headEnd)) kind = 'role';
    else kind = 'desc';
    const start = tokens[s].start;
    const end = tokens[e - 1].end;
    out.push({
      kind,
      start,
      end,
      tokStart: s,
      tokEnd: e,
      text: text.slice(start, end),
      roles: rolesOfTitle(tokens.slice(s, headEnd)),
      country: countryOf(tokens.slice(s, head)),
      subjectOk: !precededByPreposition(tokens, s),
      possessive: tokens[head].poss,
      definite: definite && e === headEnd,
    });
  }

  // 2b. Lower-case organisations: "the Swiss foreign ministry", "the Ukrainian army" ("the ministry" refers back).
  for (let k = 0; k < n; k++) {
    const t = tokens[k];
    if (t.cap || !ORG_HEAD_NOUNS.has(t.low)) continue;
    let s = k;
    let named = false;
    while (s > 0 && s > k - 5 && gapIsSpace(tokens[s])) {
      const p = tokens[s - 1];
      if (NATIONALITIES[p.low] !== undefined || (p.cap && !NOT_NAME_WORDS.has(p.low))) {
        named = true;
        if (p.poss) {
          s--;
          break; // "Ukraine’s foreign ministry": the owner starts the name
        }
      }
      else if (!ORG_MODIFIERS.has(p.low)) break;
      s--;
    }
    const det = s > 0 && gapIsSpace(tokens[s]) && (tokens[s - 1].low === 'the' || tokens[s - 1].poss && !tokens[s - 1].cap);
    if (!named && !det) continue;
    const start = det && !named ? tokens[s - 1].start : tokens[s].start;
    out.push({
      kind: named ? 'org' : 'role', start, end: t.end, tokStart: det && !named ? s - 1 : s, tokEnd: k + 1,
      text: text.slice(start, t.poss ? t.end - 2 : t.end), roles: [], country: countryOf(tokens.slice(s, k)),
      subjectOk: !precededByPreposition(tokens, det ? s - 1 : s), possessive: t.poss, definite: !named,
    });
  }

  // 3. Pronouns.
  for (let k = 0; k < n; k++) {
    const low = tokens[k].low;
    if (low === 'he' || low === 'she' || low === 'they' || low === 'it' || low === 'him' || low === 'them') {
      out.push({
        kind: 'pronoun', start: tokens[k].start, end: tokens[k].end, tokStart: k, tokEnd: k + 1, text: low,
        roles: [], subjectOk: !precededByPreposition(tokens, k), possessive: false,
      });
    }
  }
  out.sort((a, b) => a.start - b.start || b.end - a.end);
  // Words inside a person's title ("Kremlin" in "Kremlin spokesperson Dmitry Peskov") are not mentions of their own.
  const kept: Mention[] = [];
  let coverEnd = -1;
  for (const m of out) {
    if (m.kind === 'person') {
      if (m.title) coverEnd = Math.max(coverEnd, m.end);
      kept.push(m);
    } else if (!(m.start < coverEnd && m.end <= coverEnd)) kept.push(m);
  }
  return kept;

  function classifyRun(tk: Token[], from: number, to: number, acc: Mention[], persons: Map<number, Mention>): void {
    let a = from;
    // Sentence openers and function words are not part of a name.
    while (a < to && (NOT_NAME_WORDS.has(tk[a].low) || CONNECTORS.has(tk[a].low)) && !tk[a].acr) a++;
    // …but content words may begin an organisation's name ("War Research Institute", "Peace Council").
    let orgA = from;
    while (orgA < a && (!CONTENT_WORDS.has(tk[orgA].low) || CONNECTORS.has(tk[orgA].low))) orgA++;
    if (orgA < a && tk.slice(orgA, to).some((w) => ORG_KEYWORDS.has(w.low))) a = orgA;
    if (a >= to) return;
    let b = to;
    while (b > a && CONNECTORS.has(tk[b - 1].low)) b--;
    // "… Ukraine War ISW said": an acronym closing a longer run is a name of its own.
    if (b - a > 1 && tk[b - 1].acr && !tk[b - 2].acr && !tk[b - 2].poss) {
      classifyRun(tk, a, b - 1, acc, persons);
      classifyRun(tk, b - 1, b, acc, persons);
      return;
    }
    const words = tk.slice(a, b);
    const lows = words.map((w) => w.low);
    const phrase = lows.join(' ');
    // Person: the run's tail holds name words, not after a connector ("Ministry of Internal Affairs" is not a person).
    // "Mr. King", "Ms. Price": after an honorific a capitalised word is a surname, even one that is also a title.
    const honorific = a > 0 && a + 1 === b && HONORIFICS.has(tk[a - 1].low) && /^\.?[ \t\u00a0]+$/.test(tk[a].gap) && tk[a].cap && !tk[a].acr && !PLACES.has(tk[a].low);
    let nameStart = b;
    if (honorific && !isNameWord(tk[a])) nameStart = a;
    while (nameStart > a && (isNameWord(tk[nameStart - 1]) || (NAME_PARTICLES.has(tk[nameStart - 1].low) && nameStart < b) || (nameStart < b && nameStart - 1 > a && isMiddleInitial(tk, nameStart - 1)))) nameStart--;
    while (nameStart < b && NAME_PARTICLES.has(tk[nameStart].low)) nameStart++;
    const nameLen = b - nameStart;
    const beforeName = nameStart > a ? tk[nameStart - 1] : undefined;
    const afterConnector = beforeName !== undefined && CONNECTORS.has(beforeName.low) && !NAME_PARTICLES.has(beforeName.low);
    const titled = (honorific && nameStart === a) || beforeName !== undefined && (TITLE_WORDS.has(beforeName.low) || HONORIFICS.has(beforeName.low.replace(/\.$/, '')) || NATIONALITIES[beforeName.low] !== undefined || ROLE_WORDS.has(beforeName.low));
    const orgLike = lows.some((w) => ORG_KEYWORDS.has(w)) || KNOWN_ORGS.has(phrase);
    if (nameLen >= 1 && !afterConnector && (nameLen >= 2 || titled) && nameLen <= 4 && !(orgLike && nameStart === a)) {
      // Title: title words, role words and modifiers written just before the name ("Kremlin spokesperson").
      let s = nameStart;
      while (s > 0 && gapIsSpace(tk[s]) && s > nameStart - 7) {
        const p = tk[s - 1];
        const ofTitle = p.low === 'of' && s - 2 >= 0 && TITLE_WORDS.has(tk[s - 2].low) && tk[s - 2].low !== 'of';
        const ok = !p.poss && (ofTitle || (p.low !== 'of' && p.low !== 'in' && (ROLE_WORDS.has(p.low) || ROLE_MODIFIERS.has(p.low) || TITLE_WORDS.has(p.low) || NATIONALITIES[p.low] !== undefined || KNOWN_ORGS.has(p.low) || HONORIFICS.has(p.low.replace(/\.$/, '')) || (p.cap && ORG_KEYWORDS.has(p.low)))));
        if (!ok) break;
        s--;
      }
      // Only places in front ("… Office of Ukraine Andriy Yermak") are not a title.
      if (tk.slice(s, nameStart).every((w) => NATIONALITIES[w.low] !== undefined && PLACES.has(w.low))) s = nameStart;
      for (let u = s; u < nameStart; u++) usedAsTitle.add(u);
      const titleWords = tk.slice(s, nameStart);
      const last = tk[b - 1];
      const nameText = text.slice(tk[nameStart].start, last.poss ? last.end - 2 : last.end);
      const m: Mention = {
        kind: 'person',
        start: tk[s].start,
        end: last.end,
        tokStart: s,
        tokEnd: b,
        text: nameText,
        title: titleWords.length ? text.slice(titleWords[0].start, titleWords[titleWords.length - 1].end) : undefined,
        roles: rolesOfTitle(titleWords),
        country: countryOf(titleWords),
        subjectOk: !precededByPreposition(tk, s),
        possessive: last.poss,
      };
      acc.push(m);
      persons.set(nameStart, m);
      // An organisation written before the person ("Kremlin spokesperson") is part of the title, not a mention.
      return;
    }
    if (orgLike || lows.some((w) => KNOWN_ORGS.has(w)) || words.every((w) => w.acr)) {
      // Organisation; a nationality in front stays part of its name ("Ukrainian Ministry of …").
      let s = a;
      if (s > 0 && gapIsSpace(tk[s]) && NATIONALITIES[tk[s - 1].low] !== undefined && tk[s - 1].cap) s--;
      const last = tk[b - 1];
      if (NATIONALITIES[phrase] !== undefined && !KNOWN_ORGS.has(phrase)) return; // "US", "EU" as adjectives
      acc.push({
        kind: 'org',
        start: tk[s].start,
        end: last.end,
        tokStart: s,
        tokEnd: b,
        text: text.slice(tk[s].start, last.poss ? last.end - 2 : last.end),
        roles: lows.filter((w) => ORG_KEYWORDS.has(w)),
        country: countryOf(tk.slice(s, b)),
        subjectOk: !precededByPreposition(tk, s),
        possessive: last.poss,
      });
      return;
    }
    if (PLACES.has(phrase) || (words.length === 1 && NATIONALITIES[phrase] !== undefined && PLACES.has(phrase))) {
      acc.push({
        kind: 'place', start: words[0].start, end: words[words.length - 1].end, tokStart: a, tokEnd: b,
        text: text.slice(words[0].start, words[words.length - 1].poss ? words[words.length - 1].end - 2 : words[words.length - 1].end),
        roles: [], country: NATIONALITIES[phrase], subjectOk: !precededByPreposition(tk, a), possessive: words[words.length - 1].poss,
      });
      return;
    }
    if (nameLen === 1 && b - nameStart === 1 && !afterConnector) {
      const w = tk[nameStart];
      acc.push({
        kind: 'name1', start: w.start, end: w.end, tokStart: nameStart, tokEnd: b,
        text: w.poss ? w.text.slice(0, -2) : w.text, roles: [], subjectOk: !precededByPreposition(tk, nameStart),
        possessive: w.poss,
      });
    }
  }
}
