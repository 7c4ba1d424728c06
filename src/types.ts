// The engine's data model. Plain data only: every front end (CLI, Discord) renders these.

/** Front-matter fields an article may carry; only `title` is required. */
export interface ArticleMeta {
  /** File name without extension; stable citation key. */
  id: string;
  title: string;
  source?: string;
  url?: string;
  /** ISO date (YYYY-MM-DD or full timestamp) when known. */
  date?: string;
  added_by?: string;
  added_at?: string;
}

export interface Article extends ArticleMeta {
  /** Cleaned paragraphs; paragraph N of a citation is paragraphs[N - 1]. */
  paragraphs: string[];
  /** Path of the file it was read from, when it came from disk. */
  file?: string;
  /** sha256 of the file contents (staleness checks, duplicates, audit). */
  hash?: string;
}

/**
 * direct: the speaker's own words, marked by quotes or dashes (or with broken marks).
 * partial: a quoted phrase inside reported speech.
 * indirect: reported speech without quote marks ("Lavrov said that Moscow ...").
 */
export type QuoteKind = 'direct' | 'partial' | 'indirect';

/** How the quoted words were set off in the text. */
export type QuoteMarks = 'quotes' | 'dash' | 'broken' | 'none';

export type SpeakerType = 'person' | 'organization' | 'group';

/** A quotation as the extractor finds it in one article, before corpus-wide speaker merging. */
export interface ExtractedQuote {
  /** 1-based paragraph number in the cleaned article. */
  paragraph: number;
  /** The quoted words, exactly as in the paragraph, without the surrounding marks. */
  text: string;
  kind: QuoteKind;
  marks: QuoteMarks;
  /** Best full name of the speaker as written in the article ("Dmitry Peskov"), never a pronoun; null when unknown. */
  speaker: string | null;
  speakerType?: SpeakerType;
  /** Other names the article used for the same speaker ("Peskov", "Kremlin spokesperson Dmitry Peskov"). */
  speakerAliases?: string[];
  /** Which attribution rule chose the speaker ('after-close-said-X', 'pronoun', …; 'none' when speaker is null). For evaluation only. */
  rule?: string;
}

/** A quotation as the engine serves it. */
export interface Quote extends Omit<ExtractedQuote, 'speakerAliases' | 'rule'> {
  /** `${article}#${paragraph}.${n}`: unique and stable while the article is unchanged. */
  id: string;
  article: string;
  /** Canonical speaker id across the corpus (same person under any name), or null. */
  speakerId: string | null;
}

export interface Speaker {
  id: string;
  /** Display name: the fullest proper name seen ("Volodymyr Zelensky"). */
  name: string;
  /** Every name seen for this speaker, including the display name. */
  aliases: string[];
  type: SpeakerType;
}

/** A cited paragraph. */
export interface Citation {
  article: string;
  title: string;
  source?: string;
  url?: string;
  date?: string;
  paragraph: number;
}

export interface CorpusProblem {
  file: string;
  error: string;
}
