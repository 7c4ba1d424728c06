// The words around a quote that introduce or report it: the rest of the quote's sentence(s) outside the marks,
// and, when the quote opens its paragraph (a continuation), the previous paragraph's last sentence. who-said
// matches these too (weighted lower): "Peskov reacted to … new EU sanctions …, stating, “…”" is about sanctions.

/** Where the quoted words are elided in a context. */
export const ELISION = '[…]';

/** Marks and dashes that may open or close quoted words. */
const MARKS = /["“”„«»‘’'\u2013\u2014\-\s]/;

/**
 * Sentence ends: . ! ? (and a closing mark) then space and a capital or an opening mark. A one-letter word
 * before the stop ("U.S.", "V. Putin") or a title ("Mr.") does not end a sentence.
 */
const SENTENCE_END = /(?<![\s.][A-Z]|\b(?:Mr|Mrs|Ms|Dr|St|Gen|Col|Lt|Sen|Rep|Gov|Jr|Sr|No|vs)|^[A-Z])[.!?]["”’»)]*\s+(?=["“«‘(]?[\p{Lu}\d])/gu;

/** Offsets just after each sentence end in `text`. */
function sentenceStarts(text: string): number[] {
  const out: number[] = [];
  for (const m of text.matchAll(SENTENCE_END)) out.push((m.index ?? 0) + m[0].length);
  return out;
}

function lastSentence(text: string): string {
  const starts = sentenceStarts(text);
  return text.slice(starts.length ? starts[starts.length - 1] : 0).trim();
}

/**
 * The context of `quote` in `paragraph` (`previous`: the paragraph before, if any), the quote's own words
 * replaced by ELISION; '' when the quote cannot be found in its paragraph or nothing surrounds it.
 */
export function quoteContext(quote: string, paragraph: string, previous?: string): string {
  const at = quote ? paragraph.indexOf(quote) : -1;
  if (at < 0) return '';
  const end = at + quote.length;
  const starts = sentenceStarts(paragraph);
  let from = 0;
  for (const s of starts) if (s <= at) from = s;
  let to = paragraph.length;
  for (const s of starts) {
    if (s > end) {
      to = s;
      break;
    }
  }
  let before = paragraph.slice(from, at);
  let after = paragraph.slice(end, to);
  // Only marks before the quote: it opens its paragraph and continues what the previous one said.
  if (![...before].some((c) => !MARKS.test(c)) && from === 0 && previous) before = `${lastSentence(previous)} ${before}`;
  before = before.replace(/["“„«‘\s\u2013\u2014-]+$/u, '').trim();
  after = after.replace(/^["”»’\s]+/u, '').trim();
  // Closing punctuation alone says nothing.
  if (!/[\p{L}\p{N}]/u.test(after)) after = '';
  if (!before && !after) return '';
  return [before, ELISION, after].filter(Boolean).join(' ');
}
