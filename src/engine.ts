// The engine: articles → quotes with speakers → two full-text indexes → cited answers.
// Plain data in, plain data out; it knows nothing of Discord or the terminal.
import { UserError } from './errors.js';
import path from 'node:path';
import type {
  ArticleChoice, ArticleInfo, Highlights, ParagraphAnswer, PassageHit, QuoteHit, QuotesAnswer, SearchAnswer, SourcesAnswer, SpeakerChoice,
  SpeakerGroup, WhoSaidAnswer,
} from './answers.js';
import { parseDateBound } from './corpus/dates.js';
import { articleIdFromFile, CorpusDirError, listArticleFiles, readCorpus } from './corpus/read.js';
import { extractQuotes } from './quotes/extract.js';
import { SpeakerRegistry } from './quotes/speakers.js';
import { containsPhrases, highlight, MINISEARCH_OPTIONS, TextIndex, type IndexedText, type PlanInfo, type TextHit } from './search/index.js';
import { quoteContext } from './search/quote-context.js';
import { claimText, claimWords, contentWords, matchClaim, sharedHighlights, type FindSourcesAnswer, type SourceMatch } from './search/find-sources.js';
import { PhraseIndex } from './search/phrases.js';
import { parseQuery, type ParsedQuery } from './search/query.js';
import { editDistance, suggestWords, WordCounts } from './search/suggest.js';
import { chooseCorrections, type Correction, type NearTerm } from './search/typos.js';
import { foldWord, indexTerms, queryTerm, tokenize, tokenizeWithOffsets } from './search/text.js';
import type { SnapshotArticle, SnapshotContent } from './snapshot/file.js';
import { buildMiniSearch } from './snapshot/postings.js';
import type { Article, Citation, CorpusProblem, ExtractedQuote, Quote, QuoteKind, Speaker } from './types.js';
import { DEFAULT_ARTICLE_TIMEOUT_MS, OffThreadTimeout, parseThread } from './worker/offthread.js';

/** An article file of the corpus folder as listed, with its content hash when known (an unchanged file is not re-read). */
export interface CorpusFileRef {
  name: string;
  hash?: string;
}

/** What the folder holds: its article files in name order, and what was wrong with the folder itself. */
export interface CorpusListing {
  files: readonly CorpusFileRef[];
  problems?: readonly CorpusProblem[];
}

export interface SyncOptions {
  /** Bring only these article ids in line (their files are all in `files`); default: the whole folder. */
  only?: Iterable<string>;
  /** Time one file may take to read, clean and extract; a slower one is reported and left out. */
  timeoutMs?: number;
  onProgress?: (done: number, total: number) => void | Promise<void>;
}

export interface SyncReport {
  added: string[];
  updated: string[];
  removed: string[];
  /** Files looked at and left as they were. */
  unchanged: number;
  /** Every problem the engine now reports (for the whole folder, not only this sync's). */
  problems: readonly CorpusProblem[];
}

export interface QueryOptions {
  /** Max rows (quotes or passages) returned. */
  limit?: number;
  /** Only articles dated on or after the start of this (YYYY-MM-DD, YYYY-MM, "May 2025", YYYY). */
  since?: string;
  /** Only articles dated on or before the end of this. */
  until?: string;
  /** Only articles from this source (any case). */
  source?: string;
  /** 'newest': rows by article date, newest first (undated last); default: by relevance. */
  sort?: 'newest' | 'relevance';
}

export interface QuotesOptions extends QueryOptions {
  /** Only quotes on this topic (who-said's matching). */
  topic?: string;
}

export interface WhoSaidOptions extends QueryOptions {
  /** Only this speaker's quotes (a canonical speaker id). */
  speakerId?: string;
}

/** A quote found by the words around it. */
interface ContextRow {
  quote: Quote;
  score: number;
  context: string;
  contextHighlights: Highlights;
  highlights: Highlights;
}

/** A quote matched only by its context scores this share of its passage's score. */
const CONTEXT_WEIGHT = 0.5;
/** A quote holding only some of the words, when others hold all of them in their context. */
const ANY_WORD_WEIGHT = 0.3;

export type EngineErrorCode = 'empty-query' | 'unknown-article' | 'unknown-speaker' | 'bad-corpus' | 'bad-filter' | 'unknown-paragraph';

/**
 * What a refusal says, as data: a front end can word it in the asker's language (the message is the English
 * wording). `what` is the thing the question lacked.
 */
export type EngineErrorDetails =
  | { kind: 'nothing-asked'; what: 'a topic' | 'words to search for' }
  | { kind: 'only-common-words'; text: string }
  | { kind: 'not-a-date'; option: string; value: string }
  | { kind: 'no-such-article'; id: string }
  | { kind: 'no-such-paragraph'; article: string; count: number; asked: string }
  | { kind: 'no-words-in-message' };

/** A question the engine cannot answer as asked; the message is meant for the person who asked. */
export class EngineError extends UserError {
  override name = 'EngineError';
  constructor(message: string, readonly code: EngineErrorCode, readonly details?: EngineErrorDetails) {
    super(message);
  }
}

export const DEFAULT_LIMITS = { whoSaid: 50, search: 10, quotes: 50, choices: 25 } as const;
/** Hard cap on rows any one answer carries: front ends page through these. */
export const MAX_ROWS = 500;

/** Direct words first, then quoted phrases, then reported speech. */
const KIND_ORDER: Record<QuoteKind, number> = { direct: 0, partial: 1, indirect: 2 };
const KIND_WEIGHT: Record<QuoteKind, number> = { direct: 1, partial: 0.85, indirect: 0.6 };
/** KIND_WEIGHT by KIND_ORDER rank, for the hot loop of who-said. */
const WEIGHT_BY_RANK: readonly number[] = (Object.keys(KIND_ORDER) as QuoteKind[])
  .sort((a, b) => KIND_ORDER[a] - KIND_ORDER[b]).map((kind) => KIND_WEIGHT[kind]);

