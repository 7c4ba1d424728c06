// Fetch one page for a moderator, safely: http(s) only, a time limit over the whole redirect chain,
// a size cap while streaming, and no private/loopback/link-local targets on any hop.
// node:http(s) rather than fetch() because it lets us check the address actually connected to
// (a `lookup` hook), which closes the gap where DNS answers differently on a second lookup.
import dns from 'node:dns';
import http from 'node:http';
import https from 'node:https';
import { isIP, type LookupFunction } from 'node:net';
import { pipeline, type Readable } from 'node:stream';
import zlib from 'node:zlib';
import { ModerationError } from './errors.js';
import { blockedAddressReason } from './netguard.js';
import { formatBytes } from './settings.js';
import { cutAt } from '../unicode.js';

export interface FetchOptions {
  timeoutMs: number;
  maxBytes: number;
  /** Allow private/loopback targets (tests). */
  allowPrivate?: boolean;
  maxRedirects?: number;
  /** Why an address is refused, or null; defaults to blockedAddressReason (tests may narrow it). */
  addressPolicy?: (ip: string) => string | null;
  /** Extra request headers (e.g. a feed poll's If-None-Match / If-Modified-Since). */
  headers?: Record<string, string>;
  /** Answer a 304 Not Modified with an empty document instead of refusing it (conditional GET). */
  allowNotModified?: boolean;
}

export interface FetchedDocument {
  /** The url finally read, after redirects. */
  url: string;
  status: number;
  contentType?: string;
  bytes: Buffer;
  /** Validators for a later conditional GET. */
  etag?: string;
  lastModified?: string;
}

const REDIRECTS = new Set([301, 302, 303, 307, 308]);

/** Parses what a moderator typed as an http(s) url, or throws a ModerationError saying why not. */
export function parseHttpUrl(raw: string): URL {
  const text = raw.trim();
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new ModerationError('bad-url', `That is not a valid web address: \`${shorten(text)}\`.`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new ModerationError('bad-url', `Only http:// and https:// links can be fetched (got \`${url.protocol}\`).`);
  }
  if (url.username || url.password) {
    throw new ModerationError('bad-url', 'Links with a user name or password in them are not fetched.');
  }
  return url;
}

export async function fetchUrl(raw: string, opts: FetchOptions): Promise<FetchedDocument> {
  const policy = opts.allowPrivate ? () => null : (opts.addressPolicy ?? blockedAddressReason);
  const maxRedirects = opts.maxRedirects ?? 5;
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), opts.timeoutMs);
  let url = parseHttpUrl(raw);
  try {
    for (let hop = 0; ; hop++) {
      await checkHost(url, policy);
      const res = await request(url, controller.signal, policy, opts.timeoutMs, opts.headers);
      const status = res.statusCode ?? 0;
      const validators = { etag: header(res, 'etag'), lastModified: header(res, 'last-modified') };
      if (status === 304 && opts.allowNotModified) {
        res.resume();
        return { url: url.href, status, contentType: res.headers['content-type'], bytes: Buffer.alloc(0), ...validators };
      }
      if (REDIRECTS.has(status) && res.headers.location) {
        res.resume();
        if (hop >= maxRedirects) {
          throw new ModerationError('too-many-redirects', `The link redirected more than ${maxRedirects} times; giving up.`);
        }
        let next: URL;
        try {
          next = new URL(res.headers.location, url);
        } catch {
          throw new ModerationError('bad-url', 'The link redirected to an address that is not valid.');
        }
        url = parseHttpUrl(next.href);
        continue;
      }
      if (status < 200 || status > 299) {
        res.resume();
        throw new ModerationError('fetch-failed', `The site answered HTTP ${status} for ${shorten(url.href)}.`);
      }
      const declared = Number(res.headers['content-length']);
      if (Number.isFinite(declared) && declared > opts.maxBytes) {
        res.destroy();
        throw tooLarge(opts.maxBytes);
      }
      const bytes = await readCapped(decoded(res), opts.maxBytes, controller.signal, () => res.destroy());
      return { url: url.href, status, contentType: res.headers['content-type'], bytes, ...validators };
    }
  } catch (err) {
    if (err instanceof ModerationError) throw err;
    if (controller.signal.aborted || (err as NodeJS.ErrnoException).code === 'ETIMEDOUT') {
      throw new ModerationError('timeout', `The site did not answer within ${Math.round(opts.timeoutMs / 100) / 10} s.`);
    }
    const code = (err as NodeJS.ErrnoException).code;
    const why = code === 'ENOTFOUND' ? 'that host name does not exist'
      : code === 'ECONNREFUSED' ? 'the connection was refused'
      : code ? code : (err as Error).message;
    throw new ModerationError('fetch-failed', `Could not fetch ${shorten(url.href)}: ${why}.`);
  } finally {
    clearTimeout(timer);
  }
}

