// Turning uploaded or fetched bytes into text, refusing what is not an article: too large, empty,
// binary (magic numbers, NUL bytes, invalid UTF-8), or a type that is not text/Markdown/HTML.
import { ModerationError } from './errors.js';
import { formatBytes } from './settings.js';

export type SourceFormat = 'text' | 'markdown' | 'html';

export interface RawSource {
  bytes: Uint8Array;
  /** File name as given (only its extension is used). */
  filename?: string;
  /** Content-Type header or attachment content_type. */
  contentType?: string;
}

export interface DecodedSource {
  text: string;
  format: SourceFormat;
}

const EXTENSIONS: Record<string, SourceFormat> = {
  txt: 'text', text: 'text', md: 'markdown', markdown: 'markdown', html: 'html', htm: 'html', xhtml: 'html',
};
const MIME: Record<string, SourceFormat> = {
  'text/plain': 'text', 'text/markdown': 'markdown', 'text/x-markdown': 'markdown',
  'text/html': 'html', 'application/xhtml+xml': 'html',
};
/** Types that say nothing about the content; the extension or the bytes decide then. */
const VAGUE_MIME = new Set(['', 'application/octet-stream', 'binary/octet-stream', 'application/unknown']);

const MAGIC: Array<[string, number[], number?]> = [
  ['a PDF', [0x25, 0x50, 0x44, 0x46]],
  ['a PNG image', [0x89, 0x50, 0x4e, 0x47]],
  ['a JPEG image', [0xff, 0xd8, 0xff]],
  ['a GIF image', [0x47, 0x49, 0x46, 0x38]],
  ['a ZIP archive (or a Word/OpenDocument file)', [0x50, 0x4b, 0x03, 0x04]],
  ['a gzip archive', [0x1f, 0x8b]],
  ['a 7-Zip archive', [0x37, 0x7a, 0xbc, 0xaf]],
  ['a RAR archive', [0x52, 0x61, 0x72, 0x21]],
  ['an executable', [0x7f, 0x45, 0x4c, 0x46]],
  ['an executable', [0x4d, 0x5a]],
  ['an old Word/Excel file', [0xd0, 0xcf, 0x11, 0xe0]],
  ['a media file', [0x52, 0x49, 0x46, 0x46]],
  ['a media file', [0x4f, 0x67, 0x67, 0x53]],
  ['an MP3 file', [0x49, 0x44, 0x33]],
  ['a media file', [0x66, 0x74, 0x79, 0x70], 4],
  ['a WebAssembly module', [0x00, 0x61, 0x73, 0x6d]],
  ['a Java class file', [0xca, 0xfe, 0xba, 0xbe]],
];

export function extensionOf(filename: string | undefined): string {
  const m = /\.([A-Za-z0-9]{1,10})$/.exec(filename ?? '');
  return m ? m[1].toLowerCase() : '';
}

function mimeOf(contentType: string | undefined): { type: string; charset?: string } {
  const [type, ...params] = (contentType ?? '').split(';');
  const charset = params.map((p) => /^\s*charset\s*=\s*"?([^";\s]+)"?/i.exec(p)?.[1]).find(Boolean);
  return { type: type.trim().toLowerCase(), charset: charset?.toLowerCase() };
}

/** Refuses by declared size before downloading anything. */
export function checkDeclaredSize(size: number | undefined, maxBytes: number): void {
  if (size !== undefined && size > maxBytes) {
    throw new ModerationError('too-large', `The file is ${formatBytes(size)}; the limit is ${formatBytes(maxBytes)}.`);
  }
  if (size === 0) throw new ModerationError('empty', 'The file is empty.');
}

