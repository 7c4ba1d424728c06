// The linguistic layer: part-of-speech tags from wink-nlp's English model (wink-eng-lite-web-model).
// The tagger costs ~0.3 s to load and ~15 µs a token, so it loads on first use (a start from a snapshot never
// extracts, so never pays for it) and tags only the sentences where a candidate speaker needs checking.
import { createRequire } from 'node:module';

/** Universal part-of-speech tags, as wink-nlp names them. */
export type Pos =
  | 'ADJ' | 'ADP' | 'ADV' | 'AUX' | 'CCONJ' | 'DET' | 'INTJ' | 'NOUN' | 'NUM' | 'PART' | 'PRON' | 'PROPN' | 'PUNCT'
  | 'SCONJ' | 'SYM' | 'VERB' | 'X' | 'SPACE';

export interface TaggedToken {
  /** Offsets in the text that was tagged. */
  start: number;
  end: number;
  pos: Pos;
}

interface WinkDoc {
  tokens(): { out(f?: unknown): string[] };
}
interface WinkNlp {
  readDoc(text: string): WinkDoc;
  its: { pos: unknown; value: unknown };
}

let nlp: WinkNlp | null = null;

function tagger(): WinkNlp {
  if (nlp) return nlp;
  const require = createRequire(import.meta.url);
  const winkNLP = require('wink-nlp') as (model: unknown, pipe?: string[]) => WinkNlp;
  nlp = winkNLP(require('wink-eng-lite-web-model'), ['pos']);
  return nlp;
}

/** Whether the tagger has been loaded in this process (tests check that a snapshot start does not load it). */
export function taggerLoaded(): boolean {
  return nlp !== null;
}

/** Longest text tagged in one go: a sentence longer than this is not a news sentence, and tagging stays linear. */
const MAX_TAGGED = 2000;

// Sentences repeat while one article is attributed (several quotes per sentence): a small memo.
const memo = new Map<string, TaggedToken[]>();

/** Tokens of `text` with their tags and exact offsets (texts over MAX_TAGGED characters are cut there). */
export function tag(text: string): TaggedToken[] {
  const t = text.length > MAX_TAGGED ? text.slice(0, MAX_TAGGED) : text;
  const hit = memo.get(t);
  if (hit) return hit;
  const w = tagger();
  const toks = w.readDoc(t).tokens();
  const words = toks.out(w.its.value);
  const tags = toks.out(w.its.pos) as Pos[];
  const out: TaggedToken[] = [];
  let at = 0;
  for (let i = 0; i < words.length; i++) {
    // wink keeps every character of a token, so each is found at or after the previous one's end.
    const k = t.indexOf(words[i], at);
    if (k < 0) continue;
    out.push({ start: k, end: k + words[i].length, pos: tags[i] });
    at = k + words[i].length;
  }
  if (memo.size > 500) memo.clear();
  memo.set(t, out);
  return out;
}

/** The tag of the token that starts at `offset` of `text` (undefined when no token starts there). */
export function posAt(text: string, offset: number): Pos | undefined {
  const toks = tag(text);
  let lo = 0;
  let hi = toks.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (toks[mid].start < offset) lo = mid + 1;
    else if (toks[mid].start > offset) hi = mid - 1;
    else return toks[mid].pos;
  }
  return undefined;
}