/** Refuses a literal IP or every address a host name resolves to, before connecting. */
async function checkHost(url: URL, policy: (ip: string) => string | null): Promise<void> {
  const host = url.hostname.replace(/^\[|\]$/g, '');
  if (isIP(host)) return refuseIfBlocked(url, [host], policy);
  let addresses: dns.LookupAddress[];
  try {
    addresses = await dns.promises.lookup(host, { all: true, verbatim: true });
  } catch {
    throw new ModerationError('fetch-failed', `Could not fetch ${shorten(url.href)}: the host name \`${shorten(host, 80)}\` does not resolve.`);
  }
  refuseIfBlocked(url, addresses.map((a) => a.address), policy);
}

function refuseIfBlocked(url: URL, ips: string[], policy: (ip: string) => string | null): void {
  if (ips.length === 0) throw new ModerationError('fetch-failed', `The host \`${shorten(url.hostname, 80)}\` has no address.`);
  for (const ip of ips) {
    const why = policy(ip);
    if (why) {
      throw new ModerationError('private-address',
        `Refused: \`${shorten(url.hostname, 80)}\` points at ${ip}, ${why}. The bot only fetches public web pages.`,
        { ip });
    }
  }
}

/** A dns lookup that refuses blocked addresses at connect time too (DNS may answer differently now). */
function guardedLookup(policy: (ip: string) => string | null): LookupFunction {
  return (hostname, options, callback) => {
    dns.lookup(hostname, { ...options, all: true }, (err, addresses) => {
      if (err) return callback(err, '', 0);
      const list = addresses as dns.LookupAddress[];
      const bad = list.find((a) => policy(a.address));
      if (bad || list.length === 0) {
        const e = new ModerationError('private-address',
          `Refused: \`${shorten(hostname, 80)}\` points at ${bad?.address ?? 'no address'}, ${bad ? policy(bad.address) : 'unreachable'}. The bot only fetches public web pages.`);
        return callback(e as unknown as NodeJS.ErrnoException, '', 0);
      }
      if ((options as { all?: boolean }).all) return (callback as unknown as (e: null, a: dns.LookupAddress[]) => void)(null, list);
      callback(null, list[0].address, list[0].family);
    });
  };
}

function header(res: http.IncomingMessage, name: string): string | undefined {
  const v = res.headers[name];
  return typeof v === 'string' && v.length <= 500 ? v : undefined;
}

function request(url: URL, signal: AbortSignal, policy: (ip: string) => string | null, timeoutMs: number, extra: Record<string, string> = {}): Promise<http.IncomingMessage> {
  const mod = url.protocol === 'https:' ? https : http;
  return new Promise((resolve, reject) => {
    const req = mod.request(url, {
      method: 'GET',
      signal,
      lookup: guardedLookup(policy),
      timeout: timeoutMs,
      headers: {
        'user-agent': 'talks-bot/0.1 (moderator article import)',
        accept: 'text/html,application/xhtml+xml,text/plain,text/markdown;q=0.9,*/*;q=0.1',
        'accept-encoding': 'gzip, deflate, br',
        ...extra,
      },
    }, resolve);
    req.on('timeout', () => req.destroy(Object.assign(new Error('socket idle too long'), { code: 'ETIMEDOUT' })));
    req.on('error', reject);
    req.end();
  });
}

function decoded(res: http.IncomingMessage): Readable {
  const enc = String(res.headers['content-encoding'] ?? '').trim().toLowerCase();
  const decoder = enc === 'gzip' || enc === 'x-gzip' ? zlib.createGunzip()
    : enc === 'deflate' ? zlib.createInflate()
    : enc === 'br' ? zlib.createBrotliDecompress()
    : null;
  if (!decoder) return res;
  // pipeline, not pipe(): a reset or a destroyed response must reach the decoder, or the read below waits forever.
  return pipeline(res, decoder, () => undefined);
}

/**
 * Collects at most `max` bytes (after decompression, so a small bomb cannot explode), else refuses. Ends when
 * `signal` aborts too, whatever the stream does: the time limit holds for every encoding.
 */
function readCapped(stream: Readable, max: number, signal: AbortSignal, abort: () => void): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const stop = (err: Error) => {
      signal.removeEventListener('abort', onAbort);
      stream.destroy();
      abort();
      reject(err);
    };
    const onAbort = () => stop(Object.assign(new Error('time limit reached'), { code: 'ETIMEDOUT' }));
    if (signal.aborted) return onAbort();
    signal.addEventListener('abort', onAbort, { once: true });
    stream.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > max) return stop(tooLarge(max));
      chunks.push(chunk);
    });
    stream.on('end', () => {
      signal.removeEventListener('abort', onAbort);
      resolve(Buffer.concat(chunks));
    });
    stream.on('error', (err) => {
      signal.removeEventListener('abort', onAbort);
      reject(err);
    });
  });
}

function tooLarge(max: number): ModerationError {
  return new ModerationError('too-large', `The page is larger than the ${formatBytes(max)} limit.`);
}

function shorten(s: string, n = 120): string {
  const clean = s.replace(/[\u0000-\u001f\u007f`]/g, '');
  return clean.length > n ? `${cutAt(clean, n - 1)}…` : clean;
}
