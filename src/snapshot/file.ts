// The snapshot file: a cache of the parsed corpus, its extracted quotes, both search indexes, the phrase indexes
// and the word counts for suggestions.
//
// Layout: one JSON value per line (no line is ever one giant string, so size is bounded by memory, not by
// V8's longest string), then a trailer line {"end":…} holding the byte length and CRC-32 of everything
// before it. Lines are parsed as they are read; nothing is returned unless the trailer's checksum matches. A
// file that is truncated, corrupted or from another format/term processing is refused.
// Written to a temp file in the same folder, fsynced, then renamed over the old one: readers see the old
// snapshot or the new one, never a part.
import { randomBytes } from 'node:crypto';
import { constants } from 'node:fs';
import { open, rename, rm, type FileHandle } from 'node:fs/promises';
import path from 'node:path';
import { crc32 } from 'node:zlib';
import type MiniSearch from 'minisearch';
import type { Options } from 'minisearch';
import { syncDir } from '../corpus/durable.js';
import type { PhraseIndexState } from '../search/phrases.js';
import type { Article, ExtractedQuote } from '../types.js';
import { encodeChunk, MiniSearchLoader, packMiniSearch, type PackedIndex, type TextDoc } from './postings.js';

export const SNAPSHOT_FORMAT = 'talks-bot-snapshot';
export const SNAPSHOT_VERSION = 3;
export const SNAPSHOT_FILE = 'index.snapshot';
const ARTICLES_PER_LINE = 256;

/** Why a snapshot was not used; the message goes to the log. */
export class SnapshotError extends Error {
  constructor(message: string, readonly reason: 'missing' | 'corrupt' | 'fingerprint' | 'version') {
    super(message);
  }
}

/** One article as the engine indexed it: its cleaned text and the quotes the extractor found in it. */
export interface SnapshotArticle {
  /** Article without `file` (the corpus folder may move); `hash` is required for staleness checks. */
  article: Article;
  extracted: ExtractedQuote[];
}

export interface SnapshotContent {
  articles: SnapshotArticle[];
  passages: MiniSearch<TextDoc>;
  quotes: MiniSearch<TextDoc>;
  /** The words of passages and quotes for phrase checks (PhraseIndex.exportState, in article order). */
  phrases: { passages: PhraseIndexState; quotes: PhraseIndexState };
  /** Word counts of the quotes, for "did you mean" (counting them reads every quote: ~0.5 s at 10k articles). */
  words: Array<[string, number]>;
}

export interface LoadedSnapshot {
  fingerprint: string;
  createdAt: string;
  articles: SnapshotArticle[];
  passages: MiniSearch<TextDoc>;
  quotes: MiniSearch<TextDoc>;
  /** Checked when the engine adopts it (it needs the passage ids). */
  phrases: unknown;
  words: unknown;
}

interface Header {
  format: string;
  version: number;
  fingerprint: string;
  createdAt: string;
  articles: number;
}

interface Trailer {
  end: true;
  bytes: number;
  crc32: number;
}

export interface WriteOptions {
  fingerprint: string;
  /** Test hook: called before each chunk is written; throwing simulates a failure midway (disk full, crash). */
  beforeWrite?: (bytesSoFar: number) => void;
}

/** Buffers lines and writes them in large blocks, keeping a running CRC of everything written. */
class LineWriter {
  private parts: string[] = [];
  private pending = 0;
  bytes = 0;
  crc = 0;

  constructor(private readonly handle: FileHandle, private readonly beforeWrite?: (bytes: number) => void) {}

  async line(value: unknown): Promise<void> {
    const text = `${JSON.stringify(value)}\n`;
    this.parts.push(text);
    this.pending += text.length;
    if (this.pending >= 4 * 1024 * 1024) await this.flush();
  }

  async flush(): Promise<void> {
    if (this.parts.length === 0) return;
    const buf = Buffer.from(this.parts.join(''), 'utf8');
    this.parts = [];
    this.pending = 0;
    this.beforeWrite?.(this.bytes);
    await this.handle.write(buf);
    this.crc = crc32(buf, this.crc);
    this.bytes += buf.length;
  }
}

async function writeIndex(out: LineWriter, name: string, packed: PackedIndex): Promise<void> {
  const { chunks, ...head } = packed;
  await out.line({ t: 'index', name, chunks: chunks.length, ...head });
  for (const chunk of chunks) await out.line(encodeChunk(chunk));
}

