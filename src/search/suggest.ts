// "Did you mean": words of the corpus close to what was typed, for answers that found nothing.
import { foldWord } from './text.js';
import { STOP_WORDS } from './stopwords.js';

/** How often each folded word occurs (words of 4+ letters only: short ones make poor suggestions). */
export class WordCounts {
  readonly counts = new Map<string, number>();

  addText(text: string): void {
    for (const m of text.matchAll(/\p{L}{4,}/gu)) {
      const word = foldWord(m[0]);
      if (!STOP_WORDS.has(word)) this.counts.set(word, (this.counts.get(word) ?? 0) + 1);
    }
  }

  /** Undoes addText(text): lets the counts follow live changes instead of being rebuilt from every quote. */
  removeText(text: string): void {
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
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    let best = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      row[j] = Math.min(prev[j] + 1, row[j - 1] + 1, prev[j - 1] + cost);
      if (row[j] < best) best = row[j];
    }
    if (best > max) return max + 1;
    prev = row;
  }
  return prev[b.length];
}

/** Corpus words within a few edits of the typed words, most frequent first. */
export function suggestWords(words: WordCounts, typed: string[], limit: number): string[] {
  const found = new Map<string, number>();
  for (const raw of typed) {
    const word = foldWord(raw);
    if (word.length < 4 || STOP_WORDS.has(word)) continue;
    const max = word.length >= 8 ? 3 : 2;
    for (const [candidate, count] of words.counts) {
      if (candidate !== word && candidate[0] === word[0] && editDistance(word, candidate, max) <= max) {
        found.set(candidate, Math.max(found.get(candidate) ?? 0, count));
      }
    }
  }
  return [...found.entries()].sort((a, b) => b[1] - a[1]).slice(0, limit).map(([w]) => w);
}
