// What a person typed → a query: terms (stop words and question filler removed), quoted phrases, and
// whether the last word may still be being typed (prefix search).
import { foldWord, queryTerm, stem, tokenize, unifyMarks } from './text.js';
import type { Correction } from './typos.js';

/** Longer input is cut: no topic needs more, and every extra term costs time. */
export const MAX_QUERY_CHARS = 200;
export const MAX_QUERY_TERMS = 12;
/** Prefix search only from this many letters: shorter prefixes expand to thousands of terms. */
export const MIN_PREFIX_CHARS = 4;

export interface ParsedQuery {
  /** The input as the user typed it (trimmed, cut to MAX_QUERY_CHARS). */
  text: string;
  /** Search terms in order (stemmed, folded). */
  terms: string[];
  /** The folded, unstemmed word each term came from (same order): for compound-word matching. */
  words: string[];
  /** Each quoted phrase as its sequence of folded, stemmed words (stop words kept: "end of the war"). */
  phrases: string[][];
  /** The last term may be a prefix of a longer word (the user may still be typing it). */
  lastIsPrefix: boolean;
  /** Which terms the corpus holds (typo tolerance applies only to the others); default: the index searched. */
  known?: (term: string) => boolean;
  /** What a term the corpus lacks is read as (typo tolerance); default: the index searched decides. */
  correct?: (term: string) => Correction[];
  /** Equivalent phrasings from the synonym table are searched too (default true). */
  synonyms?: boolean;
}

/** Folded + stemmed word without stop-word removal, for phrase checks. */
export function phraseWord(word: string): string {
  return stem(foldWord(unifyMarks(word)).replace(/-/g, ''));
}

export function parseQuery(input: string): ParsedQuery {
  const text = input.replace(/\s+/g, ' ').trim().slice(0, MAX_QUERY_CHARS).trimEnd();
  const phrases: string[][] = [];
  const quoted = /["\u201C\u201D\u201E«»]([^"\u201C\u201D\u201E«»]+)["\u201C\u201D\u201E«»]/g;
  for (const m of text.matchAll(quoted)) {
    const words = tokenize(m[1]).map(phraseWord).filter(Boolean);
    if (words.length > 1) phrases.push(words);
  }
  const words = tokenize(text);
  const terms: string[] = [];
  const folded: string[] = [];
  for (const word of words) {
    const term = queryTerm(word);
    if (term && !terms.includes(term)) {
      terms.push(term);
      folded.push(foldWord(unifyMarks(word)).replace(/-/g, ''));
    }
  }
  const last = words[words.length - 1] ?? '';
  const typingLast = /[\p{L}\p{N}]$/u.test(text) && !/["\u201D»]$/.test(text);
  return {
    text,
    terms: terms.slice(0, MAX_QUERY_TERMS),
    words: folded.slice(0, MAX_QUERY_TERMS),
    phrases,
    lastIsPrefix: typingLast && foldWord(last).length >= MIN_PREFIX_CHARS && queryTerm(last) !== null,
  };
}