/** Writes `content` to `file` atomically (temp file + fsync + rename + directory fsync). */
export async function writeSnapshot(file: string, content: SnapshotContent, opts: WriteOptions): Promise<{ bytes: number }> {
  const dir = path.dirname(file);
  const temp = path.join(dir, `.${path.basename(file)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  const handle = await open(temp, 'wx');
  let ok = false;
  try {
    const out = new LineWriter(handle, opts.beforeWrite);
    const header: Header = {
      format: SNAPSHOT_FORMAT, version: SNAPSHOT_VERSION, fingerprint: opts.fingerprint,
      createdAt: new Date().toISOString(), articles: content.articles.length,
    };
    await out.line(header);
    // Articles in batches: one line (one parse) per ARTICLES_PER_LINE articles.
    for (let i = 0; i < content.articles.length; i += ARTICLES_PER_LINE) {
      const batch = content.articles.slice(i, i + ARTICLES_PER_LINE).map(({ article, extracted }) => {
        if (!article.hash) throw new Error(`article ${article.id} has no content hash`);
        const { file: _file, ...rest } = article;
        return { a: rest, q: extracted };
      });
      await out.line(batch);
    }
    // Each section ends with a flush: memory stays bounded and a failure can strike between sections (tests).
    await out.flush();
    await writeIndex(out, 'passages', packMiniSearch(content.passages));
    await out.flush();
    await writeIndex(out, 'quotes', packMiniSearch(content.quotes));
    await out.flush();
    await out.line({ t: 'phrases', passages: content.phrases.passages, quotes: content.phrases.quotes });
    await out.line({ t: 'words', counts: content.words });
    await out.flush();
    const trailer: Trailer = { end: true, bytes: out.bytes, crc32: out.crc };
    await handle.write(`${JSON.stringify(trailer)}\n`);
    await handle.sync();
    await handle.close();
    await rename(temp, file);
    ok = true;
    await syncDir(dir);
    return { bytes: out.bytes };
  } finally {
    if (!ok) {
      await handle.close().catch(() => undefined);
      await rm(temp, { force: true });
    }
  }
}

/**
 * Reads a file line by line in blocks, keeping a running CRC of the lines consumed. Why not one readFile: the
 * whole file (tens of MB) would sit in memory next to everything parsed from it, raising the start's peak
 * (resident) memory by its size.
 */
class LineReader {
  private block = Buffer.alloc(0);
  private pos = 0;
  private eof = false;
  /** Bytes consumed (whole lines with their newline) and their CRC-32: what the trailer must state. */
  bytes = 0;
  crc = 0;
  private lastYield = performance.now();

  constructor(private readonly handle: FileHandle, private readonly blockSize = 4 * 1024 * 1024) {}

  /** The next line's bytes (without its newline), or null at the end of the file. */
  private async nextLine(): Promise<Buffer | null> {
    for (;;) {
      const nl = this.block.indexOf(10, this.pos);
      if (nl >= 0) {
        const line = this.block.subarray(this.pos, nl);
        this.pos = nl + 1;
        return line;
      }
      if (this.eof) {
        // Bytes after the last newline: the file was cut off.
        if (this.pos < this.block.length) throw new SnapshotError('snapshot is truncated', 'corrupt');
        return null;
      }
      // Keep the unfinished line, then read the next block after it.
      const rest = this.block.subarray(this.pos);
      const next = Buffer.allocUnsafe(Math.max(this.blockSize, rest.length * 2));
      rest.copy(next);
      const { bytesRead } = await this.handle.read(next, rest.length, next.length - rest.length, null);
      if (bytesRead === 0) this.eof = true;
      this.block = next.subarray(0, rest.length + bytesRead);
      this.pos = 0;
    }
  }

  /** The next line as JSON, counted in the CRC. */
  async next(): Promise<unknown> {
    // Parsing tens of MB takes seconds; awaiting lines already in memory never lets I/O in. Turning the event loop
    // every few ms lets the bot log in (gateway round trips) and acknowledge interactions while the index loads.
    if (performance.now() - this.lastYield > YIELD_EVERY_MS) {
      await new Promise((resolve) => setImmediate(resolve));
      this.lastYield = performance.now();
    }
    const line = await this.nextLine();
    if (line === null) throw new SnapshotError('snapshot is truncated', 'corrupt');
    const text = line.toString('utf8');
    this.crc = crc32(line, this.crc);
    this.crc = crc32(NEWLINE, this.crc);
    this.bytes += line.length + 1;
    try {
      return JSON.parse(text);
    } catch {
      throw new SnapshotError('snapshot has a malformed line', 'corrupt');
    }
  }

  /** The trailer: the last line, stating the bytes and CRC of everything before it. */
  async trailer(): Promise<void> {
    const { bytes, crc } = this;
    const line = await this.nextLine();
    if (line === null) throw new SnapshotError('snapshot is truncated', 'corrupt');
    let trailer: Trailer;
    try {
      trailer = JSON.parse(line.toString('utf8')) as Trailer;
    } catch {
      throw new SnapshotError('snapshot is truncated', 'corrupt');
    }
    if (!isRecord(trailer) || trailer.end !== true || typeof trailer.crc32 !== 'number') throw new SnapshotError('snapshot is truncated', 'corrupt');
    if (trailer.bytes !== bytes || trailer.crc32 !== crc) throw new SnapshotError('snapshot checksum does not match', 'corrupt');
    if ((await this.nextLine()) !== null) throw new SnapshotError('snapshot has extra data', 'corrupt');
  }
}

const NEWLINE = Buffer.from('\n');
/** Longest run of parsing between two turns of the event loop (a line may take longer: it is not split). */
const YIELD_EVERY_MS = 10;

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

async function readIndex(lines: LineReader, name: string, options: Options<TextDoc>): Promise<MiniSearch<TextDoc>> {
  const head = await lines.next();
  if (!isRecord(head) || head.t !== 'index' || head.name !== name || typeof head.chunks !== 'number'
    || !Array.isArray(head.ids) || !Array.isArray(head.lengths) || typeof head.avgLength !== 'number') {
    throw new SnapshotError(`snapshot index "${name}" is malformed`, 'corrupt');
  }
  const loader = new MiniSearchLoader({ ids: head.ids as string[], lengths: head.lengths as number[], avgLength: head.avgLength }, options);
  for (let i = 0; i < head.chunks; i++) loader.addEncoded(await lines.next());
  return loader.mini;
}

function checkArticle(v: unknown): SnapshotArticle {
  if (!isRecord(v) || !isRecord(v.a) || !Array.isArray(v.q)) throw new SnapshotError('snapshot article is malformed', 'corrupt');
  const a = v.a as unknown as Article;
  if (typeof a.id !== 'string' || typeof a.title !== 'string' || typeof a.hash !== 'string' || !Array.isArray(a.paragraphs)) {
    throw new SnapshotError('snapshot article is malformed', 'corrupt');
  }
  return { article: a, extracted: v.q as ExtractedQuote[] };
}

/**
 * Reads and verifies a snapshot. Throws SnapshotError when it is missing, truncated, corrupted, of another
 * format version, or built with another term processing (`fingerprint`).
 */
export async function readSnapshot(file: string, fingerprint: string, options: Options<TextDoc>, read: { blockSize?: number } = {}): Promise<LoadedSnapshot> {
  let handle: FileHandle;
  try {
    // O_NONBLOCK: a FIFO put where the snapshot belongs must not hang start-up waiting for a writer.
    handle = await open(file, constants.O_RDONLY | constants.O_NONBLOCK);
    // A FIFO, device or folder opens on Linux but cannot be read: say so now, not as a corrupt file.
    if (!(await handle.stat()).isFile()) {
      await handle.close();
      throw Object.assign(new Error('not a file'), { code: 'EISDIR' });
    }
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new SnapshotError(code === 'ENOENT' ? 'no snapshot yet' : `snapshot cannot be read (${code ?? err})`, code === 'ENOENT' ? 'missing' : 'corrupt');
  }
  try {
    return await readLines(new LineReader(handle, read.blockSize), fingerprint, options);
  } finally {
    await handle.close();
  }
}

/** Parses the lines in the order written; nothing is returned before the trailer's checksum has matched. */
async function readLines(lines: LineReader, fingerprint: string, options: Options<TextDoc>): Promise<LoadedSnapshot> {
  const header = (await lines.next().catch((err: unknown) => {
    // A first line that is not JSON: some other file.
    throw err instanceof SnapshotError && /malformed/.test(err.message) ? new SnapshotError('not a talks-bot snapshot', 'corrupt') : err;
  })) as Header;
  if (!isRecord(header) || header.format !== SNAPSHOT_FORMAT) throw new SnapshotError('not a talks-bot snapshot', 'corrupt');
  if (header.version !== SNAPSHOT_VERSION) throw new SnapshotError(`snapshot format ${header.version} is not ${SNAPSHOT_VERSION}`, 'version');
  if (header.fingerprint !== fingerprint) {
    throw new SnapshotError('snapshot was built with other text processing (tokenizer, stemming, stop words or quote extraction)', 'fingerprint');
  }
  const articles: SnapshotArticle[] = [];
  while (articles.length < header.articles) {
    const batch = await lines.next();
    if (!Array.isArray(batch) || batch.length === 0 || articles.length + batch.length > header.articles) {
      throw new SnapshotError('snapshot article batch is malformed', 'corrupt');
    }
    for (const item of batch) articles.push(checkArticle(item));
  }
  try {
    const passages = await readIndex(lines, 'passages', options);
    const quotes = await readIndex(lines, 'quotes', options);
    const phrases = await lines.next();
    if (!isRecord(phrases) || phrases.t !== 'phrases') throw new SnapshotError('snapshot phrase index is malformed', 'corrupt');
    const words = await lines.next();
    if (!isRecord(words) || words.t !== 'words') throw new SnapshotError('snapshot word counts are malformed', 'corrupt');
    await lines.trailer();
    return { fingerprint: header.fingerprint, createdAt: header.createdAt, articles, passages, quotes, phrases, words: words.counts };
  } catch (err) {
    if (err instanceof SnapshotError) throw err;
    throw new SnapshotError(`snapshot index is malformed (${err instanceof Error ? err.message : err})`, 'corrupt');
  }
}
