// Small text helpers shared by the readers: paragraphs, titles, dates, normalization.
import { splitParagraphs as splitCorpusParagraphs } from '../corpus/clean.js';
import { ModerationError } from './errors.js';
import { cutAt } from '../unicode.js';

const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2066-\u2069]/g;

/** One line of clean text: no control or bidi characters, single spaces. */
export function cleanLine(s: string): string {
  return s.replace(CONTROL, '').replace(/[\s\u00a0]+/g, ' ').trim();
}

/**
 * Paragraphs of a plain-text body, split exactly as the corpus reader splits them (blank lines and
 * single line breaks separate paragraphs; a hard wrap inside a sentence is joined), then cleaned.
 */
export function splitParagraphs(body: string): string[] {
  return splitCorpusParagraphs(body).map(cleanLine).filter((p) => p.length > 0);
}

/** Paragraphs that carry words: at least one must exist for something to be an article. */
export function hasRealParagraph(paragraphs: string[]): boolean {
  return paragraphs.some((p) => (p.match(/\p{L}[\p{L}\p{M}'’-]*/gu) ?? []).length >= 3);
}

export const MAX_TITLE_CHARS = 300;

export function cleanTitle(s: string): string {
  const t = cleanLine(s).replace(/^#+\s*/, '');
  if (t.length <= MAX_TITLE_CHARS) return t;
  const cut = cutAt(t, MAX_TITLE_CHARS - 1);
  return `${cut.replace(/\s+\S*$/, '') || cut}…`;
}

/**
 * A date as YYYY-MM-DD, from ISO strings or anything Date can read ("May 12, 2025").
 * Undefined when unreadable; `strict` throws instead (for what a moderator typed).
 */
export function normalizeDate(input: string | undefined, strict = false): string | undefined {
  const s = cleanLine(input ?? '');
  if (!s) return undefined;
  const iso = /^(\d{4})-(\d{2})-(\d{2})(?:$|[T ])/.exec(s);
  let out: string | undefined;
  if (iso) {
    const d = new Date(Date.UTC(+iso[1], +iso[2] - 1, +iso[3]));
    if (d.getUTCMonth() === +iso[2] - 1 && d.getUTCDate() === +iso[3]) out = `${iso[1]}-${iso[2]}-${iso[3]}`;
  } else if (/[a-z]{3}|\d{4}/i.test(s)) {
    const t = Date.parse(s);
    if (Number.isFinite(t)) {
      // Without a zone Date reads local time: take the local calendar day, which is the day written.
      const d = new Date(t);
      const zoned = /(gmt|utc|z|[+-]\d{2}:?\d{2})\s*$/i.test(s);
      const [y, m, day] = zoned ? [d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()] : [d.getFullYear(), d.getMonth(), d.getDate()];
      out = `${String(y).padStart(4, '0')}-${String(m + 1).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
    }
  }
  if (out && (out < '1900-01-01' || out > '2200-01-01')) out = undefined;
  if (!out && strict) {
    throw new ModerationError('bad-date', `\`${cutAt(s, 40)}\` is not a date I can read; use YYYY-MM-DD, e.g. 2025-05-12.`);
  }
  return out;
}

/** Body text reduced for duplicate detection: case, accents, quote styles, punctuation and spacing do not count. */
export function normalizeBody(s: string): string {
  return s.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
}
