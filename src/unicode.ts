// Cutting text without breaking characters: a cut lands between grapheme clusters (what a reader sees as one
// character: a flag, an emoji with skin tone, a letter with its accents), so no lone surrogate or orphan mark is left.

const segmenter = new Intl.Segmenter(undefined, { granularity: 'grapheme' });
/** No grapheme cluster a real text holds is longer than this many UTF-16 units; beyond it we cut on code points. */
const CLUSTER_WINDOW = 64;

/** The longest prefix of `text` of at most `max` UTF-16 units that ends on a grapheme cluster boundary. */
export function cutAt(text: string, max: number): string {
  if (max <= 0) return '';
  if (text.length <= max) return text;
  // Segment only around the cut: cost bounded by the window, not by the text.
  let from = Math.max(0, max - CLUSTER_WINDOW);
  if (from > 0 && isLowSurrogate(text.charCodeAt(from))) from -= 1;
  // Flags pair regional indicators by parity from the start of their run: start before the run.
  while (from >= 2 && isRegionalIndicator(text.codePointAt(from - 2)!)) from -= 2;
  let end = from;
  for (const { index } of segmenter.segment(text.slice(from, max + CLUSTER_WINDOW))) {
    if (from + index > max) break;
    end = from + index;
  }
  if (end === from && from > 0) end = codePointCut(text, max); // an absurdly long cluster (e.g. 100 accents)
  return text.slice(0, end);
}

/** `text` cut to at most `max` UTF-16 units on a code point boundary. */
function codePointCut(text: string, max: number): number {
  return isLowSurrogate(text.charCodeAt(max)) ? max - 1 : max;
}

function isRegionalIndicator(cp: number): boolean {
  return cp >= 0x1f1e6 && cp <= 0x1f1ff;
}

function isLowSurrogate(code: number): boolean {
  return code >= 0xdc00 && code <= 0xdfff;
}

/** True when `text` holds a surrogate that is not half of a pair (what a careless slice() leaves). */
export function hasLoneSurrogate(text: string): boolean {
  return /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/.test(text);
}