export function decodeSource(src: RawSource, maxBytes: number): DecodedSource {
  const { bytes } = src;
  checkDeclaredSize(bytes.length, maxBytes);
  for (const [what, sig, offset = 0] of MAGIC) {
    if (bytes.length >= offset + sig.length && sig.every((b, i) => bytes[offset + i] === b)) {
      throw new ModerationError('binary', `That looks like ${what}, not an article. Send a .txt, .md or .html file.`);
    }
  }
  const format0 = formatFromType(src.contentType, src.filename);
  const utf16 = utf16Bom(bytes);
  if (!utf16 && bytes.includes(0)) {
    throw new ModerationError('binary', 'The file contains binary data (NUL bytes), not text.');
  }
  // A byte-order mark outranks a declared charset (as in browsers); only HTML may name its charset inside itself.
  const declared = mimeOf(src.contentType).charset;
  const mayBeHtml = format0 === 'html' || (format0 !== 'markdown' && looksLikeHtmlBytes(bytes));
  const text = decodeText(utf16 ? bytes.subarray(2) : bytes, utf16 ?? declared ?? (mayBeHtml ? sniffMetaCharset(bytes) : undefined))
    .replace(/\r\n?/g, '\n'); // CRLF and lone CR (old Mac) line endings alike
  if (!text.trim()) throw new ModerationError('empty', 'The file has no text in it.');
  const looksHtml = HTML_START.test(text);
  const format: SourceFormat = format0 === undefined ? (looksHtml ? 'html' : 'text') : format0 === 'text' && looksHtml ? 'html' : format0;
  return { text, format };
}

/** The format the declared type and the extension agree on; undefined when neither says (sniff then). */
function formatFromType(contentType: string | undefined, filename: string | undefined): SourceFormat | undefined {
  const mime = mimeOf(contentType);
  const ext = extensionOf(filename);
  const byExt = EXTENSIONS[ext];
  const refuse = (what: string) => new ModerationError('not-text', `${what} not an article. Send a .txt, .md or .html file (or a link to a web page).`);
  if (MIME[mime.type]) return mime.type === 'text/plain' && byExt ? byExt : MIME[mime.type];
  if (VAGUE_MIME.has(mime.type) || mime.type.startsWith('text/')) {
    if (byExt) return byExt;
    if (ext) throw refuse(`A \`.${ext}\` file is`);
    if (mime.type.startsWith('text/')) throw refuse(`\`${mime.type.slice(0, 60)}\` is`);
    return undefined;
  }
  throw refuse(`\`${mime.type.slice(0, 60)}\` is`);
}

const HTML_START = /^\s*(<!doctype html|<html[\s>]|<head[\s>]|<body[\s>])/i;

function looksLikeHtmlBytes(bytes: Uint8Array): boolean {
  return HTML_START.test(Buffer.from(bytes.subarray(0, 512)).toString('latin1').replace(/^\u00ef\u00bb\u00bf/, ''));
}

/** UTF-16 is recognised by its byte-order mark (without one, its NUL bytes make it binary). */
function utf16Bom(bytes: Uint8Array): 'utf-16le' | 'utf-16be' | undefined {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return 'utf-16le';
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return 'utf-16be';
  return undefined;
}

/** An HTML page may name its encoding in a <meta> tag instead of the Content-Type header. */
function sniffMetaCharset(bytes: Uint8Array): string | undefined {
  const head = Buffer.from(bytes.subarray(0, 2048)).toString('latin1');
  const m = /<meta[^>]+charset\s*=\s*["']?([\w-]+)/i.exec(head);
  // As in browsers: a page readable as ASCII here cannot really be UTF-16, whatever its tag says.
  return m ? m[1].toLowerCase().replace(/^utf-?16(le|be)?$/, 'utf-8') : undefined;
}

function decodeText(bytes: Uint8Array, charset: string | undefined): string {
  const label = charset && !/^(utf-?8|us-ascii|ascii)$/.test(charset) ? charset : 'utf-8';
  let decoder: TextDecoder;
  try {
    decoder = new TextDecoder(label, { fatal: true });
  } catch {
    throw new ModerationError('not-text', `The text is in an encoding the bot does not know (\`${label.slice(0, 40)}\`).`);
  }
  try {
    return decoder.decode(bytes).replace(/^\uFEFF/, '');
  } catch {
    throw new ModerationError('binary', label === 'utf-8'
      ? 'The file is not valid UTF-8 text (it may be binary, or saved in another encoding). Save it as UTF-8 and try again.'
      : `The file is not valid ${label} text.`);
  }
}
