// Result shapes of the questions the engine answers. Front ends render these; the CLI's --json prints them.
import type { ArticleMeta, Citation, QuoteKind, QuoteMarks, Speaker } from './types.js';

/** [start, end) character ranges in `text` that matched the query. */
export type Highlights = Array<[number, number]>;

export interface QuoteHit extends Citation {
  id: string;
  /** Display name of the speaker, or null when unknown. */
  speaker: string | null;
  speakerId: string | null;
  text: string;
  kind: QuoteKind;
  marks: QuoteMarks;
  score: number;
  highlights: Highlights;
  /** who-said: whether the quote's own words matched ('quote') or only the sentence reporting it ('context'). */
  match?: 'quote' | 'context';
  /** The sentence(s) introducing or reporting the quote, its own words elided (set when they matched). */
  context?: string;
  /** Matched ranges in `context`. */
  contextHighlights?: Highlights;
  /** Other articles carrying the same statement (same speaker, same words): one row stands for all. */
  alsoIn?: Citation[];
}

/** A word typo tolerance read as another. */
export interface Correction {
  /** The word as typed (lower case, accents folded). */
  from: string;
  /** The corpus word it was read as. */
  to: string;
}

export interface SpeakerGroup {
  speaker: string | null;
  speakerId: string | null;
  score: number;
  quotes: QuoteHit[];
}

export interface WhoSaidAnswer {
  query: string;
  /** How many quotes matched in all (results may hold fewer: see the limit). */
  total: number;
  /** How many speakers matched in all. */
  totalSpeakers: number;
  /** One row per matching quote, direct first within each speaker, speakers by relevance. */
  results: QuoteHit[];
  /** The same rows grouped by speaker, in rank order. */
  speakers: SpeakerGroup[];
  /** Close terms or speaker names, filled when nothing matched. */
  suggestions: string[];
  /** Words that were not in the corpus and were read as close ones. */
  corrected?: Correction[];
  /** 'any-word' when no quote matched every word and rows match some of them. */
  fallback?: 'any-word' | null;
  /** Set when the topic named a speaker: the answer holds only that speaker's quotes. */
  speaker?: { id: string; name: string } | null;
  /** With `speaker`: the rest of the topic searched for (null when the topic was only the name). */
  topic?: string | null;
}

export interface PassageHit extends Citation {
  text: string;
  score: number;
  highlights: Highlights;
}

export interface SearchAnswer {
  query: string;
  total: number;
  results: PassageHit[];
  suggestions: string[];
  /** As in who-said: words read as close ones, and the any-word fallback. */
  corrected?: Correction[];
  fallback?: 'any-word' | null;
}

export interface QuotesAnswer {
  query: string | null;
  /** The speaker the query resolved to (null with no query: every quote). */
  speaker: Speaker | null;
  /** How many quotes the speaker has in all (results may hold fewer). */
  total: number;
  results: QuoteHit[];
  suggestions: string[];
  /** Set when only quotes on a topic were asked for (--topic, or topic words after the name). */
  topic?: string | null;
  corrected?: Correction[];
  fallback?: 'any-word' | null;
}

/** One article's card: its front matter and counts. */
export interface ArticleInfo extends ArticleMeta {
  paragraphs: number;
  quotes: number;
  speakers: string[];
}

/** One paragraph of an article, to check a citation. */
export interface ParagraphAnswer extends Citation {
  text: string;
  /** How many paragraphs the article has. */
  paragraphs: number;
  /** The quotes found in this paragraph. */
  quotes: QuoteHit[];
}

export interface SourcesAnswer {
  articles: number;
  paragraphs: number;
  quotes: number;
  speakers: number;
  /** Files that could not be read, by name. */
  problems: Array<{ file: string; error: string }>;
  list: Array<{ id: string; title: string; source?: string; date?: string; paragraphs: number; quotes: number }>;
}

export interface SpeakerChoice {
  id: string;
  name: string;
  quotes: number;
}

export interface ArticleChoice {
  id: string;
  title: string;
}
