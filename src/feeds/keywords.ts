// A feed's keyword filter, with the search index's own term processing: "ceasefires" matches "cease-fire",
// "Erdoğan" matches "Erdogan". A keyword of several words matches when all its words occur.
import { indexTerms, queryTerm, tokenize } from '../search/text.js';

/** The moderator's `keywords:` text → keywords (comma-separated; each may have several words). */
export function parseKeywords(raw: string | null | undefined): string[] {
  return (raw ?? '').split(/[,;\n]+/).map((k) => k.trim().replace(/\s+/g, ' ')).filter(Boolean).slice(0, 20).map((k) => k.slice(0, 80));
}

/** Keywords that hold no searchable word (only stop words) — refused when the feed is added. */
export function uselessKeywords(keywords: readonly string[]): string[] {
  return keywords.filter((k) => termsOfKeyword(k).length === 0);
}

function termsOfKeyword(k: string): string[] {
  return tokenize(k).map(queryTerm).filter((t): t is string => !!t);
}

/** Whether `text` matches any keyword (every text matches an empty list). */
export function matchesKeywords(keywords: readonly string[], text: string): boolean {
  if (keywords.length === 0) return true;
  const have = new Set(tokenize(text).flatMap(indexTerms));
  return keywords.some((k) => {
    const terms = termsOfKeyword(k);
    return terms.length > 0 && terms.every((t) => have.has(t));
  });
}
