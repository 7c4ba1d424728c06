// The snapshot file: a cache of the parsed corpus, its extracted quotes and both search indexes.
//
// Layout: one JSON value per line (no line is ever one giant string, so size is bounded by memory, not by
// V8's longest string), then a trailer line {"end":…} holding the byte length and CRC-32 of everything
// before it. A file that is truncated, corrupted or from another format/term processing is refused.
// Written to a temp file in the same folder, fsynced, then renamed over the old one: readers see the old
// snapshot or the new one, never a part.
import { randomBytes } from 'node:crypto';
import { open, readFile, rename, rm, type FileHandle } from 'node:fs/promises';
import path from 'node:path';
import { crc32 } from 'node:zlib';
import type MiniSearch from 'minisearch';
import type { Options } from 'minisearch';
import { syncDir } from '../corpus/durable.js';
import type { Article, ExtractedQuote } from '../types.js';
import { MiniSearchLoader, packMiniSearch, type PackedIndex, type TextDoc } from './postings.js';

export const SNAPSHOT_FORMAT = 'talks-bot-snapshot';
export const SNAPSHOT_VERSION = 2;
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
}

export interface LoadedSnapshot {
  fingerprint: string;
  createdAt: string;
  articles: SnapshotArticle[];
  passages: MiniSearch<TextDoc>;
  quotes: MiniSearch<TextDoc>;
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
  for (const chunk of chunks) await out.line(chunk);
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

/** Iterates the lines of a buffer without copying it. */
class LineReader {
  private pos = 0;

  constructor(private readonly buf: Buffer, private readonly end: number) {}

  next(): unknown {
    if (this.pos >= this.end) throw new SnapshotError('snapshot ends early', 'corrupt');
    let nl = this.buf.indexOf(10, this.pos);
    if (nl < 0 || nl >= this.end) nl = this.end;
    const text = this.buf.toString('utf8', this.pos, nl);
    this.pos = nl + 1;
    try {
      return JSON.parse(text);
    } catch {
      throw new SnapshotError('snapshot has a malformed line', 'corrupt');
    }
  }

  get done(): boolean {
    return this.pos >= this.end;
  }
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function readIndex(lines: LineReader, name: string, options: Options<TextDoc>): MiniSearch<TextDoc> {
  const head = lines.next();
  if (!isRecord(head) || head.t !== 'index' || head.name !== name || typeof head.chunks !== 'number'
    || !Array.isArray(head.ids) || !Array.isArray(head.lengths) || typeof head.avgLength !== 'number') {
    throw new SnapshotError(`snapshot index "${name}" is malformed`, 'corrupt');
  }
  const loader = new MiniSearchLoader({ ids: head.ids as string[], lengths: head.lengths as number[], avgLength: head.avgLength }, options);
  for (let i = 0; i < head.chunks; i++) loader.add(lines.next() as Array<[string, number[]]>);
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
export async function readSnapshot(file: string, fingerprint: string, options: Options<TextDoc>): Promise<LoadedSnapshot> {
  let buf: Buffer;
  try {
    buf = await readFile(file);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new SnapshotError(code === 'ENOENT' ? 'no snapshot yet' : `snapshot cannot be read (${code ?? err})`, code === 'ENOENT' ? 'missing' : 'corrupt');
  }
  // Trailer: the last line.
  if (buf.length < 2 || buf[buf.length - 1] !== 10) throw new SnapshotError('snapshot is truncated', 'corrupt');
  const start = buf.lastIndexOf(10, buf.length - 2) + 1;
  let trailer: Trailer;
  try {
    trailer = JSON.parse(buf.toString('utf8', start, buf.length - 1)) as Trailer;
  } catch {
    throw new SnapshotError('snapshot is truncated', 'corrupt');
  }
  if (!isRecord(trailer) || trailer.end !== true || trailer.bytes !== start || typeof trailer.crc32 !== 'number') {
    throw new SnapshotError('snapshot is truncated', 'corrupt');
  }
  if (crc32(buf.subarray(0, start)) !== trailer.crc32) throw new SnapshotError('snapshot checksum does not match', 'corrupt');

  const lines = new LineReader(buf, start);
  const header = lines.next() as Header;
  if (!isRecord(header) || header.format !== SNAPSHOT_FORMAT) throw new SnapshotError('not a talks-bot snapshot', 'corrupt');
  if (header.version !== SNAPSHOT_VERSION) throw new SnapshotError(`snapshot format ${header.version} is not ${SNAPSHOT_VERSION}`, 'version');
  if (header.fingerprint !== fingerprint) {
    throw new SnapshotError('snapshot was built with other text processing (tokenizer, stemming, stop words or quote extraction)', 'fingerprint');
  }
  const articles: SnapshotArticle[] = [];
  while (articles.length < header.articles) {
    const batch = lines.next();
    if (!Array.isArray(batch) || batch.length === 0 || articles.length + batch.length > header.articles) {
      throw new SnapshotError('snapshot article batch is malformed', 'corrupt');
    }
    for (const item of batch) articles.push(checkArticle(item));
  }
  try {
    const passages = readIndex(lines, 'passages', options);
    const quotes = readIndex(lines, 'quotes', options);
    if (!lines.done) throw new SnapshotError('snapshot has extra data', 'corrupt');
    return { fingerprint: header.fingerprint, createdAt: header.createdAt, articles, passages, quotes };
  } catch (err) {
    if (err instanceof SnapshotError) throw err;
    throw new SnapshotError(`snapshot index is malformed (${err instanceof Error ? err.message : err})`, 'corrupt');
  }
}
