// "Find sources" for a claim pasted from a chat: does a quote in the corpus say this? Matching is on folded, stemmed
// words, so punctuation, case, quote marks, contractions and small wording changes do not matter.
import type { Highlights, PassageHit, QuoteHit } from '../answers.js';
import { STOP_WORDS } from './stopwords.js';
import { foldWord, stem, tokenizeWithOffsets } from './text.js';

/** Longest message text looked at: a chat message can be 4000 characters; a claim is a sentence or two. */
export const MAX_CLAIM_CHARS = 1000;

/** A quote that says what the message says, and how much of it. */
export interface SourceMatch extends QuoteHit {
  /** Longest run of consecutive words the message and the quote share. */
  sharedRun: number;
  /** Share (0–1) of the message's content words that are in the quote. */
  coverage: number;
}

export interface FindSourcesAnswer {
  /** The text searched: the message without links, mentions and markup, capped at MAX_CLAIM_CHARS. */
  text: string;
  /** True when the message was longer than what was searched. */
  truncated: boolean;
  /** Quotes matching the message, best first (empty: no quote in the corpus matches it). */
  quotes: SourceMatch[];
  /** The closest passages (shown alongside, or instead when no quote matches). */
  passages: PassageHit[];
}

/**
 * The words of a chat message worth matching: links, Discord mentions, custom emoji, timestamps and markdown
 * markers taken out, capped. Empty when nothing is left.
 */
export function claimText(raw: string): { text: string; truncated: boolean } {
  const text = raw
    .replace(/<a?:\w+:\d+>/g, ' ') // custom emoji
    .replace(/<(?:@[!&]?|#)\d+>/g, ' ') // user, role and channel mentions
    .replace(/<t:\d+(?::\w)?>/g, ' ') // timestamps
    .replace(/@(?:everyone|here)\b/g, ' ')
    .replace(/<?\bhttps?:\/\/\S+>?/gi, ' ')
    .replace(/[*_~`|>#]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  if (text.length <= MAX_CLAIM_CHARS) return { text, truncated: false };
  const cut = text.slice(0, MAX_CLAIM_CHARS);
  const space = cut.lastIndexOf(' ');
  return { text: space > MAX_CLAIM_CHARS / 2 ? cut.slice(0, space) : cut, truncated: true };
}

/** A word as compared: folded and stemmed ("Ultimatums" and "ultimatum" meet; "isn't" → "isnt"). */
const key = (word: string): string => stem(foldWord(word));

/** The compared words of `text`, in order. */
export function claimWords(text: string): string[] {
  return tokenizeWithOffsets(expandContractions(text)).map((t) => key(t.word)).filter(Boolean);
}

/** "isn't" and "is not", "can't" and "cannot" say the same: compare them as the same words. */
function expandContractions(text: string): string {
  return text
    .replace(/\b(can)(?:['\u2019]t|not)\b/gi, '$1 not')
    .replace(/\bwon['\u2019]t\b/gi, 'will not')
    .replace(/\b(\w+)n['\u2019]t\b/gi, '$1 not');
}

export function contentWords(words: readonly string[]): string[] {
  return words.filter((w) => w.length > 1 && !STOP_WORDS.has(w) && !/^\d+$/.test(w));
}

/** Longest common run of consecutive words (dynamic programming over two short lists). */
export function longestSharedRun(a: readonly string[], b: readonly string[]): number {
  let best = 0;
  let prev = new Array<number>(b.length + 1).fill(0);
  for (let i = 1; i <= a.length; i++) {
    const cur = new Array<number>(b.length + 1).fill(0);
    for (let j = 1; j <= b.length; j++) {
      if (a[i - 1] === b[j - 1]) {
        cur[j] = prev[j - 1]! + 1;
        if (cur[j]! > best) best = cur[j]!;
      }
    }
    prev = cur;
  }
  return best;
}

export interface ClaimMatch {
  sharedRun: number;
  coverage: number;
  matches: boolean;
}

/**
 * Whether a quote says what the message says: a shared phrase of five or more words; or a whole short quote
 * (three words or more) inside the message; or most of the message's content words in the quote (a claim restating
 * the quote); or nearly all of the quote's content words in the message (the quote pasted with small changes and
 * some comment around it).
 */
export function matchClaim(message: readonly string[], quote: readonly string[], speaker: readonly string[] = []): ClaimMatch {
  const sharedRun = longestSharedRun(message, quote);
  // Naming who said it ("… – Peskov") supports the claim; it is not a word the quote should hold.
  const named = new Set(speaker);
  const mContent = new Set(contentWords(message).filter((w) => !named.has(w)));
  const qContent = new Set(contentWords(quote));
  let shared = 0;
  for (const w of mContent) if (qContent.has(w)) shared++;
  const coverage = mContent.size ? shared / mContent.size : 0;
  const quoteCovered = qContent.size ? shared / qContent.size : 0;
  const matches = sharedRun >= 5
    || (sharedRun === quote.length && quote.length >= 3 && qContent.size >= 2)
    || (mContent.size >= 3 && coverage >= 0.7 && shared >= 3)
    || (qContent.size >= 4 && quoteCovered >= 0.8);
  return { sharedRun, coverage, matches };
}

/** Ranges of `text`'s words that are also in the message (for bold). */
export function sharedHighlights(text: string, message: ReadonlySet<string>): Highlights {
  return tokenizeWithOffsets(text)
    .filter((t) => message.has(key(t.word)) && !STOP_WORDS.has(key(t.word)))
    .map((t) => [t.start, t.end] as [number, number]);
}
