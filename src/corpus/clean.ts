// Article body → numbered content paragraphs: split, strip site boilerplate, drop repeated headlines.
import { BOILERPLATE_RULES, readsAsSentence, type BoilerplateRule } from './boilerplate.js';

/** Longest related-headline run dropped after a "Read more"/"DON'T MISS" marker. */
const MAX_HEADLINES = 8;

/** Quote/dash variants → ASCII and whitespace collapsed; used only to match rules, never shown. */
export function normaliseForMatching(text: string): string {
  return text
    .replace(/[\u2018\u2019\u201A\u201B\u2032\u00B4`]/g, "'")
    .replace(/[\u201C\u201D\u201E\u201F\u2033\u00AB\u00BB]/g, '"')
    .replace(/[\u2010-\u2015\u2212]/g, '-')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Visible text of a paragraph: collapse runs of spaces and invisible characters; keep the words exactly. */
export function tidyParagraph(text: string): string {
  return text
    .replace(/[\u200B-\u200D\u2060\uFEFF\u00AD]/g, '')
    .replace(/[\t\u00A0 ]+/g, ' ')
    .trim();
}

/**
 * A title part that names a site or section: short, no sentence end, capitalised unless it is a domain ("— but
 * not on Kyiv's terms" is the headline's own).
 */
function siteLike(part: string): boolean {
  return part.length <= 40 && !/[.!?]$/.test(part) && !(/^\p{Ll}/u.test(part) && /\s/.test(part));
}

/** Removes a site suffix such as " | World | example.com" from a title. */
export function cleanTitle(title: string): string {
  const tidy = tidyParagraph(title.replace(/^#+\s*/, ''));
  // A separator's whitespace may only start where a run of whitespace starts: without that lookbehind the
  // engine retried the run from each of its positions, quadratic in a long run (80k em-spaces took seconds).
  const pieces = tidy.split(/((?<!\s)\s+[|\u2013\u2014-]\s+)/);
  // Site parts come last ("… | World | example.com"): dropped from the end while they look like one.
  let keep = pieces.length;
  while (keep > 1 && siteLike(pieces[keep - 1])) keep -= 2;
  if (keep < pieces.length) {
    const head = pieces.slice(0, keep).join('');
    if (head.length >= 15) return head;
  }
  return tidy;
}

/**
 * Splits a body into paragraphs. Blank lines separate paragraphs; a single line break does too
 * (scraped news puts one paragraph a line), except a hard wrap inside a sentence: a line that does not
 * end a sentence followed by one that starts in lower case is joined to it.
 */
export function splitParagraphs(body: string): string[] {
  const out: string[] = [];
  for (const block of body.replace(/\r\n?/g, '\n').split(/\n\s*\n/)) {
    let current = '';
    for (const rawLine of block.split('\n')) {
      const line = tidyParagraph(rawLine.replace(/^\s{0,3}(#{1,6}\s+|>\s?)/, ''));
      if (!line) continue;
      if (current && !/[.!?:;"”’)\]…]$/.test(current) && /^[a-z(]/.test(line)) current += ` ${line}`;
      else {
        if (current) out.push(current);
        current = line;
      }
    }
    if (current) out.push(current);
  }
  return out;
}

function matchRule(paragraph: string, rules: BoilerplateRule[], norm?: string): BoilerplateRule | undefined {
  // Rules describe short notices; a long paragraph that merely mentions cookies is content.
  if (paragraph.length > 600) return undefined;
  const text = norm ?? normaliseForMatching(paragraph);
  return rules.find((rule) => rule.pattern.test(text));
}

/** A related-link headline: not a sentence and not a question (questions are the article's own subheadings). */
function looksLikeHeadline(paragraph: string): boolean {
  return !readsAsSentence(paragraph) && !/\?["'”’]?$/.test(paragraph);
}

/** Two texts are the same paragraph when these keys are equal (quote marks, dashes, spacing and case aside). */
function sameTextKey(text: string): string {
  return normaliseForMatching(text).toLowerCase();
}

/** Told each paragraph cleaning drops and why (a rule's name, or `headline-of:<rule>` for a run after a marker). */
export type DropTrace = (paragraph: string, reason: string) => void;

/** How many leading lines may be page furniture before the headline ("Skip to Main Content", "Menu"). */
const MAX_LEADING_FURNITURE = 6;

/**
 * Index of the headline among a page's first lines: the first non-empty line no boilerplate rule matches
 * (scraped pages can open with "Skip to Main Content" or a menu). 0 when the first lines are all furniture.
 */
export function headlineIndex(lines: readonly string[], rules: BoilerplateRule[] = BOILERPLATE_RULES): number {
  let first = -1;
  let furniture = 0;
  for (let i = 0; i < lines.length; i++) {
    const line = tidyParagraph(lines[i].replace(/^#+\s*/, ''));
    if (!line) continue;
    if (first < 0) first = i;
    if (!matchRule(line, rules)) return i;
    if (++furniture > MAX_LEADING_FURNITURE) break;
  }
  return Math.max(first, 0);
}

/** Content paragraphs of an article body, boilerplate removed, in order. */
export function cleanParagraphs(body: string, title = '', rules: BoilerplateRule[] = BOILERPLATE_RULES, trace?: DropTrace): string[] {
  const paragraphs = splitParagraphs(body);
  const kept: string[] = [];
  // Each paragraph is normalised once and compared by that key (to the rules, the title, the paragraph before):
  // normalising it for every comparison was a tenth of reading a file.
  const titleKeys = title ? [sameTextKey(tidyParagraph(title)), sameTextKey(cleanTitle(title))] : [];
  let lastKey = '';
  for (let i = 0; i < paragraphs.length; i++) {
    const paragraph = paragraphs[i];
    const norm = normaliseForMatching(paragraph);
    const rule = matchRule(paragraph, rules, norm);
    if (rule?.action === 'rest') {
      if (trace) for (const p of paragraphs.slice(i)) trace(p, p === paragraph ? rule.name : `after:${rule.name}`);
      break;
    }
    if (rule?.action === 'headlines') {
      trace?.(paragraph, rule.name);
      let skipped = 0;
      while (i + 1 < paragraphs.length && skipped < MAX_HEADLINES && looksLikeHeadline(paragraphs[i + 1])
        && !matchRule(paragraphs[i + 1], rules.filter((r) => r.action === 'rest'))) {
        i++;
        skipped++;
        trace?.(paragraphs[i], `headline-of:${rule.name}`);
      }
      continue;
    }
    if (rule) {
      trace?.(paragraph, rule.name);
      continue;
    }
    // Scraped pages repeat the headline at the top of the body.
    const key = norm.toLowerCase();
    if (titleKeys.includes(key)) continue;
    if (kept.length && lastKey === key) continue;
    kept.push(paragraph);
    lastKey = key;
  }
  return kept;
}
