// "Did you mean": words of the corpus close to what was typed, for answers that found nothing.
import { foldWord } from './text.js';
import { STOP_WORDS } from './stopwords.js';
import { swapDistance } from './typos.js';

/** How often each folded word occurs (words of 4+ letters only: short ones make poor suggestions). */
export class WordCounts {
  readonly counts = new Map<string, number>();

  /** Counts as a snapshot stores them (see toJSON); throws on anything but [word, positive count] pairs. */
  static fromJSON(value: unknown): WordCounts {
    if (!Array.isArray(value)) throw new Error('word counts are malformed');
    const words = new WordCounts();
    for (const entry of value) {
      if (!Array.isArray(entry) || typeof entry[0] !== 'string' || !Number.isInteger(entry[1]) || entry[1] <= 0) {
        throw new Error('word counts are malformed');
      }
      words.counts.set(entry[0], entry[1]);
    }
    return words;
  }

  toJSON(): Array<[string, number]> {
    return [...this.counts];
  }

  /** Words by first letter and length, for suggestWords; dropped on any change (rare; lookups are frequent). */
  private buckets: Map<string, string[]> | null = null;

  /** The counted words that start with `first` and have `length` characters. */
  shaped(first: string, length: number): readonly string[] {
    if (!this.buckets) {
      this.buckets = new Map();
      for (const word of this.counts.keys()) {
        const key = `${word[0]}${word.length}`;
        const list = this.buckets.get(key);
        if (list) list.push(word);
        else this.buckets.set(key, [word]);
      }
    }
    return this.buckets.get(`${first}${length}`) ?? [];
  }

  addText(text: string): void {
    this.buckets = null;
    for (const m of text.matchAll(/\p{L}{4,}/gu)) {
      const word = foldWord(m[0]);
      if (!STOP_WORDS.has(word)) this.counts.set(word, (this.counts.get(word) ?? 0) + 1);
    }
  }

  /** Undoes addText(text): lets the counts follow live changes instead of being rebuilt from every quote. */
  removeText(text: string): void {
    this.buckets = null;
    for (const m of text.matchAll(/\p{L}{4,}/gu)) {
      const word = foldWord(m[0]);
      const count = this.counts.get(word);
      if (count === undefined) continue;
      if (count <= 1) this.counts.delete(word);
      else this.counts.set(word, count - 1);
    }
  }
}

/** Levenshtein distance, giving up (returning max + 1) once it must exceed `max`. */
export function editDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  // Two rows reused: this runs for thousands of candidate words per suggestion.
  let prev = new Int32Array(b.length + 1);
  let row = new Int32Array(b.length + 1);
  for (let j = 0; j <= b.length; j++) prev[j] = j;
  for (let i = 1; i <= a.length; i++) {
    row[0] = i;
    let best = i;
    const ca = a.charCodeAt(i - 1);
    for (let j = 1; j <= b.length; j++) {
      const cost = ca === b.charCodeAt(j - 1) ? 0 : 1;
      const v = Math.min(prev[j] + 1, row[j - 1] + 1, prev[j - 1] + cost);
      row[j] = v;
      if (v < best) best = v;
    }
    if (best > max) return max + 1;
    const t = prev;
    prev = row;
    row = t;
  }
  return prev[b.length];
}

/**
 * Corpus words within a few edits of the typed words, most frequent first. Edits are judged on the shorter of
 * the two words (a long word is not offered for a short one), and a name (`isName`) only for a word that starts
 * as it does.
 */
export function suggestWords(words: WordCounts, typed: string[], limit: number, isName: (word: string) => boolean = () => false): string[] {
  const found = new Map<string, number>();
  for (const raw of typed) {
    const word = foldWord(raw);
    if (word.length < 4 || STOP_WORDS.has(word)) continue;
    const max = word.length >= 8 ? 3 : 2;
    // Only words with the same first letter and a close length can be within `max` edits of it here.
    for (let length = Math.max(1, word.length - max); length <= word.length + max; length++) {
      const within = Math.min(max, Math.max(1, Math.floor(Math.min(length, word.length) / 3)));
      for (const candidate of words.shaped(word[0], length)) {
        if (candidate !== word && swapDistance(word, candidate, within) <= within && (!isName(candidate) || swapDistance(word, candidate, 1) <= 1)) {
          found.set(candidate, Math.max(found.get(candidate) ?? 0, words.counts.get(candidate)!));
        }
      }
    }
  }
  return [...found.entries()].sort((a, b) => b[1] - a[1]).slice(0, limit).map(([w]) => w);
}
