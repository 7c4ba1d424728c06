// An article's date from its text when its front matter gives none: a "Published …" line, a dateline
// ("MOSCOW, May 12 (Reuters) -"), or a short date line near the top ("12 May 2025"). Dates inside the story
// ("talks in March 2022") are events, not the article's date, and are never taken for it.

const MONTHS: Record<string, number> = {
  jan: 1, january: 1, feb: 2, february: 2, mar: 3, march: 3, apr: 4, april: 4, may: 5, jun: 6, june: 6,
  jul: 7, july: 7, aug: 8, august: 8, sep: 9, sept: 9, september: 9, oct: 10, october: 10, nov: 11, november: 11,
  dec: 12, december: 12,
};
const MONTH = '(Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\\.?';

/** How far down a dateline or date line may sit: the first few lines hold bylines, never deep in the story. */
const TOP_LINES = 6;
/** A line this short that holds a date is a date line (a byline, "Updated …"), not a sentence of the story. */
const DATE_LINE_CHARS = 90;

function iso(year: number, month: number, day: number): string | undefined {
  if (!(year >= 1990 && year <= 2100) || !(month >= 1 && month <= 12) || !(day >= 1 && day <= 31)) return undefined;
  const d = new Date(Date.UTC(year, month - 1, day));
  if (d.getUTCMonth() !== month - 1) return undefined;
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

const monthOf = (name: string): number => MONTHS[name.toLowerCase().replace(/\.$/, '')] ?? 0;

/** A full date anywhere in `text` (12 May 2025, May 12, 2025, 2025-05-12), the first one. */
export function dateIn(text: string): string | undefined {
  const patterns: Array<[RegExp, (m: RegExpExecArray) => string | undefined]> = [
    [/\b(\d{4})-(\d{2})-(\d{2})\b/, (m) => iso(+m[1], +m[2], +m[3])],
    [new RegExp(`\\b(\\d{1,2})(?:st|nd|rd|th)? ${MONTH},? (\\d{4})\\b`, 'i'), (m) => iso(+m[3], monthOf(m[2]), +m[1])],
    [new RegExp(`\\b${MONTH} (\\d{1,2})(?:st|nd|rd|th)?,? (\\d{4})\\b`, 'i'), (m) => iso(+m[3], monthOf(m[1]), +m[2])],
  ];
  let best: { at: number; date: string } | undefined;
  for (const [re, make] of patterns) {
    const m = re.exec(text);
    const date = m ? make(m) : undefined;
    if (m && date && (!best || m.index < best.at)) best = { at: m.index, date };
  }
  return best?.date;
}

/** Wire datelines: "KYIV, May 12 (Reuters) -", "MOSCOW, May 12, 2025 (AP) —". */
const DATELINE = new RegExp(`^[\\p{Lu}][\\p{Lu}\\p{Ll} .'/-]{1,40}, ${MONTH} (\\d{1,2})(?:,? (\\d{4}))? \\((?:Reuters|AP|AFP|Bloomberg|dpa|Xinhua|TASS|Interfax|UNIAN|Ukrinform)\\)\\s*[-–—]`, 'u');

/**
 * The year of a dateline that gives none: the year of the text's full dates ("12 May 2025"), when they all
 * have one. A bare year is no evidence ("France's April 2017 election" in an article of 2016), nor are full
 * dates of several years.
 */
function yearOfText(text: string): number | undefined {
  const years = new Set<number>();
  const full = new RegExp(`\\b\\d{1,2}(?:st|nd|rd|th)? ${MONTH},? (\\d{4})\\b|\\b${MONTH} \\d{1,2}(?:st|nd|rd|th)?,? (\\d{4})\\b`, 'gi');
  for (const m of text.matchAll(full)) years.add(Number(m[2] ?? m[4]));
  return years.size === 1 ? [...years][0] : undefined;
}

function wordsBesideDate(line: string): number {
  const rest = line
    .replace(new RegExp(`\\b\\d{1,2}(?:st|nd|rd|th)? ${MONTH},? \\d{4}|\\b${MONTH} \\d{1,2}(?:st|nd|rd|th)?,? \\d{4}|\\d{4}-\\d{2}-\\d{2}`, 'gi'), ' ')
    .replace(/\b(?:mon|tues|wednes|thurs|fri|satur|sun)day\b|\b\d{1,2}[:.]\d{2}\b|\b(?:am|pm|gmt|utc|bst|cet|cest|est|edt|msk|eet|eest)\b/gi, ' ');
  return (rest.match(/\p{L}{2,}/gu) ?? []).length;
}

/** The article's date (YYYY-MM-DD) found in its title and body text, or undefined. */
export function findArticleDate(body: string): string | undefined {
  const lines = body.split(/\r?\n/).map((l) => l.trim()).filter(Boolean).slice(0, TOP_LINES);
  for (const line of lines) {
    const published = /^(?:published|updated|posted|first published|last updated|date)\b[:\s]*(?:on\s+)?(.*)$/i.exec(line);
    if (published) {
      const date = dateIn(published[1]);
      if (date) return date;
    }
  }
  for (const line of lines) {
    const m = DATELINE.exec(line);
    if (!m) continue;
    const year = m[3] ? Number(m[3]) : yearOfText(body);
    if (year === undefined) return undefined;
    return iso(year, monthOf(m[1]), Number(m[2]));
  }
  for (const line of lines) {
    if (line.length > DATE_LINE_CHARS) continue;
    const date = dateIn(line);
    // A date line is mostly its date: a byline, a weekday, a time ("By Ann Lee | Monday 12 May 2025 14:05 BST").
    if (date && wordsBesideDate(line) <= 5) return date;
  }
  return undefined;
}

/** A date a user typed for since:/until: → the first and last day it covers; null when it is not a date. */
export function parseDateBound(input: string): { first: string; last: string } | null {
  const text = input.trim().replace(/\s+/g, ' ');
  if (!text) return null;
  const day = dateIn(text);
  if (day && (text.length <= 20)) return { first: day, last: day };
  const lastDay = (y: number, m: number): number => new Date(Date.UTC(y, m, 0)).getUTCDate();
  const ym = /^(\d{4})-(\d{1,2})$/.exec(text);
  const my = new RegExp(`^${MONTH},? (\\d{4})$`, 'i').exec(text);
  let year: number | undefined;
  let month: number | undefined;
  if (ym) [year, month] = [Number(ym[1]), Number(ym[2])];
  else if (my) [year, month] = [Number(my[2]), monthOf(my[1])];
  if (year !== undefined && month !== undefined) {
    const first = iso(year, month, 1);
    return first ? { first, last: iso(year, month, lastDay(year, month))! } : null;
  }
  if (/^\d{4}$/.test(text)) {
    const first = iso(Number(text), 1, 1);
    return first ? { first, last: `${text}-12-31` } : null;
  }
  return null;
}
