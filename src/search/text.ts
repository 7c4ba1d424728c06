// Text → search terms. The same functions run at index time, at query time and when a snapshot is
// loaded: MiniSearch does not serialise functions, so everything that shapes terms lives here.
import { STOP_WORDS } from './stopwords.js';

/** One word as written: letters/digits, keeping in-word hyphens and apostrophes ("cease-fire", "Putin's"). */
const WORD = /[\p{L}\p{N}]+(?:['-][\p{L}\p{N}]+)*/gu;

/** Dash and apostrophe variants written by different sites and translators. */
export function unifyMarks(text: string): string {
  return text
    .replace(/[\u2018\u2019\u201B\u02BC\u2032\u00B4`]/g, "'")
    .replace(/[\u2010\u2011\u2012\u2013\u2014\u2212\uFE63\uFF0D]/g, '-');
}

export interface Token {
  /** The word exactly as in the text. */
  word: string;
  start: number;
  end: number;
}

/** Words with their offsets in the original text (offsets survive unifyMarks: it maps one char to one char). */
export function tokenizeWithOffsets(text: string): Token[] {
  const tokens: Token[] = [];
  for (const m of unifyMarks(text).matchAll(WORD)) {
    tokens.push({ word: m[0], start: m.index ?? 0, end: (m.index ?? 0) + m[0].length });
  }
  return tokens;
}

/** MiniSearch `tokenize`: words as written, hyphenated words kept whole. */
export function tokenize(text: string): string[] {
  return unifyMarks(text).match(WORD) ?? [];
}

/** Lower case, diacritics folded (Erdoğan → erdogan), possessive dropped (Putin's → putin). */
export function foldWord(word: string): string {
  return word
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/ı/g, 'i')
    .replace(/ł/g, 'l')
    .replace(/ø/g, 'o')
    .replace(/ß/g, 'ss')
    .replace(/'s$|s'$/, (m) => (m === "s'" ? 's' : ''))
    .replace(/'/g, '')
    // Transliterations of one Slavic ending: Zelenskyy, Zelenskiy, Zelensky.
    .replace(/^(.{4,}?)(?:iy|yy|yi|ii)$/, '$1y');
}

/**
 * A light English stemmer: enough that talks/talk, negotiations/negotiate/negotiating, ceasefires/ceasefire
 * meet, applied identically to the text and the query so its occasional over-stemming is harmless.
 */
export function stem(word: string): string {
  let w = word;
  if (w.length <= 3 || /\d/.test(w)) return w;
  if (w.endsWith('sses')) w = w.slice(0, -2);
  else if (w.endsWith('ies') && w.length > 4) w = `${w.slice(0, -3)}y`;
  else if (w.endsWith('s') && !/(ss|us|is)$/.test(w)) w = w.slice(0, -1);
  const rules: Array<[RegExp, string]> = [
    [/[iy][sz]ations?$/, 'iz'],
    [/ational$/, 'at'], [/ations?$/, 'at'], [/ators?$/, 'at'], [/ating$/, 'at'], [/ated$/, 'at'], [/ate$/, 'at'], [/[iy][sz]ing$/, 'iz'], [/[iy][sz]ed$/, 'iz'], [/[iy][sz]e$/, 'iz'],
    [/ments?$/, ''], [/ness$/, ''], [/ingly$/, ''], [/edly$/, ''], [/ly$/, ''], [/ing$/, ''], [/ed$/, ''], [/ers?$/, ''],
  ];
  for (const [suffix, replacement] of rules) {
    const m = suffix.exec(w);
    if (!m) continue;
    const base = w.slice(0, m.index);
    // Keep short words whole ("red", "sing", "ring") and stems without a vowel.
    if (base.length >= 3 && /[aeiouy]/.test(base)) {
      w = base + replacement;
      if (replacement === '' && /([bdfgklmnprt])\1$/.test(w) && !/(ll|ss)$/.test(w)) w = w.slice(0, -1);
    }
    break;
  }
  if (w.length > 4 && w.endsWith('e')) w = w.slice(0, -1);
  if (w.length > 3 && /[^aeiou]y$/.test(w)) w = `${w.slice(0, -1)}i`;
  return w;
}

/** The terms one written word contributes to the index: hyphenated words also as their joined form and parts. */
export function indexTerms(word: string): string[] {
  const folded = foldWord(word);
  if (!folded) return [];
  if (!folded.includes('-')) return STOP_WORDS.has(folded) ? [] : [stem(folded)];
  const parts = folded.split('-').filter(Boolean);
  const terms = new Set<string>([stem(parts.join(''))]);
  for (const part of parts) if (!STOP_WORDS.has(part)) terms.add(stem(part));
  return [...terms];
}

/** MiniSearch index-time `processTerm`. */
export function processIndexTerm(word: string): string[] | null {
  const terms = indexTerms(word);
  return terms.length ? terms : null;
}

/** Words a question wraps around its topic ("who said ...", "what about ..."): never search terms. */
export const QUERY_FILLER = new Set([
  'who', 'whom', 'said', 'say', 'says', 'saying', 'what', 'about', 'quote', 'quotes', 'quoted',
  'anything', 'something', 'anyone', 'anybody', 'someone', 'somebody', 'everything', 'tell', 'mention', 'mentioned',
  'mentions', 'comment', 'comments', 'commented', 'remark', 'remarks', 'talked',
]);

/**
 * A query word → one search term: the hyphenated form joined ("cease-fire" → ceasefire), which the index
 * holds for both "cease-fire" and "ceasefire". Null for stop words and filler.
 */
export function queryTerm(word: string): string | null {
  const folded = foldWord(unifyMarks(word)).replace(/-/g, '');
  if (!folded || STOP_WORDS.has(folded) || QUERY_FILLER.has(folded)) return null;
  return stem(folded);
}
