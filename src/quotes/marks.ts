// Quote-mark scanning: finds quoted spans in one paragraph in a single linear pass.
// Real news text mixes straight and curly marks, uses “ as a closer after machine translation,
// drops opening marks, and leaves the closing mark off paragraphs that a quote continues past.
// Each mark's role (open/close) is decided from what stands on either side of it, then marks pair up.

export interface MarkSpan {
  /** Offset of the first quoted character (after the opening mark and any spaces). */
  start: number;
  /** Offset just after the last quoted character (before the closing mark, spaces trimmed). */
  end: number;
  /** Offset of the opening mark; -1 when the opening mark is missing (an orphan closing mark). */
  open: number;
  /** Offset of the closing mark; -1 when the quote runs to the end of the paragraph. */
  close: number;
  /** Marks are wrong-way round, spaced oddly or missing. */
  broken: boolean;
  /** Set off by single marks (‘…’) at top level. */
  single?: boolean;
}

const TYPICAL_OPEN = new Set(['“', '„', '‟', '«']);
const TYPICAL_CLOSE = new Set(['”', '»']);
const NEUTRAL = new Set(['"', '＂']);
// Opening mark → its closing mark, in the styles news sites use (English, German, Swedish, French, reversed).
const PAIRS: Record<string, string> = { '“': '”', '„': '“', '«': '»', '"': '"', '＂': '＂', '‟': '”', '»': '«', '”': '”' };

export function isDoubleMark(c: string | undefined): boolean {
  return c !== undefined && (TYPICAL_OPEN.has(c) || TYPICAL_CLOSE.has(c) || NEUTRAL.has(c));
}

const SPACE_BEFORE = /[\s([{–—\-\u00a0]/;
const PUNCT_AFTER = /[,.;:!?)\]}…]/;

type Role = 'open' | 'close';

function roleOf(text: string, i: number, len: number, isOpen: boolean): Role {
  // Two apostrophes ('' — NYT and typewriter style) stand for one straight double mark.
  const c = len === 2 ? '"' : text[i];
  const prev = i > 0 ? text[i - 1] : undefined;
  const next = i + len < text.length ? text[i + len] : undefined;
  const prevSpace = prev === undefined || SPACE_BEFORE.test(prev) || isDoubleMark(prev);
  const nextSpace = next === undefined || /\s/.test(next);
  const nextPunct = next !== undefined && PUNCT_AFTER.test(next);
  const canOpen = !nextSpace && !nextPunct;
  const canClose = !prevSpace;
  if (canOpen && !canClose) return 'open';
  if (canClose && !canOpen) return 'close';
  // Both or neither: the mark's usual direction, or for straight marks whether a quote is open.
  if (TYPICAL_OPEN.has(c)) return isOpen && canClose ? 'close' : 'open';
  if (TYPICAL_CLOSE.has(c)) return 'close';
  return isOpen ? 'close' : 'open';
}

function trimmedSpan(text: string, from: number, to: number): { start: number; end: number } {
  let s = from;
  let e = to;
  while (s < e && /\s/.test(text[s])) s++;
  while (e > s && /\s/.test(text[e - 1])) e--;
  return { start: s, end: e };
}

/** Double-quoted spans of one paragraph, in order. Linear in the paragraph's length. */
export function scanQuoteMarks(text: string): MarkSpan[] {
  const spans: MarkSpan[] = [];
  let openAt = -1;
  let lastEnd = 0;
  let openLen = 1;
  // Jump from mark to mark: most characters are not marks. '' (two apostrophes) is one double mark.
  const marks = /''|["“”„‟«»＂]/g;
  for (let found = marks.exec(text); found; found = marks.exec(text)) {
    const i = found.index;
    const len = found[0].length;
    const c = len === 2 ? '"' : text[i];
    const role = roleOf(text, i, len, openAt >= 0);
    if (role === 'open') {
      if (openAt >= 0) {
        // A second opening mark while one is open: the first quote lost its closing mark.
        const { start, end } = trimmedSpan(text, openAt + openLen, i);
        if (end > start) spans.push({ start, end, open: openAt, close: -1, broken: true });
      }
      openAt = i;
      openLen = len;
    } else if (openAt >= 0) {
      const { start, end } = trimmedSpan(text, openAt + openLen, i);
      const opener = openLen === 2 ? '"' : text[openAt];
      const wellFormed = (PAIRS[opener] === c || (opener === '“' && c === '”')) && !/\s/.test(text[openAt + openLen] ?? '');
      // close is the mark's last character, so close + 1 is always the first character after it.
      if (end > start) spans.push({ start, end, open: openAt, close: i + len - 1, broken: !wellFormed });
      openAt = -1;
      lastEnd = i + len;
    } else {
      // A closing mark with no opening mark: the quote starts after the previous quote or at the paragraph start.
      let from = lastEnd;
      while (from < i && /[\s,.;:!?\-–—]/.test(text[from]) && from > 0) from++;
      const { start, end } = trimmedSpan(text, from, i);
      if (end > start) spans.push({ start, end, open: -1, close: i + len - 1, broken: true });
      lastEnd = i + len;
    }
  }
  if (openAt >= 0) {
    const { start, end } = trimmedSpan(text, openAt + openLen, text.length);
    if (end > start) spans.push({ start, end, open: openAt, close: -1, broken: false });
  }
  return spans.length ? spans : scanSingleQuotes(text);
}

/**
 * Top-level single-quoted spans (‘Like this’, 'or this'), only for paragraphs without double marks.
 * An apostrophe has a letter on both sides or follows an s, so only marks with space on the outer side count.
 */
function scanSingleQuotes(text: string): MarkSpan[] {
  const spans: MarkSpan[] = [];
  let openAt = -1;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c !== '‘' && c !== '’' && c !== "'") continue;
    const prev = i > 0 ? text[i - 1] : undefined;
    const next = i + 1 < text.length ? text[i + 1] : undefined;
    const prevSpace = prev === undefined || SPACE_BEFORE.test(prev);
    const nextLetter = next !== undefined && /[\p{L}\p{N}]/u.test(next);
    if (c !== '’' && prevSpace && nextLetter) {
      openAt = i;
      continue;
    }
    const nextEnd = next === undefined || /\s/.test(next) || PUNCT_AFTER.test(next);
    const prevOk = prev !== undefined && /[\p{L}\p{N}.,!?]/u.test(prev);
    // "allies’ weapons": a plural possessive looks like a closer; it only closes an open quote.
    if (openAt >= 0 && c !== '‘' && prevOk && nextEnd) {
      if (i - openAt > 600) {
        openAt = -1;
        continue;
      }
      const { start, end } = trimmedSpan(text, openAt + 1, i);
      const words = text.slice(start, end).split(/\s+/).length;
      if (end > start && words >= 2) spans.push({ start, end, open: openAt, close: i, broken: false, single: true });
      openAt = -1;
    }
  }
  return spans;
}
