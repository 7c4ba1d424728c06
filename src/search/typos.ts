// Typo tolerance: which corpus terms a term the corpus lacks may be read as. Only the closest terms count, the
// distance is judged against the shorter of the two words, and a person's name is offered only for a word that
// looks like it: "sanctons" is read as "sanctions", never as "Anton".

/** Edits allowed for a typo in a word of this many letters. */
export function typoDistance(length: number): number {
  if (length >= 7) return 2;
  if (length >= 5) return 1;
  return 0;
}

/** Most corrections one typed term is read as (each is a query leaf). */
const MAX_CORRECTIONS = 4;

/** An index term near a typed one, as the index's fuzzy lookup found it. */
export interface NearTerm {
  term: string;
  /** Levenshtein distance (what the index's fuzzy scoring uses). */
  distance: number;
  /** Documents holding it. */
  count: number;
}

/** A term a typed term is read as, and its Levenshtein distance (for scoring it as the index would). */
export interface Correction {
  term: string;
  distance: number;
}

/** Levenshtein distance counting a swap of two neighbouring letters as one edit; max + 1 once it exceeds `max`. */
export function swapDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  const w = b.length + 1;
  let before = new Int32Array(w);
  let prev = new Int32Array(w);
  let row = new Int32Array(w);
  for (let j = 0; j < w; j++) prev[j] = j;
  for (let i = 1; i <= a.length; i++) {
    row[0] = i;
    let best = i;
    for (let j = 1; j < w; j++) {
      const cost = a.charCodeAt(i - 1) === b.charCodeAt(j - 1) ? 0 : 1;
      let v = Math.min(prev[j] + 1, row[j - 1] + 1, prev[j - 1] + cost);
      if (i > 1 && j > 1 && a.charCodeAt(i - 1) === b.charCodeAt(j - 2) && a.charCodeAt(i - 2) === b.charCodeAt(j - 1)) {
        v = Math.min(v, before[j - 2] + 1);
      }
      row[j] = v;
      if (v < best) best = v;
    }
    if (best > max) return max + 1;
    const t = before;
    before = prev;
    prev = row;
    row = t;
  }
  return prev[b.length];
}

/** True when `candidate` is close enough to `typed` to be what was meant, judged on the shorter word. */
export function closeEnough(typed: string, candidate: string, distance: number): boolean {
  return distance > 0 && distance <= typoDistance(Math.min(typed.length, candidate.length));
}

/**
 * The terms `typed` is read as: of the near terms close enough (see closeEnough; a name only when the typed
 * word starts as it does and is one edit from it), those at the smallest distance, most frequent first.
 */
export function chooseCorrections(typed: string, near: readonly NearTerm[], isName: (term: string) => boolean): Correction[] {
  const allowed = typoDistance(typed.length);
  if (!allowed) return [];
  const fit: Array<NearTerm & { edits: number }> = [];
  for (const c of near) {
    if (c.term === typed || c.count <= 0) continue;
    const edits = swapDistance(typed, c.term, allowed);
    if (!closeEnough(typed, c.term, edits)) continue;
    if (isName(c.term) && (edits > 1 || c.term[0] !== typed[0])) continue;
    fit.push({ ...c, edits });
  }
  if (fit.length === 0) return [];
  const best = Math.min(...fit.map((c) => c.edits));
  return fit.filter((c) => c.edits === best)
    .sort((a, b) => b.count - a.count || (a.term < b.term ? -1 : 1))
    .slice(0, MAX_CORRECTIONS)
    .map((c) => ({ term: c.term, distance: c.distance }));
}
