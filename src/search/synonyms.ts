// The field's equivalents: words and phrases that name the same thing in different articles. Data only; a query
// naming one also finds the others, ranked below the words typed (see TextIndex's query plan).
import { queryTerm, tokenize } from './text.js';

/**
 * Each line is one group of equivalent phrasings (spelling variants of one word need no entry: the stemmer and
 * hyphen joining meet them). An entry starting with "?" is ambiguous alone ("according" stems to "accord", a
 * "settlement" is also a village): typed, it finds the group; it is not searched for the other phrasings.
 */
export const SYNONYM_GROUPS: readonly (readonly string[])[] = [
  ['ceasefire', 'truce', 'armistice', 'cessation of hostilities'],
  ['peace deal', 'peace agreement', 'peace accord', '?accord', '?settlement', 'peace settlement', 'negotiated settlement', 'peace treaty'],
  // "POW" alone is not listed: it stems like "power".
  ['prisoner exchange', 'prisoner swap', 'swap', 'exchange of prisoners', 'prisoners of war', 'POW exchange', 'POW swap'],
  ['Istanbul', 'Constantinople'],
  ['Kyiv', 'Kiev'],
  ['Türkiye', 'Turkey'],
  ['grain deal', 'Black Sea Grain Initiative', 'grain initiative', 'grain corridor'],
];

/** Search-term sequences of each group, and each term sequence's group, built once. */
interface Table {
  groups: string[][][];
  /** Per group, per entry: searched as an alternative to the others. */
  offered: boolean[][];
  /** First term → [group, entry] pairs whose entry starts with that term. */
  byFirst: Map<string, Array<{ group: number; entry: number }>>;
}

let table: Table | null = null;

function terms(phrase: string): string[] {
  return tokenize(phrase).map(queryTerm).filter((t): t is string => t !== null);
}

function build(): Table {
  const offered: boolean[][] = [];
  const groups = SYNONYM_GROUPS.map((group, g) => {
    const seen = new Set<string>();
    const entries: string[][] = [];
    offered[g] = [];
    for (const raw of group) {
      const entry = terms(raw.replace(/^\?/, ''));
      if (entry.length === 0 || seen.has(entry.join(' '))) continue;
      seen.add(entry.join(' '));
      entries.push(entry);
      offered[g].push(!raw.startsWith('?'));
    }
    return entries;
  });
  const byFirst = new Map<string, Array<{ group: number; entry: number }>>();
  groups.forEach((group, g) => group.forEach((entry, e) => {
    const list = byFirst.get(entry[0]) ?? [];
    list.push({ group: g, entry: e });
    byFirst.set(entry[0], list);
  }));
  return { groups, offered, byFirst };
}

export interface SynonymMatch {
  /** How many query terms, from the position asked about, the matched phrase covers. */
  length: number;
  /** The other phrasings of the group, each as its search terms. */
  alternatives: string[][];
}

/** The longest group entry that the query terms spell from position `at`, and its equivalents; null if none. */
export function synonymsAt(queryTerms: readonly string[], at: number): SynonymMatch | null {
  table ??= build();
  let best: { group: number; entry: number; length: number } | null = null;
  for (const { group, entry } of table.byFirst.get(queryTerms[at]) ?? []) {
    const words = table.groups[group][entry];
    if (at + words.length > queryTerms.length) continue;
    if (!words.every((w, k) => queryTerms[at + k] === w)) continue;
    if (!best || words.length > best.length) best = { group, entry, length: words.length };
  }
  if (!best) return null;
  const typed = table.groups[best.group][best.entry].join(' ');
  const offered = table.offered[best.group];
  return { length: best.length, alternatives: table.groups[best.group].filter((e, k) => offered[k] && e.join(' ') !== typed) };
}
