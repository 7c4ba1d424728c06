// Name normalisation: one key for the spellings of one name (case, diacritics, apostrophes,
// common Ukrainian/Russian transliteration variants), and the parts of a person's name.
import { FIRST_NAME_VARIANTS, HONORIFICS, NATIONALITIES, TITLE_PHRASES } from './lexicon.js';

const SPECIAL_LETTERS: Record<string, string> = { ı: 'i', ł: 'l', ø: 'o', ß: 'ss', đ: 'd', æ: 'ae', œ: 'oe', þ: 'th' };

/**
 * Memo for a pure string function: one article folds and parses the same few hundred names thousands of times
 * (each mention, each resolution), and Unicode normalisation is the costly part. Bounded; cleared when full.
 */
function memoised<T>(fn: (s: string) => T, max = 50_000): (s: string) => T {
  const memo = new Map<string, T>();
  return (s) => {
    const hit = memo.get(s);
    if (hit !== undefined) return hit;
    const v = fn(s);
    if (memo.size >= max) memo.clear();
    memo.set(s, v);
    return v;
  };
}

/** Case/diacritic/apostrophe fold: "Erdoğan’s" → "erdogan's". Keeps letters, digits, apostrophes, hyphens, spaces. */
export const fold = memoised((text: string): string => {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[ıłøßđæœþ]/g, (c) => SPECIAL_LETTERS[c] ?? c)
    .replace(/[’‘`´ʼ]/g, "'")
    .replace(/[‐-―−]/g, '-')
    .replace(/[^\p{L}\p{N}'\- ]+/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
});

/** Removes a possessive ending: "Putin's" → "Putin", "allies'" → "allies". */
export function stripPossessive(word: string): string {
  return word.replace(/['’]s$/i, '').replace(/(s)['’]$/i, '$1');
}

/** Collapses transliteration variants of one word: Zelenskyy/Zelenskiy/Zelenski → "zelensky". Input is folded. */
export function translitKey(word: string): string {
  let w = stripPossessive(word).replace(/['-]/g, '');
  w = w.replace(/^j(?=[aeiou])/, 'y');
  w = w.replace(/(?:yy|iy|ij|yi|ii|yj)$/, 'y').replace(/ski$/, 'sky');
  w = w.replace(/([^aeiouy])i(?=[aeou])/g, '$1y');
  return w;
}

/** Key of a whole name: folded, transliteration-collapsed words joined by spaces. */
export const nameKey = memoised((name: string): string => {
  return fold(name)
    .split(' ')
    .filter(Boolean)
    .map(translitKey)
    .join(' ');
});

const FIRST_NAME_CLASS = new Map<string, string>();
for (const row of FIRST_NAME_VARIANTS) for (const v of row) FIRST_NAME_CLASS.set(translitKey(v), translitKey(row[0]));

/** One key for the transliterations of a given name: Dmytro/Dmitri → "dmitry". */
export function givenNameClass(word: string): string {
  const k = translitKey(fold(word));
  return FIRST_NAME_CLASS.get(k) ?? k;
}

const PARTICLES = new Set(['von', 'van', 'der', 'den', 'de', 'da', 'di', 'du', 'la', 'le', 'al', 'el', 'bin', 'ben', 'ter', 'dos', 'das']);

export interface PersonName {
  /** Given-name classes, in order ("recep", "tayyip"). */
  given: string[];
  /** Surname key ("erdogan", "von der leyen"). */
  surname: string;
  /** The name as written, without titles ("Recep Tayyip Erdoğan"). */
  plain: string;
}

/** Title and honorific words that may lead a written name; removed before parsing. */
export function stripTitles(name: string): string {
  const words = name.trim().split(/\s+/);
  let i = 0;
  while (i < words.length - 1) {
    const w = fold(words[i]).replace(/\.$/, '');
    if (HONORIFICS.has(w) || NATIONALITIES[w] !== undefined || TITLE_PHRASES.includes(w)) i++;
    else break;
  }
  return words.slice(i).join(' ');
}

/** Parses a person's written name (titles allowed in front) into given names and surname keys. */
export function parsePersonName(written: string): PersonName | null {
  const parsed = parsedName(written);
  // A copy: callers keep the result (and its given names) as their own.
  return parsed && { given: [...parsed.given], surname: parsed.surname, plain: parsed.plain };
}

const parsedName = memoised((written: string): PersonName | null => {
  const plain = stripTitles(written).replace(/['’]s$/, '');
  const words = plain.split(/\s+/).filter(Boolean);
  if (words.length === 0) return null;
  let s = words.length - 1;
  // Jr./Sr./III belong to the surname's tail, not the surname.
  while (s > 0 && /^(jr|sr|ii|iii|iv)\.?$/i.test(words[s])) s--;
  let start = s;
  while (start > 0 && PARTICLES.has(fold(words[start - 1]))) start--;
  const surname = words.slice(start, s + 1).map((w) => translitKey(fold(w))).join(' ');
  const given = words.slice(0, start).map((w) => givenNameClass(w.replace(/\.$/, '')));
  if (!surname) return null;
  return { given, surname, plain };
});

/** True when two lists of given names can belong to one person (middle names and initials allowed). */
export function givenNamesCompatible(a: readonly string[], b: readonly string[]): boolean {
  if (a.length === 0 || b.length === 0) return true;
  const match = (x: string, y: string): boolean =>
    x === y || (x.length === 1 && y.startsWith(x)) || (y.length === 1 && x.startsWith(y));
  // "Tayyip Erdogan" vs "Recep Tayyip Erdogan": one's first name may be the other's middle name.
  return a.some((x) => match(x, b[0])) || b.some((y) => match(a[0], y));
}

const ACRONYM_SKIP = new Set(['of', 'for', 'the', 'and', 'on', 'in', 'de', 'du', 'des', 'la', 'le', 'to', 'a']);

/** Initials of an organisation's name: "Institute for the Study of War" → "ISW". Empty for one-word names. */
export function acronymOf(name: string): string {
  const words = name.split(/\s+/).filter((w) => w && !ACRONYM_SKIP.has(w.toLowerCase()));
  if (words.length < 2) return '';
  return words.map((w) => w[0].toUpperCase()).join('');
}

/** "ISW", "U.S.", "NATO": letters all capitals. */
export const isAcronym = memoised((word: string): boolean => {
  return /^(?:\p{Lu}\.?){2,7}$/u.test(word) || /^(?:\p{Lu}\.){2,}$/u.test(word);
});

/**
 * "Paul D. Ryan" → "Paul Ryan", "Hillary Rodham Clinton" → "Hillary Clinton": the name without its middle
 * names and initials (a generation suffix kept); undefined when it has none. Display prefers this short form
 * when the texts also write it, as readers know people by it.
 */
export function withoutMiddleNames(written: string): string | undefined {
  const words = written.trim().split(/\s+/).filter(Boolean);
  let s = words.length - 1;
  while (s > 0 && /^(jr|sr|ii|iii|iv)\.?$/i.test(words[s])) s--;
  let start = s;
  while (start > 0 && PARTICLES.has(fold(words[start - 1]))) start--;
  if (start < 2) return undefined;
  return [words[0], ...words.slice(start)].join(' ');
}