/** The words of a topic that are searched for (question words and fillers dropped), for headings. */
function topicWords(topic: string): string {
  if (/["\u201C\u201D\u201E«»]/.test(topic)) return topic.replace(/\s+/g, ' ').trim();
  return tokenize(topic).filter((w) => queryTerm(w) !== null).join(' ').replace(/[?!.]+$/, '');
}

function clampLimit(limit: number | undefined, fallback: number): number {
  if (limit === undefined || !Number.isFinite(limit)) return fallback;
  return Math.max(1, Math.min(MAX_ROWS, Math.floor(limit)));
}

function passageId(article: string, paragraph: number): string {
  return `${article}#${paragraph}`;
}

function parsePassageId(id: string): { article: string; paragraph: number } {
  const at = id.lastIndexOf('#');
  return { article: id.slice(0, at), paragraph: Number(id.slice(at + 1)) };
}

/** Newest first when dates are known; undated articles after dated ones, by id. */
function byDateDesc(a: Article | undefined, b: Article | undefined): number {
  const da = a?.date ?? '';
  const db = b?.date ?? '';
  if (da !== db) return da < db ? 1 : -1;
  return (a?.id ?? '').localeCompare(b?.id ?? '');
}

export class Engine {
  readonly dir: string | null;
  /** Files of the folder that could not be indexed, and why; changed only by a build or sync. */
  private problemList: readonly CorpusProblem[] = [];
  /** File name → content hash of a file that failed: not re-read until it changes. */
  private readonly failedHashes = new Map<string, string>();

  private readonly articlesById = new Map<string, Article>();
  private readonly quotesByArticle = new Map<string, Quote[]>();
  private readonly quotesById = new Map<string, Quote>();
  /** Replaced once by build/fromSnapshot, then changed in place. */
  private passages = new TextIndex();
  private quoteIndex = new TextIndex();
  /** Each passage's words in order, for quoted phrases (MiniSearch keeps no positions). */
  private phrases = new PhraseIndex();
  /** The same for quotes (who-said with a quoted phrase). */
  private quotePhrases = new PhraseIndex();
  /** Passage document number → phrase-index slot + 1 (see phraseSlot). */
  private phraseSlots = new Int32Array(0);
  /** The extractor's output per article, kept so a snapshot can restore quotes and speakers without re-extracting. */
  private readonly extractedByArticle = new Map<string, ExtractedQuote[]>();
  private readonly registry = new SpeakerRegistry();
  private paragraphCount = 0;
  /** Derived views, rebuilt lazily after a change. */
  private quotesBySpeaker: Map<string, Quote[]> | null = null;
  private readonly sortedBySpeaker = new Map<string, Quote[]>();
  private words: WordCounts | null = null;
  /** who-said's per-document cache of the quote index (quote and speaker slot), reset on every change. */
  private meta: QuoteMeta | null = null;
  /** Quotes by the passage that holds their context (see contextQuotes), rebuilt after a change. */
  private byContextPassage: Map<string, Quote[]> | null = null;
  /** Corrections by typed term (see correctionsOf) and the index terms of people's names; dropped on any change. */
  private readonly typos = new Map<string, Correction[]>();
  private names: Set<string> | null = null;
  /** People with the folded words of their names and aliases, for typo suggestions; dropped on any change. */
  private personWords: Array<{ name: string; id: string; words: string[] }> | null = null;
  /** By speaker id: the passage documents holding their quotes' context (see contextDocsOf); dropped on any change. */
  private readonly speakerContextDocs = new Map<string, Set<number>>();
  /**
   * By passage document number: the quotes that have their context in it, null when none, undefined not looked
   * up. Kept across changes: a document number is never reused, and a passage's quotes live and die with it.
   */
  private readonly contextByDoc: Array<Quote[] | null | undefined> = [];
  /** By passage document number: its article's date and source, filled on first need (as contextByDoc). */
  private readonly facetsByDoc: Array<ArticleFacets | undefined> = [];

  private constructor(dir: string | null) {
    this.dir = dir;
  }

  /**
   * Reads every article in `dir` (bad files are reported in `problems`, not thrown) and indexes them, on this
   * thread and without a snapshot: the reference build. Front ends use `openCorpus` (src/snapshot/open.ts).
   */
  static async open(dir: string, opts: { log?: (line: string) => void } = {}): Promise<Engine> {
    let read;
    try {
      read = await readCorpus(dir);
    } catch (err) {
      if (err instanceof CorpusDirError) throw new EngineError(err.message, 'bad-corpus');
      throw err;
    }
    for (const problem of read.problems) opts.log?.(`skipped ${problem.file}: ${problem.error}`);
    return Engine.build(read.articles, { dir: path.resolve(dir), log: opts.log, problems: read.problems });
  }

  /** Builds from articles in memory (tests, benchmark). */
  static fromArticles(articles: Article[], dir: string | null = null): Engine {
    return Engine.build(articles, { dir });
  }

  /**
   * Indexes many articles at once: quotes and speakers article by article, then each search index in one pass
   * (buildMiniSearch: same index as adding one by one, several times faster). Logs progress when given `log`.
   * `extracted[i]`, when given, must be extractQuotes() of `articles[i]`.
   */
  static build(
    articles: Article[],
    opts: {
      dir?: string | null; log?: (line: string) => void; extracted?: ReadonlyArray<ExtractedQuote[]>;
      /** The files the read that gave `articles` could not use. */
      problems?: readonly CorpusProblem[];
    } = {},
  ): Engine {
    const engine = new Engine(opts.dir ?? null);
    engine.problemList = [...(opts.problems ?? [])];
    const log = opts.log;
    const started = performance.now();
    const elapsed = (): string => `${((performance.now() - started) / 1000).toFixed(1)} s`;
    const every = Math.max(500, Math.ceil(articles.length / 10));
    for (let i = 0; i < articles.length; i++) {
      if (engine.articlesById.has(articles[i].id)) throw new Error(`article ${articles[i].id} is already indexed`);
      // Quotes already extracted (on worker threads, see src/corpus/parallel-read.ts) are used as given.
      engine.index(articles[i], opts.extracted?.[i], false);
      if (log && (i + 1) % every === 0) log(`quotes ${opts.extracted ? 'attributed' : 'extracted'} for ${i + 1}/${articles.length} articles (${elapsed()})`);
    }
    const passages: IndexedText[] = [];
    for (const article of engine.articlesById.values()) {
      article.paragraphs.forEach((text, i) => passages.push({ id: passageId(article.id, i + 1), text }));
    }
    const quotes = [...engine.quotesById.values()].map((q) => ({ id: q.id, text: q.text }));
    for (const p of passages) engine.phrases.add(p.id, p.text);
    for (const q of quotes) engine.quotePhrases.add(q.id, q.text);
    engine.phrases.releaseCache();
    engine.quotePhrases.releaseCache();
    engine.passages = new TextIndex(buildMiniSearch(passages, MINISEARCH_OPTIONS, {
      progressEvery: 50_000,
      onProgress: log && passages.length >= 50_000 ? (done, total) => log(`passages indexed: ${done}/${total} (${elapsed()})`) : undefined,
    }));
    engine.quoteIndex = new TextIndex(buildMiniSearch(quotes, MINISEARCH_OPTIONS));
    if (log && articles.length >= every) {
      log(`indexed ${articles.length} articles, ${passages.length} passages, ${quotes.length} quotes in ${elapsed()}`);
    }
    return engine;
  }

  /**
   * Restores an engine from a snapshot: articles and their extracted quotes replayed in the snapshot's order
   * (speakers come out as at build time, nothing is re-extracted), indexes, phrase indexes and word counts
   * adopted as loaded. Throws when the indexes do not hold exactly the articles' passages and quotes: an
   * inconsistent snapshot is never served.
   */
  static fromSnapshot(
    dir: string | null,
    snapshot: { articles: SnapshotArticle[]; passages: SnapshotContent['passages']; quotes: SnapshotContent['quotes']; phrases: unknown; words: unknown },
  ): Engine {
    const engine = new Engine(dir);
    for (const { article, extracted } of snapshot.articles) {
      if (engine.articlesById.has(article.id)) throw new Error(`article ${article.id} appears twice`);
      engine.index(article, extracted, false);
    }
    const passages = new TextIndex(snapshot.passages);
    const quotes = new TextIndex(snapshot.quotes);
    if (passages.size !== engine.paragraphCount || quotes.size !== engine.quotesById.size) {
      throw new Error(`indexes hold ${passages.size} passages and ${quotes.size} quotes, the articles ${engine.paragraphCount} and ${engine.quotesById.size}`);
    }
    const passageIds = engine.passageIds();
    for (const id of passageIds) if (!passages.has(id)) throw new Error(`passage ${id} is not indexed`);
    const quoteIds = engine.quoteIds();
    for (const id of quoteIds) if (!quotes.has(id)) throw new Error(`quote ${id} is not indexed`);
    engine.passages = passages;
    engine.quoteIndex = quotes;
    const phrases = (snapshot.phrases ?? {}) as { passages?: unknown; quotes?: unknown };
    engine.phrases = PhraseIndex.fromState(phrases.passages, passageIds);
    engine.quotePhrases = PhraseIndex.fromState(phrases.quotes, quoteIds);
    engine.words = WordCounts.fromJSON(snapshot.words);
    return engine;
  }

  /** What a snapshot needs to restore this engine exactly (see src/snapshot/). */
  snapshotContent(): SnapshotContent {
    return {
      articles: [...this.articlesById.values()].map((article) => ({ article, extracted: this.extractedByArticle.get(article.id) ?? [] })),
      passages: this.passages.miniSearch,
      quotes: this.quoteIndex.miniSearch,
      phrases: {
        passages: this.phrases.exportState(this.passageIds()),
        quotes: this.quotePhrases.exportState(this.quoteIds()),
      },
      words: this.wordCounts().toJSON(),
    };
  }

  /** Every quote id, article by article in indexing order (the order a snapshot stores them in). */
  private quoteIds(): string[] {
    const ids: string[] = [];
    for (const id of this.articlesById.keys()) for (const quote of this.quotesByArticle.get(id) ?? []) ids.push(quote.id);
    return ids;
  }

  /**
   * The phrase-index slot of passage document `doc`, remembered per document number: a common word's query
   * checks tens of thousands of candidates, and two id lookups each were most of its cost. Safe to keep: a
   * document number is never reused, and a passage keeps its slot while it is indexed.
   */
  private phraseSlot(doc: number): number {
    let slots = this.phraseSlots;
    if (doc >= slots.length) {
      const grown = new Int32Array(Math.max(doc + 1, Math.ceil(slots.length * 1.5) + 1024));
      grown.set(slots);
      this.phraseSlots = slots = grown;
    }
    // Stored as slot + 1: 0 means not looked up yet.
    let known = slots[doc] - 1;
    if (known < 0) {
      const id = this.passages.idOf(doc);
      known = id === undefined ? -1 : this.phrases.slotOf(id);
      if (known >= 0) slots[doc] = known + 1;
    }
    return known;
  }

  /** Every passage id, article by article in indexing order (the order a snapshot stores them in). */
  private passageIds(): string[] {
    const ids: string[] = [];
    for (const article of this.articlesById.values()) {
      for (let n = 1; n <= article.paragraphs.length; n++) ids.push(passageId(article.id, n));
    }
    return ids;
  }

  // ---- changes -------------------------------------------------------------------------------

  /** `extracted`, when given, must be extractQuotes() of the article (e.g. done on the parse thread). */
  addArticle(article: Article, extracted?: ExtractedQuote[]): void {
    if (this.articlesById.has(article.id)) throw new Error(`article ${article.id} is already indexed`);
    this.index(article, extracted);
  }

  replaceArticle(article: Article, extracted?: ExtractedQuote[]): void {
    this.removeArticle(article.id);
    this.index(article, extracted);
  }

  removeArticle(id: string): boolean {
    const article = this.articlesById.get(id);
    if (!article) return false;
    // The texts are known: their terms are removed at once, nothing is left for a vacuum to clean.
    for (let n = 1; n <= article.paragraphs.length; n++) {
      this.passages.remove(passageId(id, n), article.paragraphs[n - 1]);
      this.phrases.remove(passageId(id, n));
    }
    for (const quote of this.quotesByArticle.get(id) ?? []) {
      this.quoteIndex.remove(quote.id, quote.text);
      this.quotePhrases.remove(quote.id);
      this.quotesById.delete(quote.id);
      this.words?.removeText(quote.text);
    }
    this.quotesByArticle.delete(id);
    this.extractedByArticle.delete(id);
    this.articlesById.delete(id);
    this.registry.remove(id);
    this.paragraphCount -= article.paragraphs.length;
    this.changed();
    return true;
  }

  /** The files of the folder that could not be indexed, and why. */
  get problems(): readonly CorpusProblem[] {
    return this.problemList;
  }

  /** Re-reads one article's file from the corpus folder: indexes it, replaces it, or drops it if gone or broken. */
  async reloadArticle(id: string, opts: Omit<SyncOptions, 'only'> = {}): Promise<SyncReport> {
    return this.syncIds([id], opts);
  }

  /** Brings the given article ids in line with their files in the corpus folder. */
  async syncIds(ids: readonly string[], opts: Omit<SyncOptions, 'only'> = {}): Promise<SyncReport> {
    if (!this.dir) throw new Error('this engine has no corpus folder');
    const wanted = new Set(ids);
    let names: string[];
    try {
      names = await listArticleFiles(this.dir);
    } catch {
      names = [];
    }
    return this.sync({ files: names.filter((n) => wanted.has(articleIdFromFile(n))).map((name) => ({ name })) }, { ...opts, only: wanted });
  }

  /**
   * Brings the index in line with the folder's files: the one way every caller (reindex, a shard catching up,
   * a snapshot patched at start) does it. Each new or changed file (by content hash) is read, cleaned and its
   * quotes extracted on the parse thread under a time limit; only the index update runs here. Same rules as a
   * full read: file-name order, the first readable file of an id wins, a file that cannot be used is a problem
   * and its article leaves the index. Files and ids outside `only` are left alone, and so are their problems.
   */
  async sync(listing: CorpusListing, opts: SyncOptions = {}): Promise<SyncReport> {
    if (!this.dir) throw new Error('this engine has no corpus folder');
    const dir = this.dir;
    const only = opts.only ? new Set(opts.only) : null;
    const inScope = (id: string): boolean => only === null || only.has(id);
    const timeoutMs = opts.timeoutMs ?? DEFAULT_ARTICLE_TIMEOUT_MS;
    const files = listing.files.filter((f) => inScope(articleIdFromFile(f.name)));
    const report: SyncReport = { added: [], updated: [], removed: [], unchanged: 0, problems: [] };
    const problems: CorpusProblem[] = [...(listing.problems ?? [])];
    const previous = new Map(this.problemList.map((p) => [p.file, p]));
    const winner = new Map<string, string>();
    for (const [n, file] of files.entries()) {
      const id = articleIdFromFile(file.name);
      const first = winner.get(id);
      if (first !== undefined) {
        problems.push({ file: file.name, error: `same article id as ${first}; skipped` });
      } else {
        const indexed = this.articlesById.get(id);
        const failedAs = this.failedHashes.get(file.name);
        if (file.hash !== undefined && indexed?.hash === file.hash && indexed.file !== undefined && path.basename(indexed.file) === file.name) {
          winner.set(id, file.name);
          report.unchanged++;
        } else if (file.hash !== undefined && failedAs === file.hash && previous.has(file.name)) {
          // Still the bytes that failed last time: the same problem, not read again.
          problems.push(previous.get(file.name)!);
        } else {
          const result = await readOffThread(dir, file.name, timeoutMs);
          if ('error' in result) {
            problems.push({ file: file.name, error: result.error });
            if (file.hash !== undefined) this.failedHashes.set(file.name, file.hash);
            else this.failedHashes.delete(file.name);
          } else {
            this.failedHashes.delete(file.name);
            winner.set(id, file.name);
            const current = this.articlesById.get(id);
            if (!current) {
              this.index(result.article, result.extracted);
              report.added.push(id);
            } else if (current.hash !== undefined && current.hash === result.article.hash && current.file === result.article.file) {
              report.unchanged++;
            } else {
              this.removeArticle(id);
              this.index(result.article, result.extracted);
              report.updated.push(id);
            }
          }
        }
      }
      if (opts.onProgress && ((n + 1) % 25 === 0 || n + 1 === files.length)) await opts.onProgress(n + 1, files.length);
    }
    // Gone from the folder, or now unreadable: out of the index (a bad file is reported, never half-served).
    for (const id of [...this.articlesById.keys()]) {
      if (inScope(id) && !winner.has(id) && this.removeArticle(id)) report.removed.push(id);
    }
    const kept = only === null ? [] : this.problemList.filter((p) => !inScope(articleIdFromFile(p.file)));
    this.problemList = [...kept, ...problems].sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
    for (const name of [...this.failedHashes.keys()]) {
      if (!this.problemList.some((p) => p.file === name)) this.failedHashes.delete(name);
    }
    report.problems = this.problemList;
    return report;
  }

  /** Adds one article; `indexText: false` leaves the search indexes to the caller (bulk build, snapshot). */
  private index(article: Article, extracted: ExtractedQuote[] = extractQuotes(article.paragraphs, { title: article.title }), indexText = true): void {
    const speakerIds = this.registry.add(article.id, extracted);
    const perParagraph = new Map<number, number>();
    const quotes: Quote[] = extracted.map((q, i) => {
      const n = (perParagraph.get(q.paragraph) ?? 0) + 1;
      perParagraph.set(q.paragraph, n);
      // Built field by field, always in this order: every quote then has the same shape (fast property reads in
      // who-said's loops), and no rest/spread copies (tens of thousands of quotes are made at each start).
      const quote: Quote = { paragraph: q.paragraph, text: q.text, kind: q.kind, marks: q.marks, speaker: q.speaker } as Quote;
      if (q.speakerType !== undefined) quote.speakerType = q.speakerType;
      quote.id = `${article.id}#${q.paragraph}.${n}`;
      quote.article = article.id;
      quote.speakerId = speakerIds[i] ?? null;
      return quote;
    });
    this.articlesById.set(article.id, article);
    this.quotesByArticle.set(article.id, quotes);
    this.extractedByArticle.set(article.id, extracted);
    for (const quote of quotes) this.quotesById.set(quote.id, quote);
    // Word counts for suggestions follow changes once built (building them reads every quote).
    if (this.words) for (const quote of quotes) this.words.addText(quote.text);
    if (indexText) {
      this.passages.addAll(article.paragraphs.map((text, i) => ({ id: passageId(article.id, i + 1), text })));
      article.paragraphs.forEach((text, i) => this.phrases.add(passageId(article.id, i + 1), text));
      this.quoteIndex.addAll(quotes.map((q) => ({ id: q.id, text: q.text })));
      for (const q of quotes) this.quotePhrases.add(q.id, q.text);
    }
    this.paragraphCount += article.paragraphs.length;
    this.changed();
  }

  private changed(): void {
    this.quotesBySpeaker = null;
    this.sortedBySpeaker.clear();
    // Speakers can merge or split with any change, and documents come and go: forget all of it.
    this.meta = null;
    this.byContextPassage = null;
    this.typos.clear();
    this.names = null;
    this.personWords = null;
    this.speakerContextDocs.clear();
  }

  /**
   * What a term the corpus lacks is read as, over passages and quotes alike (so both indexes read a typo the
   * same way), remembered until the corpus changes: the fuzzy lookup walks the whole term tree.
   */
  private correctionsOf(term: string): Correction[] {
    let found = this.typos.get(term);
    if (found === undefined) {
      const near = new Map<string, NearTerm>();
      for (const index of [this.passages, this.quoteIndex]) {
        for (const t of index.nearTerms(term)) if (!near.has(t.term)) near.set(t.term, t);
      }
      const names = this.nameTerms();
      found = chooseCorrections(term, [...near.values()], (t) => names.has(t));
      if (this.typos.size >= 5_000) this.typos.clear();
      this.typos.set(term, found);
    }
    return found;
  }

  /** Index terms of quoted people's names: a typo is read as a name only when it looks like that name. */
  private nameTerms(): Set<string> {
    if (this.names) return this.names;
    const names = new Set<string>();
    for (const speaker of this.registry.list()) {
      if (speaker.type !== 'person') continue;
      for (const name of [speaker.name, ...speaker.aliases]) for (const word of tokenize(name)) for (const t of indexTerms(word)) names.add(t);
    }
    return (this.names = names);
  }

  /** A parsed query whose typos are read the engine's way (see correctionsOf). */
  private withCorrections(query: ParsedQuery): ParsedQuery {
    query.correct = (t) => this.correctionsOf(t);
    return query;
  }

  private quoteMeta(): QuoteMeta {
    return (this.meta ??= { quote: [], slot: [], kind: [], slotByKey: new Map(), speakers: [], statement: [], statementNos: new Map(), facets: [] });
  }

  /** The same number for quotes of one statement (see statementKey), while the corpus is unchanged. */
  private statementNumber(quote: Quote, meta: QuoteMeta): number {
    const key = statementKey(quote);
    let n = meta.statementNos.get(key);
    if (n === undefined) meta.statementNos.set(key, (n = meta.statementNos.size));
    return n;
  }

  /** The slot of a quote's group: one per current (canonical) speaker, one for unattributed quotes. */
  private slotOf(quote: Quote, meta: QuoteMeta): number {
    const speaker = quote.speakerId ? this.registry.get(quote.speakerId) : undefined;
    const key = speaker?.id ?? quote.speakerId ?? '\u0000unattributed';
    let slot = meta.slotByKey.get(key);
    if (slot === undefined) {
      meta.slotByKey.set(key, (slot = meta.speakers.length));
      meta.speakers.push(speaker);
    }
    return slot;
  }

  // ---- questions -----------------------------------------------------------------------------

  private parse(input: string, what: 'a topic' | 'words to search for'): ParsedQuery {
    const query = parseQuery(input ?? '');
    if (!query.text) throw new EngineError(`Give ${what}, e.g. "ceasefire".`, 'empty-query', { kind: 'nothing-asked', what });
    if (query.terms.length === 0) {
      throw new EngineError(`"${query.text}" has only common words (like "the" or "said") and nothing to look for; try a more specific word, e.g. "ceasefire".`, 'empty-query', { kind: 'only-common-words', text: query.text });
    }
    return query;
  }

  /** Who said what about a topic: quotes ranked, grouped by speaker, direct quotes first. */
  whoSaid(topic: string, opts: WhoSaidOptions = {}): WhoSaidAnswer {
    if (opts.speakerId === undefined) {
      // "what did Peskov say about sanctions": Peskov's quotes on sanctions; "Peskov" alone: Peskov's quotes.
      const named = this.speakerInTopic(topic);
      if (named) {
        const rest = parseQuery(named.rest);
        if (rest.terms.length === 0) return this.speakerAsWhoSaid(named.speaker, topic, opts);
        const answer = this.whoSaid(named.rest, { ...opts, speakerId: named.speaker.id });
        return { ...answer, speaker: { id: named.speaker.id, name: named.speaker.name }, topic: topicWords(named.rest) };
      }
    }
    const query = this.parse(topic, 'a topic');
    // A word the articles hold is never corrected, even if no quote holds it: its context may.
    query.known = (t) => this.passages.hasTerm(t) || this.quoteIndex.hasTerm(t);
    this.withCorrections(query);
    const limit = clampLimit(opts.limit, DEFAULT_LIMITS.whoSaid);
    const onlySpeaker = opts.speakerId ?? null;
    const allow = this.articleFilter(opts);
    const test = this.articleTest(opts);
    // Unranked hits: each speaker's quotes are sorted below by kind, score, then this order, which is the
    // order a full ranking would have given equal scores.
    const hits = this.quoteIndex.searchUnranked(query);
    // Room for quotes found by their introducing sentence (bounded: only the best passages are looked at).
    const contextPassages = Math.max(limit, 20);
    const contextCap = contextPassages * 4;
    const rows = hits.size + contextCap;
    // Rows stay light (an index into the hits) until chosen: highlighting every match of a common word costs
    // more than the whole search. Per hit: the quote and its speaker's group slot come from arrays filled by
    // earlier queries (see quoteMeta), so a common topic's thousands of hits cost no map lookups.
    const quoteAt: Quote[] = new Array(rows);
    // Sort keys in typed arrays: the comparators below run tens of thousands of times per common topic.
    const kindRank = new Uint8Array(rows);
    const tier = new Uint8Array(rows);
    const raw = new Float64Array(rows);
    const weighted = new Float64Array(rows);
    const groupAt: Array<RankedGroup<number> | undefined> = [];
    const ranked: Array<RankedGroup<number>> = [];
    const meta = this.quoteMeta();
    const compiled = query.phrases.length > 0 ? this.quotePhrases.compile(query.phrases) : null;
    let total = 0;
    const ownQuotes: Quote[] = [];
    const contextAt: ContextRow[] = [];
    const place = (i: number, quote: Quote, slot: number, rank: number, score: number, rowTier: number): void => {
      total++;
      let group = groupAt[slot];
      if (!group) {
        // The group's name and id as its first hit shows them (the hit order is the ranking's order).
        const speaker = meta.speakers[slot];
        const speakerId = speaker?.id ?? quote.speakerId;
        groupAt[slot] = group = { speaker: speaker?.name ?? quote.speaker, speakerId, score: 0, quotes: [] };
        ranked.push(group);
      }
      quoteAt[i] = quote;
      kindRank[i] = rank;
      tier[i] = rowTier;
      raw[i] = score;
      weighted[i] = score * WEIGHT_BY_RANK[rank];
      group.quotes.push(i);
    };
    for (let i = 0; i < hits.size; i++) {
      const doc = hits.doc(i);
      let slot = doc >= 0 ? meta.slot[doc] : undefined;
      let quote: Quote | undefined;
      let rank: number;
      if (slot === undefined) {
        quote = this.quotesById.get(hits.id(i));
        if (quote === undefined) continue;
        slot = this.slotOf(quote, meta);
        rank = KIND_ORDER[quote.kind];
        if (doc >= 0) {
          meta.slot[doc] = slot;
          meta.quote[doc] = quote;
          meta.kind[doc] = rank;
        }
      } else {
        quote = meta.quote[doc]!;
        rank = meta.kind[doc]!;
      }
      if (onlySpeaker !== null && meta.speakers[slot]?.id !== onlySpeaker) continue;
      if (test) {
        // The article's facets by quote document number: no map lookups per hit of a common topic.
        let facets = doc >= 0 ? meta.facets[doc] : undefined;
        if (facets === undefined) {
          const article = this.articlesById.get(quote.article);
          facets = article && facetsOf(article);
          if (doc >= 0) meta.facets[doc] = facets;
        }
        if (!test(facets)) continue;
      }
      if (compiled && !(this.quotePhrases.containsCompiled(quote.id, compiled) ?? containsPhrases(quote.text, query.phrases))) continue;
      ownQuotes.push(quote);
      place(i, quote, slot, rank, hits.score(i), 0);
    }
    // The context is searched when the quotes' own words leave room in the answer, or matched only some of the
    // words: with `limit` quotes holding every word, rows found by context would rank below all of them.
    const context = total < limit || hits.plan?.anyWord
      ? this.contextMatches(query, contextPassages, onlySpeaker, allow, test)
      : { rows: [] as ContextRow[], plan: undefined };
    if (context.rows.length) {
      const own = new Set(ownQuotes);
      let k = 0;
      for (const row of context.rows) {
        if (own.has(row.quote) || k >= contextCap) continue;
        place(hits.size + k, row.quote, this.slotOf(row.quote, meta), KIND_ORDER[row.quote.kind], row.score * CONTEXT_WEIGHT, 1);
        contextAt[k++] = row;
      }
      // A quote holding only some of the words ranks below those whose sentence holds them all.
      if (hits.plan?.anyWord && context.plan && !context.plan.anyWord) {
        for (const group of ranked) {
          for (const i of group.quotes) {
            if (i < hits.size) {
              tier[i] = 2;
              weighted[i] *= ANY_WORD_WEIGHT;
            }
          }
        }
      }
    }
    // Own words first, then context; kind, weighted score, then as a full ranking would order equal scores:
    // raw score, then hit order.
    const alsoOf = new Map<number, Quote[]>();
    const before = (a: number, b: number): number => tier[a] - tier[b] || kindRank[a] - kindRank[b] || weighted[b] - weighted[a] || raw[b] - raw[a] || a - b;
    for (const group of ranked) {
      // A speaker's relevance: the best quote counts most, further quotes add with diminishing weight.
      // Filled by hand: Float64Array.from with a map function goes through the iterator protocol, per quote.
      const scores = new Float64Array(group.quotes.length);
      for (let k = 0; k < scores.length; k++) scores[k] = weighted[group.quotes[k]];
      scores.sort();
      let score = 0;
      for (let k = 0; k < scores.length; k++) score += scores[scores.length - 1 - k] / (k + 1);
      group.score = score;
    }
    // Unattributed quotes come last: an answer is about who said it.
    ranked.sort((a, b) => Number(a.speakerId === null) - Number(b.speakerId === null) || b.score - a.score);
    const statementOf = (i: number): number => {
      const doc = i < hits.size ? hits.doc(i) : -1;
      if (doc < 0) return this.statementNumber(quoteAt[i], meta);
      let n = meta.statement[doc];
      if (n === undefined) meta.statement[doc] = n = this.statementNumber(quoteAt[i], meta);
      return n;
    };
    // Round-robin gives each of the first `limit` groups one row before any takes a second, so no group takes
    // more than this: with `limit` speakers or more, one row each (a common topic's usual case).
    const perGroup = opts.sort === 'newest' ? limit : 1 + limit - Math.min(ranked.length, limit);
    for (let g = 0; g < ranked.length; g++) {
      const group = ranked[g];
      // By relevance, the first `limit` groups each take a row before any later group's turn comes: a common
      // topic's later speakers (a hundred of them) need no ordering or folding.
      if (g >= limit && opts.sort !== 'newest') {
        group.quotes = [];
        continue;
      }
      if (perGroup === 1) {
        // The group's best row; its statement's copies are folded from all of the group's quotes, not only the
        // best few (a linear scan: a number compare rules out almost every quote).
        let top = group.quotes[0];
        for (const i of group.quotes) if (before(i, top) < 0) top = i;
        const key = statementOf(top);
        const same = group.quotes.filter((i) => i !== top && statementOf(i) === key).sort(before);
        const also = same.length ? foldCopies([top, ...same], (i) => quoteAt[i], statementOf).copies.get(top) : undefined;
        if (also) alsoOf.set(top, also);
        group.quotes = [top];
        continue;
      }
      // No group shows more than `perGroup` rows: only those need ordering (twice as many, as copies fold).
      const best = topK(group.quotes, perGroup * 2, before);
      const { kept, copies } = foldCopies(best, (i) => quoteAt[i], statementOf);
      for (const [i, also] of copies) alsoOf.set(i, also);
      group.quotes = kept.slice(0, perGroup);
    }
    const hitOf = (i: number): QuoteHit => {
      const hit = rowOf(i);
      const also = alsoOf.get(i);
      if (also) hit.alsoIn = also.map((q) => this.copyCitation(q));
      return hit;
    };
    const rowOf = (i: number): QuoteHit => {
      if (i < hits.size) {
        const hit = this.quoteHit(quoteAt[i], hits.hit(i), KIND_WEIGHT);
        hit.match = 'quote';
        hit.score = weighted[i];
        return hit;
      }
      const row = contextAt[i - hits.size];
      const hit = this.quoteHit(row.quote);
      hit.score = weighted[i];
      hit.highlights = row.highlights;
      hit.match = 'context';
      hit.context = row.context;
      hit.contextHighlights = row.contextHighlights;
      return hit;
    };
    let speakers: SpeakerGroup[];
    if (opts.sort === 'newest') {
      // The newest `limit` rows of all, in date order; speakers in the order their newest row comes.
      const dateOf = (i: number): string => this.articlesById.get(quoteAt[i].article)?.date?.slice(0, 10) ?? '';
      const newest = ranked.flatMap((group) => group.quotes.map((i) => ({ i, group, date: dateOf(i) })))
        .sort((a, b) => (a.date === b.date ? before(a.i, b.i) : a.date < b.date ? 1 : -1)).slice(0, limit);
      const byGroup = new Map<RankedGroup<number>, QuoteHit[]>();
      for (const row of newest) {
        const list = byGroup.get(row.group) ?? [];
        list.push(hitOf(row.i));
        byGroup.set(row.group, list);
      }
      speakers = [...byGroup].map(([group, quotes]) => ({ speaker: group.speaker, speakerId: group.speakerId, score: group.score, quotes }));
    } else {
      speakers = takeRoundRobin(ranked, limit).map((group) => ({
        ...group,
        quotes: group.quotes.map(hitOf),
      }));
    }
    const results = opts.sort === 'newest'
      ? speakers.flatMap((g) => g.quotes).sort((a, b) => ((a.date ?? '') === (b.date ?? '') ? 0 : (a.date ?? '') < (b.date ?? '') ? 1 : -1))
      : speakers.flatMap((g) => g.quotes);
    const usedQuotePlan = results.some((r) => r.match === 'quote');
    const usedContextPlan = results.some((r) => r.match === 'context');
    const plans = [usedQuotePlan ? hits.plan : undefined, usedContextPlan ? context.plan : undefined].filter((p): p is PlanInfo => p !== undefined);
    return {
      query: query.text,
      total,
      totalSpeakers: ranked.length,
      results,
      speakers,
      suggestions: total ? [] : this.suggestions(query),
      corrected: this.corrections(query, plans, results),
      fallback: plans.length > 0 && plans.every((p) => p.anyWord) ? 'any-word' : null,
    };
  }

  /**
   * Quotes whose context (see quoteContext) holds the query's words: the best passages holding them are
   * looked at, and a quote of such a passage (or one opening the next) counts when its context and its own
   * words between them hold every matched word, at least one of them in the context.
   */
  private contextMatches(
    query: ParsedQuery, limit: number, onlySpeaker: string | null, allow: ((article: string) => boolean) | null,
    test: ((facets: ArticleFacets | undefined) => boolean) | null,
  ): { rows: ContextRow[]; plan?: PlanInfo } {
    const byPassage = this.contextQuotes();
    // The speaker ids as stored that resolve to the speaker asked for (usually one; more after merges): a few
    // string compares per quote instead of a registry lookup, for every candidate passage.
    const speakerIds = onlySpeaker === null ? null
      : this.registry.get(onlySpeaker)?.id !== onlySpeaker ? []
        : [...new Set((this.speakerQuotes().get(onlySpeaker) ?? []).map((q) => q.speakerId))];
    const speakerFits = (quote: Quote): boolean => speakerIds === null || (quote.speakerId !== null && speakerIds.includes(quote.speakerId));
    const fits = (quote: Quote): boolean => speakerFits(quote) && (!allow || allow(quote.article));
    const keep = (id: string): boolean => (byPassage.get(id) ?? []).some(fits);
    // Which quotes have their context in a passage is remembered per document number: a common word has tens
    // of thousands of candidate passages, and an id lookup each would cost more than the search.
    const unfiltered = onlySpeaker === null && !allow;
    // One speaker's quotes have their context in a few passages: a set of those, instead of asking each of a
    // common word's passages whether one of its quotes is theirs.
    const speakerDocs = onlySpeaker === null || speakerIds === null ? null : this.contextDocsOf(onlySpeaker, speakerIds, byPassage);
    const keepDoc = (doc: number): boolean => {
      if (speakerDocs !== null) return speakerDocs.has(doc) && (!test || test(this.facetsOfDoc(doc)));
      const quotes = this.contextQuotesOfDoc(doc, byPassage);
      if (quotes === null) return false;
      if (unfiltered) return true;
      // A passage's context quotes are all of its own article.
      return !test || test(this.facetsOfDoc(doc));
    };
    const { hits, plan } = this.passages.searchTop(query, { limit, keep, keepDoc });
    const rows: ContextRow[] = [];
    for (const hit of hits) {
      const terms = hit.terms;
      for (const quote of byPassage.get(hit.id) ?? []) {
        if (!fits(quote)) continue;
        const article = this.articlesById.get(quote.article);
        if (!article) continue;
        const paragraph = quote.paragraph === 0 ? article.title : article.paragraphs[quote.paragraph - 1] ?? '';
        const previous = quote.paragraph > 1 ? article.paragraphs[quote.paragraph - 2] : undefined;
        const context = quoteContext(quote.text, paragraph, previous);
        if (!context) continue;
        const contextHighlights = highlight(context, terms);
        if (contextHighlights.length === 0) continue;
        const highlights = highlight(quote.text, terms);
        // Every word the passage matched must be in the quote's sentence(s), not elsewhere in the paragraph.
        const seen = new Set<string>();
        for (const [a, b] of contextHighlights) for (const t of indexTerms(context.slice(a, b))) seen.add(t);
        for (const [a, b] of highlights) for (const t of indexTerms(quote.text.slice(a, b))) seen.add(t);
        const needed = plan?.anyWord ? 1 : new Set(terms).size;
        if (terms.filter((t) => seen.has(t)).length < needed) continue;
        if (query.phrases.length && !containsPhrases(`${context} ${quote.text}`, query.phrases)) continue;
        rows.push({ quote, score: hit.score, context, contextHighlights, highlights });
      }
    }
    return { rows, plan };
  }

  /** Quotes by the passage whose words count as their context: their own paragraph, and the one before for a quote opening its paragraph. */
  private contextQuotes(): Map<string, Quote[]> {
    if (this.byContextPassage) return this.byContextPassage;
    const map = new Map<string, Quote[]>();
    const add = (id: string, quote: Quote): void => {
      const list = map.get(id);
      if (list) list.push(quote);
      else map.set(id, [quote]);
    };
    for (const quote of this.quotesById.values()) {
      if (quote.paragraph < 1) continue;
      add(passageId(quote.article, quote.paragraph), quote);
      if (quote.paragraph > 1) {
        const text = this.articlesById.get(quote.article)?.paragraphs[quote.paragraph - 1] ?? '';
        const at = text.indexOf(quote.text);
        if (at >= 0 && !/[\p{L}\p{N}]/u.test(text.slice(0, at))) add(passageId(quote.article, quote.paragraph - 1), quote);
      }
    }
    this.byContextPassage = map;
    return map;
  }

  /**
   * Passage document numbers holding the context of a quote by the speaker asked for (whose stored speaker ids
   * are `speakerIds`), remembered per speaker until the corpus changes.
   */
  private contextDocsOf(speaker: string, speakerIds: ReadonlyArray<string | null>, byPassage: Map<string, Quote[]>): Set<number> {
    let docs = this.speakerContextDocs.get(speaker);
    if (docs) return docs;
    docs = new Set<number>();
    for (const quote of this.speakerQuotes().get(speaker) ?? []) {
      if (quote.speakerId === null || !speakerIds.includes(quote.speakerId)) continue;
      for (const paragraph of [quote.paragraph, quote.paragraph - 1]) {
        if (paragraph < 1) continue;
        const id = passageId(quote.article, paragraph);
        if (!byPassage.get(id)?.includes(quote)) continue;
        const doc = this.passages.docOf(id);
        if (doc !== undefined) docs.add(doc);
      }
    }
    this.speakerContextDocs.set(speaker, docs);
    return docs;
  }

  /** The quotes whose context is passage document `doc` (see contextByDoc), or null. */
  private contextQuotesOfDoc(doc: number, byPassage: Map<string, Quote[]>): Quote[] | null {
    let quotes = this.contextByDoc[doc];
    if (quotes === undefined) {
      const id = this.passages.idOf(doc);
      quotes = (id !== undefined ? byPassage.get(id) : undefined) ?? null;
      this.contextByDoc[doc] = quotes;
    }
    return quotes;
  }

  /** What filters look at in the article of passage document `doc` (see facetsByDoc). */
  private facetsOfDoc(doc: number): ArticleFacets | undefined {
    let found = this.facetsByDoc[doc];
    if (found === undefined) {
      const id = this.passages.idOf(doc);
      const article = id === undefined ? undefined : this.articlesById.get(parsePassageId(id).article);
      if (article) this.facetsByDoc[doc] = found = facetsOf(article);
    }
    return found;
  }

  /** What typo tolerance read the words as, for telling the user ("sanctoins" → "sanctions"). */
  private corrections(query: ParsedQuery, plans: PlanInfo[], shown: QuoteHit[]): Array<{ from: string; to: string }> {
    const out: Array<{ from: string; to: string }> = [];
    for (const plan of plans) {
      if (!plan.fuzzy) continue;
      for (const term of plan.corrected) {
        if (out.some((c) => c.from === (query.words[query.terms.indexOf(term)] ?? term))) continue;
        const close = this.correctionsOf(term)[0]?.term;
        if (close) out.push({ from: query.words[query.terms.indexOf(term)] ?? term, to: this.displayWord(close, shown) });
      }
    }
    return out;
  }

  /** A corpus word for an index term (index terms are stems: "negoti" reads as "negotiations"). */
  private displayWord(term: string, shown: QuoteHit[]): string {
    // The rows shown hold the word as written.
    for (const row of shown) {
      for (const text of [row.text, row.context ?? '']) {
        for (const word of tokenize(text)) if (indexTerms(word).includes(term)) return foldWord(word);
      }
    }
    const words = this.wordCounts();
    let best: string | null = null;
    let count = 0;
    for (let length = term.length; length <= term.length + 4; length++) {
      for (const word of words.shaped(term[0] ?? '', length)) {
        const n = words.counts.get(word) ?? 0;
        if (n > count && indexTerms(word).includes(term)) {
          best = word;
          count = n;
        }
      }
    }
    return best ?? term;
  }

  /**
   * A person's name in a topic (the longest of up to three words that names exactly one quoted person), and
   * the topic without it; null when the topic names nobody.
   */
  speakerInTopic(topic: string): { speaker: Speaker; rest: string } | null {
    const text = (topic ?? '').slice(0, 200);
    const tokens = tokenizeWithOffsets(text);
    const counts = this.speakerQuotes();
    for (let n = Math.min(3, tokens.length); n >= 1; n--) {
      for (let start = 0; start + n <= tokens.length; start++) {
        const words = tokens.slice(start, start + n);
        // A name starts with a capital as typed or is a word of 4+ letters; never a common word.
        if (words.some((t) => queryTerm(t.word) === null)) continue;
        if (!words.every((t) => /^\p{Lu}/u.test(t.word) || t.word.length >= 4)) continue;
        const from = words[0].start;
        const to = words[n - 1].end;
        const speaker = this.registry.resolve(text.slice(from, to));
        if (!speaker || speaker.type !== 'person' || !(counts.get(speaker.id)?.length)) continue;
        // "sanctions" typed in lower case is the topic, even if some article's "Sanctions warned …" made a
        // speaker of it: a one-word name counts in lower case only when no quote uses the word.
        if (n === 1 && !/\s/.test(speaker.name.trim()) && words[0].word === words[0].word.toLowerCase()
          && indexTerms(words[0].word).some((t) => this.quoteIndex.hasTerm(t))) continue;
        return { speaker, rest: `${text.slice(0, from)} ${text.slice(to)}`.replace(/\s+/g, ' ').trim() };
      }
    }
    return null;
  }

  /** A topic that is only a speaker's name, answered as that speaker's quotes. */
  private speakerAsWhoSaid(speaker: Speaker, topic: string, opts: WhoSaidOptions): WhoSaidAnswer {
    const limit = clampLimit(opts.limit, DEFAULT_LIMITS.whoSaid);
    const allow = this.articleFilter(opts);
    const all = this.sortedSpeakerQuotes(speaker.id).filter((q) => !allow || allow(q.article));
    const results = this.foldedHits(all.slice(0, limit * 2)).slice(0, limit);
    return {
      query: topic.replace(/\s+/g, ' ').trim(),
      total: all.length,
      totalSpeakers: all.length ? 1 : 0,
      results,
      speakers: results.length ? [{ speaker: speaker.name, speakerId: speaker.id, score: 0, quotes: results }] : [],
      suggestions: [],
      corrected: [],
      fallback: null,
      speaker: { id: speaker.id, name: speaker.name },
      topic: null,
    };
  }

  /** Articles a question is limited to (dates, source), by id, or null for all. Throws on a date it cannot read. */
  private articleFilter(opts: QueryOptions): ((article: string) => boolean) | null {
    const test = this.articleTest(opts);
    if (!test) return null;
    const verdicts = new Map<string, boolean>();
    return (id: string): boolean => {
      let ok = verdicts.get(id);
      if (ok === undefined) {
        const article = this.articlesById.get(id);
        verdicts.set(id, (ok = article !== undefined && test(facetsOf(article))));
      }
      return ok;
    };
  }

  /** The same test on an article's facets: string compares only (it runs for every candidate passage). */
  private articleTest(opts: QueryOptions): ((facets: ArticleFacets | undefined) => boolean) | null {
    const bound = (value: string | undefined, name: string): { first: string; last: string } | null => {
      if (value === undefined || !value.trim()) return null;
      const parsed = parseDateBound(value);
      if (!parsed) throw new EngineError(`${name}: "${value.slice(0, 40)}" is not a date; write 2025-05-12, 2025-05 or May 2025.`, 'bad-filter', { kind: 'not-a-date', option: name, value: value.slice(0, 40) });
      return parsed;
    };
    const since = bound(opts.since, 'since')?.first;
    const until = bound(opts.until, 'until')?.last;
    const source = opts.source?.trim() ? foldWord(opts.source.trim()) : null;
    if (!since && !until && !source) return null;
    return (f: ArticleFacets | undefined): boolean => f !== undefined
      && (!since || (f.day !== null && f.day >= since))
      && (!until || (f.day !== null && f.day <= until))
      && (!source || f.source === source);
  }

  /** Source names for autocomplete: those starting with (or containing) what was typed, most articles first. */
  sourceNames(prefix = '', limit: number = DEFAULT_LIMITS.choices): Array<{ name: string; articles: number }> {
    const counts = new Map<string, number>();
    for (const article of this.articlesById.values()) if (article.source) counts.set(article.source, (counts.get(article.source) ?? 0) + 1);
    const want = foldWord(prefix.trim());
    return [...counts].filter(([name]) => !want || foldWord(name).includes(want))
      .sort((a, b) => Number(!foldWord(a[0]).startsWith(want)) - Number(!foldWord(b[0]).startsWith(want)) || b[1] - a[1] || a[0].localeCompare(b[0]))
      .slice(0, clampLimit(limit, DEFAULT_LIMITS.choices)).map(([name, articles]) => ({ name, articles }));
  }

  /** Ranked passages with the matched words highlighted. */
  search(words: string, opts: QueryOptions = {}): SearchAnswer {
    const query = this.withCorrections(this.parse(words, 'words to search for'));
    const limit = clampLimit(opts.limit, DEFAULT_LIMITS.search);
    const textOf = (id: string): string | undefined => {
      const { article, paragraph } = parsePassageId(id);
      return this.articlesById.get(article)?.paragraphs[paragraph - 1];
    };
    // Only the shown passages are ranked in full and highlighted; every match is counted. Phrases are checked
    // on the passages' word ids (the text is the fallback for a passage the phrase index lacks).
    const compiled = query.phrases.length ? this.phrases.compile(query.phrases) : null;
    const phraseKeep = compiled === null ? undefined : (id: string): boolean => {
      const known = this.phrases.containsCompiled(id, compiled);
      if (known !== undefined) return known;
      const text = textOf(id);
      return text !== undefined && containsPhrases(text, query.phrases);
    };
    const test = this.articleTest(opts);
    const allow = this.articleFilter(opts);
    const keep = !allow ? phraseKeep : (id: string): boolean => allow(parsePassageId(id).article) && (!phraseKeep || phraseKeep(id));
    // By document number where known (no id parsed per candidate): the article's verdict, then the phrase.
    const phraseDoc = compiled === null ? null : (doc: number): boolean => {
      const slot = this.phraseSlot(doc);
      return slot >= 0 ? this.phrases.containsAt(slot, compiled) : phraseKeep!(this.passages.idOf(doc) ?? '');
    };
    const keepDoc = !test ? phraseDoc ?? undefined
      : (doc: number): boolean => test(this.facetsOfDoc(doc)) && (phraseDoc === null || phraseDoc(doc));
    let total: number;
    let top: TextHit[];
    let plan: PlanInfo | undefined;
    if (opts.sort === 'newest') {
      // Every match ranked, then the newest first (equal dates keep relevance order).
      const all = this.passages.searchAll(query, keep);
      total = all.hits.length;
      plan = all.plan;
      const dateOf = (id: string): string => this.articlesById.get(parsePassageId(id).article)?.date?.slice(0, 10) ?? '';
      top = all.hits.map((hit, i) => ({ hit, i, date: dateOf(hit.id) }))
        .sort((a, b) => (a.date === b.date ? a.i - b.i : a.date < b.date ? 1 : -1)).slice(0, limit).map((x) => x.hit);
    } else {
      ({ total, hits: top, plan } = this.passages.searchTop(query, {
        limit,
        keep,
        keepDoc,
      }));
    }
    const hits: PassageHit[] = top.map((hit) => {
      const { article, paragraph } = parsePassageId(hit.id);
      const text = textOf(hit.id)!;
      return { ...this.citation(article, paragraph), text, score: hit.score, highlights: highlight(text, hit.terms) };
    });
    const shown = hits.map((h) => ({ text: h.text }) as QuoteHit);
    return {
      query: query.text, total, results: hits, suggestions: total ? [] : this.suggestions(query),
      corrected: plan ? this.corrections(query, [plan], shown) : [],
      fallback: plan?.anyWord ? 'any-word' : null,
    };
  }

  /**
   * What one speaker said (any of their names works), newest article first; every quote with no speaker given.
   * With a topic (or a speaker given with topic words, "Zelensky Putin"), only their quotes on it, best first.
   */
  quotes(speaker?: string, opts: QuotesOptions = {}): QuotesAnswer {
    const name = (speaker ?? '').trim();
    if (!name) {
      const all = [...this.quotesByArticle.keys()]
        .sort((a, b) => a.localeCompare(b))
        .flatMap((id) => this.quotesByArticle.get(id) ?? []);
      const rows = opts.limit === undefined ? all : all.slice(0, clampLimit(opts.limit, all.length || 1));
      return { query: null, speaker: null, total: all.length, results: rows.map((q) => this.quoteHit(q)), suggestions: [] };
    }
    let found = this.registry.resolve(name);
    let topic = (opts.topic ?? '').trim();
    if (!found) {
      const named = this.speakerInTopic(name);
      if (named) {
        found = named.speaker;
        topic = `${named.rest} ${topic}`.trim();
      }
    }
    if (!found) {
      return {
        query: name, speaker: null, total: 0, results: [],
        suggestions: this.speakerSuggestions(name, 5),
      };
    }
    if (parseQuery(topic).terms.length > 0) {
      const answer = this.whoSaid(topic, { ...opts, speakerId: found.id });
      return {
        query: name, speaker: found, total: answer.total, results: answer.results, suggestions: answer.suggestions,
        topic: topicWords(topic), corrected: answer.corrected, fallback: answer.fallback,
      };
    }
    const limit = clampLimit(opts.limit, DEFAULT_LIMITS.quotes);
    const allow = this.articleFilter(opts);
    const quotes = this.sortedSpeakerQuotes(found.id).filter((q) => !allow || allow(q.article));
    return {
      query: name, speaker: found, total: quotes.length,
      results: this.foldedHits(quotes.slice(0, limit * 2)).slice(0, limit), suggestions: [],
    };
  }

  /** Speaker names for autocomplete: by prefix of any of their names, or the most quoted on empty input. */
  speakers(prefix = '', limit: number = DEFAULT_LIMITS.choices): SpeakerChoice[] {
    const max = clampLimit(limit, DEFAULT_LIMITS.choices);
    const counts = this.speakerQuotes();
    const choose = (s: Speaker): SpeakerChoice => ({ id: s.id, name: s.name, quotes: counts.get(s.id)?.length ?? 0 });
    if (!prefix.trim()) {
      return this.registry.list().map(choose).filter((c) => c.quotes > 0)
        .sort((a, b) => b.quotes - a.quotes || a.name.localeCompare(b.name)).slice(0, max);
    }
    return this.registry.suggest(prefix.trim(), max).map(choose);
  }

  /** Articles for autocomplete: id or any title word starting with the prefix; newest first. */
  articles(prefix = '', limit: number = DEFAULT_LIMITS.choices): ArticleChoice[] {
    const max = clampLimit(limit, DEFAULT_LIMITS.choices);
    const want = prefix.trim().toLowerCase();
    const out: Article[] = [];
    for (const article of this.articlesById.values()) {
      if (!want || article.id.toLowerCase().startsWith(want) || article.title.toLowerCase().includes(want)) out.push(article);
    }
    return out.sort(byDateDesc).slice(0, max).map((a) => ({ id: a.id, title: a.title }));
  }

  article(id: string): ArticleInfo | undefined {
    const article = this.articlesById.get(id.trim());
    if (!article) return undefined;
    const quotes = this.quotesByArticle.get(article.id) ?? [];
    const speakers = [...new Set(quotes.map((q) => this.speakerName(q)).filter((n): n is string => n !== null))];
    const { paragraphs: _text, file: _file, hash: _hash, ...meta } = article;
    return {
      ...meta,
      paragraphs: article.paragraphs.length,
      quotes: quotes.length,
      speakers,
    };
  }

  /** Paragraph `n` of an article (0: the headline) with its citation, or a message saying what exists. */
  paragraph(id: string, n: number): ParagraphAnswer {
    const article = this.articlesById.get(id.trim());
    if (!article) throw new EngineError(`No article with id "${id.trim().slice(0, 100)}".`, 'unknown-article', { kind: 'no-such-article', id: id.trim().slice(0, 100) });
    const count = article.paragraphs.length;
    if (!Number.isInteger(n) || n < 0 || n > count) {
      throw new EngineError(`Article ${article.id} has paragraphs 1 to ${count} (0 is the headline), not ${String(n).slice(0, 20)}.`, 'unknown-paragraph', {
        kind: 'no-such-paragraph', article: article.id, count, asked: String(n).slice(0, 20),
      });
    }
    const text = n === 0 ? article.title : article.paragraphs[n - 1];
    const quotes = (this.quotesByArticle.get(article.id) ?? []).filter((q) => q.paragraph === n).map((q) => this.quoteHit(q));
    return { ...this.citation(article.id, n), text, paragraphs: count, quotes };
  }

  /**
   * "Find sources" for a claim from a chat message: the quotes that say it (tolerant of punctuation, case, quote
   * marks and small wording changes), best first, and the closest passages. Throws when the message has no words
   * to look for (empty, only a link, only mentions).
   */
  findSources(message: string, opts: { limit?: number } = {}): FindSourcesAnswer {
    const { text, truncated } = claimText(message ?? '');
    const words = claimWords(text).slice(0, 250);
    const content = contentWords(words);
    if (!content.length) {
      throw new EngineError('This message has no words to look for (only a link, an embed, mentions or common words).', 'empty-query', { kind: 'no-words-in-message' });
    }
    const limit = clampLimit(opts.limit, 10);
    // Candidates from both indexes: passages sharing the words, and quotes found by their words or context.
    const query = [...new Set(content)].slice(0, 30).join(' ');
    const tryAnswer = <T>(f: () => T): T | null => {
      try {
        return f();
      } catch (err) {
        if (err instanceof EngineError) return null;
        throw err;
      }
    };
    const passages = tryAnswer(() => this.search(query, { limit: 20 }))?.results ?? [];
    const candidates = new Map<string, Quote>();
    for (const p of passages) {
      for (const q of this.quotesByArticle.get(p.article) ?? []) if (q.paragraph === p.paragraph) candidates.set(q.id, q);
    }
    for (const hit of tryAnswer(() => this.whoSaid(query, { limit: 30 }))?.results ?? []) {
      const q = this.quotesById.get(hit.id);
      if (q) candidates.set(q.id, q);
    }
    const messageWords = new Set(words);
    const matched: SourceMatch[] = [];
    for (const q of candidates.values()) {
      const m = matchClaim(words, claimWords(q.text), claimWords(this.speakerName(q) ?? ''));
      if (!m.matches) continue;
      matched.push({
        ...this.quoteHit(q), sharedRun: m.sharedRun, coverage: m.coverage,
        score: m.sharedRun + 10 * m.coverage, highlights: sharedHighlights(q.text, messageWords),
      });
    }
    matched.sort((a, b) => b.score - a.score || a.article.localeCompare(b.article) || a.paragraph - b.paragraph);
    const { kept } = foldCopies(matched, (m) => this.quotesById.get(m.id)!);
    return { text, truncated, quotes: kept.slice(0, limit), passages: passages.slice(0, kept.length ? 3 : 5) };
  }

  getArticle(id: string): Article | undefined {
    return this.articlesById.get(id);
  }

  /** All articles, in id order. */
  allArticles(): Article[] {
    return [...this.articlesById.values()].sort((a, b) => a.id.localeCompare(b.id));
  }

  speaker(nameOrAlias: string): Speaker | undefined {
    return this.registry.resolve(nameOrAlias);
  }

  sources(): SourcesAnswer {
    const list = this.allArticles().map((a) => ({
      id: a.id, title: a.title, source: a.source, date: a.date,
      paragraphs: a.paragraphs.length, quotes: this.quotesByArticle.get(a.id)?.length ?? 0,
    }));
    return {
      articles: this.articlesById.size,
      paragraphs: this.paragraphCount,
      quotes: this.quotesById.size,
      speakers: this.speakerQuotes().size,
      problems: [...this.problemList],
      list,
    };
  }

  // ---- helpers -------------------------------------------------------------------------------

  private citation(article: string, paragraph: number): Citation {
    const a = this.articlesById.get(article);
    const citation: Citation = { article, title: a?.title ?? article, paragraph };
    if (a?.source) citation.source = a.source;
    if (a?.url) citation.url = a.url;
    if (a?.date) citation.date = a.date;
    return citation;
  }

  /** Rows for quotes, wire copies of one statement folded into the first (see foldCopies). */
  private foldedHits(quotes: Quote[]): QuoteHit[] {
    const { kept, copies } = foldCopies(quotes, (q) => q);
    return kept.map((q) => {
      const hit = this.quoteHit(q);
      const also = copies.get(q);
      if (also) hit.alsoIn = also.map((c) => this.copyCitation(c));
      return hit;
    });
  }

  private copyCitation(quote: Quote): Citation {
    return this.citation(quote.article, quote.paragraph);
  }

  private speakerName(quote: Quote): string | null {
    if (quote.speakerId) {
      const speaker = this.registry.get(quote.speakerId);
      if (speaker) return speaker.name;
    }
    return quote.speaker;
  }

  private quoteHit(quote: Quote, hit?: TextHit, weights?: Record<QuoteKind, number>): QuoteHit {
    const speaker = quote.speakerId ? this.registry.get(quote.speakerId) : undefined;
    return {
      ...this.citation(quote.article, quote.paragraph),
      id: quote.id,
      speaker: speaker?.name ?? quote.speaker,
      speakerId: speaker?.id ?? quote.speakerId,
      text: quote.text,
      kind: quote.kind,
      marks: quote.marks,
      score: hit ? hit.score * (weights?.[quote.kind] ?? 1) : 0,
      highlights: hit ? highlight(quote.text, hit.terms) : [],
    };
  }

  /** Quotes per current speaker id (registry merges can re-key speakers, so this is derived, not stored). */
  private speakerQuotes(): Map<string, Quote[]> {
    if (this.quotesBySpeaker) return this.quotesBySpeaker;
    const map = new Map<string, Quote[]>();
    for (const quote of this.quotesById.values()) {
      if (!quote.speakerId) continue;
      const id = this.registry.get(quote.speakerId)?.id ?? quote.speakerId;
      let list = map.get(id);
      if (!list) map.set(id, (list = []));
      list.push(quote);
    }
    this.quotesBySpeaker = map;
    return map;
  }

  /** One speaker's quotes, newest article first; sorted once per speaker until the corpus changes. */
  private sortedSpeakerQuotes(id: string): Quote[] {
    const all = this.speakerQuotes();
    let sorted = this.sortedBySpeaker.get(id);
    if (!sorted) {
      sorted = [...(all.get(id) ?? [])].sort(
        (a, b) => byDateDesc(this.articlesById.get(a.article), this.articlesById.get(b.article))
          || a.paragraph - b.paragraph || a.id.localeCompare(b.id),
      );
      this.sortedBySpeaker.set(id, sorted);
    }
    return sorted;
  }

  /** Words of the quotes with their counts, for suggestions: built on first need (or loaded with a snapshot). */
  private wordCounts(): WordCounts {
    if (!this.words) {
      this.words = new WordCounts();
      for (const quote of this.quotesById.values()) this.words.addText(quote.text);
    }
    return this.words;
  }

  /** Close words and speaker names for a query that found nothing; never the query itself. */
  private suggestions(query: ParsedQuery): string[] {
    const typed = new Set([foldWord(query.text), ...tokenize(query.text).map(foldWord)]);
    // A word the articles hold is what the user meant: it is never replaced by a neighbour ("Putin" → "putting").
    const holds = (word: string): boolean => indexTerms(word).some((t) => this.passages.hasTerm(t) || this.quoteIndex.hasTerm(t));
    const names = this.nameTerms();
    const fromWords = suggestWords(this.wordCounts(), tokenize(query.text).filter((w) => !holds(w)), 5, (w) => indexTerms(w).some((t) => names.has(t)));
    // The speaker the words already name is no suggestion.
    const named = this.registry.resolve(query.text)?.name;
    const fromSpeakers = this.speakerSuggestions(query.text, 3).filter((s) => s !== named);
    return [...new Set([...fromSpeakers, ...fromWords])].filter((s) => !typed.has(foldWord(s))).slice(0, 8);
  }

  /** Every person speaking, with the folded words of their names: listing and folding them per query cost ~20 ms at 10k. */
  private people(): Array<{ name: string; id: string; words: string[] }> {
    if (this.personWords) return this.personWords;
    const people: Array<{ name: string; id: string; words: string[] }> = [];
    for (const speaker of this.registry.list()) {
      if (speaker.type !== 'person') continue;
      const words = new Set<string>();
      for (const alias of speaker.aliases) for (const word of tokenize(alias)) words.add(foldWord(word));
      people.push({ name: speaker.name, id: speaker.id, words: [...words] });
    }
    return (this.personWords = people);
  }

  /** Speaker names for a name that resolved to none: by prefix, else within a few typos ("Peskow" → Dmitry Peskov). */
  private speakerSuggestions(name: string, limit: number): string[] {
    const byPrefix = this.registry.suggest(name, limit).map((s) => s.name);
    if (byPrefix.length) return byPrefix;
    const typed = tokenize(name).map(foldWord).filter((w) => w.length >= 4);
    if (typed.length === 0) return [];
    const counts = this.speakerQuotes();
    const found: Array<{ name: string; distance: number; quotes: number }> = [];
    for (const person of this.people()) {
      let best = Infinity;
      for (const w of typed) {
        const max = w.length >= 7 ? 2 : 1;
        for (const word of person.words) {
          const d = editDistance(w, word, max);
          if (d <= max && d < best) best = d;
        }
      }
      if (best < Infinity) found.push({ name: person.name, distance: best, quotes: counts.get(person.id)?.length ?? 0 });
    }
    return found.sort((a, b) => a.distance - b.distance || b.quotes - a.quotes || a.name.localeCompare(b.name))
      .slice(0, limit).map((f) => f.name);
  }
}

interface QuoteMeta {
  /** By quote-index document number (stable while indexed, never reused). */
  quote: Array<Quote | undefined>;
  slot: Array<number | undefined>;
  /** KIND_ORDER of the quote's kind. */
  kind: Array<number | undefined>;
  slotByKey: Map<string, number>;
  /** By slot: the speaker (undefined for unattributed quotes or an unknown id). */
  speakers: Array<Speaker | undefined>;
  /** By quote-index document number: the number of the quote's statement (see statementNumber). */
  statement: Array<number | undefined>;
  /** Statement key → number: folding compares small numbers, not long strings looked up by quote. */
  statementNos: Map<string, number>;
  /** By quote-index document number: the date and source of the quote's article. */
  facets: Array<ArticleFacets | undefined>;
}

/** What date and source filters compare: the article's day (YYYY-MM-DD) and folded source, null when unknown. */
interface ArticleFacets {
  day: string | null;
  source: string | null;
}

/** Facets by article object: an article never changes once indexed (an edit makes a new object). */
const articleFacets = new WeakMap<Article, ArticleFacets>();

function facetsOf(article: Article): ArticleFacets {
  let found = articleFacets.get(article);
  if (found === undefined) {
    found = { day: article.date?.slice(0, 10) ?? null, source: article.source !== undefined ? foldWord(article.source) : null };
    articleFacets.set(article, found);
  }
  return found;
}

/** A quote's words without case, accents or punctuation: wire copies of one statement share it. */
function statementKey(quote: Quote): string {
  let key = statementKeys.get(quote);
  if (key === undefined) {
    key = `${quote.speakerId ?? ''}\u0000${quote.text.normalize('NFKD').replace(/\p{M}+/gu, '').toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim()}`;
    statementKeys.set(quote, key);
  }
  return key;
}

/** Keys by quote object: a quote's words never change (an edited article makes new quote objects). */
const statementKeys = new WeakMap<Quote, string>();

/**
 * Rows in order with later copies of a statement (same speaker, same words, another article) folded into
 * the first: `copies` holds, per kept row, the quotes it stands for.
 */
export function foldCopies<T>(
  rows: T[], quoteOf: (row: T) => Quote, keyOf: (row: T) => string | number = (row) => statementKey(quoteOf(row)),
): { kept: T[]; copies: Map<T, Quote[]> } {
  const first = new Map<string | number, T>();
  const copies = new Map<T, Quote[]>();
  const kept: T[] = [];
  for (const row of rows) {
    const quote = quoteOf(row);
    const key = keyOf(row);
    const earlier = first.get(key);
    if (earlier !== undefined && quoteOf(earlier).article !== quote.article && quote.speakerId !== null) {
      const list = copies.get(earlier) ?? [];
      if (!list.some((q) => q.article === quote.article)) list.push(quote);
      copies.set(earlier, list);
      continue;
    }
    if (earlier === undefined) first.set(key, row);
    kept.push(row);
  }
  return { kept, copies };
}

/** The first `k` of `items` in `before` order, as sorting all of them and slicing would give (total order). */
export function topK(items: number[], k: number, before: (a: number, b: number) => number): number[] {
  if (items.length <= k) return items.sort(before);
  // Kept sorted; a candidate not better than the worst kept is rejected with one comparison.
  const best: number[] = [];
  for (const item of items) {
    if (best.length === k) {
      if (before(item, best[k - 1]) >= 0) continue;
      best.pop();
    }
    let lo = 0;
    let hi = best.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (before(best[mid], item) < 0) lo = mid + 1;
      else hi = mid;
    }
    best.splice(lo, 0, item);
  }
  return best;
}

/** Keeps whole groups in rank order but shares `limit` rows fairly: every speaker's best quote first. */
interface RankedGroup<R> {
  speaker: string | null;
  speakerId: string | null;
  score: number;
  quotes: R[];
}

function takeRoundRobin<R>(groups: Array<RankedGroup<R>>, limit: number): Array<RankedGroup<R>> {
  const taken = groups.map(() => 0);
  let left = limit;
  for (let round = 0; left > 0; round++) {
    let any = false;
    for (let g = 0; g < groups.length && left > 0; g++) {
      if (groups[g].quotes.length > round) {
        taken[g]++;
        left--;
        any = true;
      }
    }
    if (!any) break;
  }
  return groups
    .map((group, g) => ({ ...group, quotes: group.quotes.slice(0, taken[g]) }))
    .filter((group) => group.quotes.length > 0);
}


/** One file read, cleaned and extracted on the parse thread; a timeout or a failed thread is that file's problem. */
async function readOffThread(dir: string, name: string, timeoutMs: number): Promise<{ article: Article; extracted: ExtractedQuote[] } | { error: string }> {
  try {
    return await parseThread().run('read', { dir, name }, timeoutMs);
  } catch (err) {
    if (err instanceof OffThreadTimeout) return { error: `reading it ${err.message}; skipped` };
    return { error: err instanceof Error ? err.message : String(err) };
  }
}
