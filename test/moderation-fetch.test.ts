// Fetching a url for a moderator: a local server on 127.0.0.1 stands in for the web. Loopback is
// refused by default, so most tests opt in with allowPrivate (the ALLOW_PRIVATE_URLS setting).
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { brotliCompressSync, deflateSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { blockedAddressReason, fetchUrl, moderationSettings, type FetchOptions } from '../src/moderation/index.js';
import { refusal } from './moderation-helpers.js';

const PAGE = '<!doctype html><html><head><title>Talks</title></head><body><article><p>Yermak said Russia has “not yet demonstrated political will regarding a ceasefire.”</p></article></body></html>';

let server: Server;
let base: string;
let port: number;

beforeAll(async () => {
  server = createServer((req, res) => {
    const url = req.url ?? '/';
    if (url === '/article.html') return void res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(PAGE);
    if (url === '/redirect') return void res.writeHead(302, { location: '/article.html' }).end();
    if (url === '/redirect-metadata') return void res.writeHead(302, { location: 'http://169.254.169.254/latest/meta-data/' }).end();
    if (url === '/redirect-v6') return void res.writeHead(301, { location: `http://[::1]:${port}/article.html` }).end();
    if (url === '/redirect-localhost') return void res.writeHead(307, { location: `http://localhost:${port}/article.html` }).end();
    if (url === '/redirect-ftp') return void res.writeHead(302, { location: 'ftp://example.com/a.txt' }).end();
    if (url === '/loop') return void res.writeHead(302, { location: '/loop' }).end();
    if (url === '/missing') return void res.writeHead(404, { 'content-type': 'text/plain' }).end('no');
    if (url === '/declared-big') {
      res.writeHead(200, { 'content-type': 'text/html', 'content-length': String(50 * 1024 * 1024) });
      return void res.write('<html>');
    }
    if (url === '/streamed-big') {
      res.writeHead(200, { 'content-type': 'text/html' }); // chunked: no length to trust
      const chunk = Buffer.alloc(64 * 1024, 'a');
      let sent = 0;
      const pump = () => {
        while (sent < 8 * 1024 * 1024 && !res.destroyed) {
          sent += chunk.length;
          if (!res.write(chunk)) return void res.once('drain', pump);
        }
        res.end();
      };
      return void pump();
    }
    if (url === '/gzip') return void res.writeHead(200, { 'content-type': 'text/html', 'content-encoding': 'gzip' }).end(gzipSync(PAGE));
    if (url === '/gzip-bomb') {
      return void res.writeHead(200, { 'content-type': 'text/html', 'content-encoding': 'gzip' }).end(gzipSync(Buffer.alloc(40 * 1024 * 1024)));
    }
    if (url === '/slow') return; // never answers
    // Compressed bodies that misbehave after the headers: half sent then silence, a byte at a time, or a reset.
    const compressed = /^\/(gzip|deflate|br)-(stall|dribble|reset)$/.exec(url);
    if (compressed) {
      const [, enc, how] = compressed;
      const body = enc === 'gzip' ? gzipSync(PAGE.repeat(50)) : enc === 'deflate' ? deflateSync(PAGE.repeat(50)) : brotliCompressSync(PAGE.repeat(50));
      res.writeHead(200, { 'content-type': 'text/html', 'content-encoding': enc! });
      res.write(body.subarray(0, 20));
      if (how === 'reset') return void setTimeout(() => res.socket?.destroy(), 20);
      if (how === 'dribble') {
        let at = 20;
        const tick = setInterval(() => {
          if (res.destroyed || at >= body.length) return clearInterval(tick);
          res.write(body.subarray(at, ++at));
        }, 50);
      }
      return;
    }
    res.writeHead(500).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
  base = `http://127.0.0.1:${port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

const open: FetchOptions = { timeoutMs: 5000, maxBytes: 2 * 1024 * 1024, allowPrivate: true };
const guarded: FetchOptions = { timeoutMs: 5000, maxBytes: 2 * 1024 * 1024 };
/** Lets the test server (127.0.0.1) through but judges every other address like production. */
const onlyTestServer: FetchOptions = { ...guarded, addressPolicy: (ip) => (ip === '127.0.0.1' ? null : blockedAddressReason(ip)) };

describe('fetchUrl', () => {
  it('fetches a page when private addresses are allowed (tests)', async () => {
    const doc = await fetchUrl(`${base}/article.html`, open);
    expect(doc.contentType).toMatch(/text\/html/);
    expect(doc.bytes.toString()).toContain('political will');
  });

  it('refuses loopback by default: literal IPv4, IPv6, localhost, 0.0.0.0, mapped IPv6', async () => {
    for (const url of [`${base}/article.html`, `http://[::1]:${port}/`, `http://localhost:${port}/article.html`,
      `http://0.0.0.0:${port}/`, `http://[::ffff:127.0.0.1]:${port}/`, `http://2130706433:${port}/`]) {
      const err = await refusal(fetchUrl(url, guarded));
      expect(err.code, url).toBe('private-address');
      expect(err.reason).toMatch(/Refused: .* points at .*(loopback|unspecified)/);
    }
  });

  it('follows redirects and re-checks every hop', async () => {
    const doc = await fetchUrl(`${base}/redirect`, open);
    expect(doc.url).toBe(`${base}/article.html`);
    const meta = await refusal(fetchUrl(`${base}/redirect-metadata`, onlyTestServer));
    expect(meta.code).toBe('private-address');
    expect(meta.reason).toMatch(/169\.254\.169\.254, a link-local address/);
    expect((await refusal(fetchUrl(`${base}/redirect-v6`, onlyTestServer))).code).toBe('private-address');
    expect((await refusal(fetchUrl(`${base}/redirect-ftp`, open))).code).toBe('bad-url');
  });

  it('gives up on redirect loops', async () => {
    const err = await refusal(fetchUrl(`${base}/loop`, open));
    expect(err.code).toBe('too-many-redirects');
  });

  it('refuses pages over the size cap, declared or streamed, and decompression bombs', async () => {
    expect((await refusal(fetchUrl(`${base}/declared-big`, open))).code).toBe('too-large');
    const streamed = await refusal(fetchUrl(`${base}/streamed-big`, open));
    expect(streamed.code).toBe('too-large');
    expect(streamed.reason).toMatch(/2 MB/);
    expect((await refusal(fetchUrl(`${base}/gzip-bomb`, open))).code).toBe('too-large');
  });

  it('decompresses gzip pages', async () => {
    expect((await fetchUrl(`${base}/gzip`, open)).bytes.toString()).toContain('political will');
  });

  it('stops waiting after the time limit', async () => {
    const err = await refusal(fetchUrl(`${base}/slow`, { ...open, timeoutMs: 300 }));
    expect(err.code).toBe('timeout');
    expect(err.reason).toMatch(/did not answer within 0\.3 s/);
  });

  it('bounds compressed bodies by the time limit too: stalled, dribbling or reset, in every encoding', async () => {
    for (const enc of ['gzip', 'deflate', 'br']) {
      for (const how of ['stall', 'dribble']) {
        const err = await refusal(fetchUrl(`${base}/${enc}-${how}`, { ...open, timeoutMs: 400 }));
        expect(err.code, `${enc}-${how}`).toBe('timeout');
        expect(err.reason).toMatch(/did not answer within 0\.4 s/);
      }
      const reset = await refusal(fetchUrl(`${base}/${enc}-reset`, { ...open, timeoutMs: 5000 }));
      expect(reset.code, `${enc}-reset`).toBe('fetch-failed');
      expect(reset.reason).toMatch(/^Could not fetch http:\/\/127\.0\.0\.1:\d+\/\w+-reset: /);
    }
  }, 20_000);

  it('says when the site answers with an error', async () => {
    const err = await refusal(fetchUrl(`${base}/missing`, open));
    expect(err.code).toBe('fetch-failed');
    expect(err.reason).toMatch(/HTTP 404/);
  });

  it('only fetches http(s) links without credentials', async () => {
    for (const url of ['ftp://example.com/a', 'file:///etc/passwd', 'javascript:alert(1)', 'gopher://x', 'not a url', `http://user:pw@127.0.0.1:${port}/`]) {
      expect((await refusal(fetchUrl(url, open))).code, url).toBe('bad-url');
    }
  });
});

describe('blockedAddressReason', () => {
  it('refuses NAT64/SIIT translations: SIIT and local-use NAT64 always, well-known NAT64 when the IPv4 inside is private', () => {
    for (const ip of ['::ffff:0:7f00:1', '::ffff:0:0a00:1', '::ffff:0:808:808', '64:ff9b:1::a00:1', '64:ff9b:1:ffff::808:808']) {
      expect(blockedAddressReason(ip), ip).toMatch(/SIIT|NAT64/);
    }
    expect(blockedAddressReason('64:ff9b::10.0.0.1')).toMatch(/private/);
    expect(blockedAddressReason('64:ff9b::127.0.0.1')).toMatch(/loopback/);
    expect(blockedAddressReason('64:ff9b::8.8.8.8')).toBeNull();
  });


  it('lets public unicast addresses through', () => {
    for (const ip of ['8.8.8.8', '1.1.1.1', '93.184.216.34', '2606:4700:4700::1111', '2a00:1450:4001:82b::200e']) {
      expect(blockedAddressReason(ip), ip).toBeNull();
    }
  });

  it('refuses private, loopback, link-local, unique-local, CGNAT, multicast and unspecified addresses', () => {
    const cases: Array<[string, RegExp]> = [
      ['10.1.2.3', /private/], ['172.16.0.1', /private/], ['172.31.255.255', /private/], ['192.168.1.1', /private/],
      ['127.0.0.1', /loopback/], ['127.255.0.9', /loopback/], ['169.254.169.254', /link-local/], ['100.64.0.1', /carrier-grade/],
      ['0.0.0.0', /unspecified/], ['224.0.0.251', /multicast/], ['255.255.255.255', /broadcast/], ['240.0.0.1', /reserved/],
      ['::', /unspecified/], ['::1', /loopback/], ['fe80::1', /link-local/], ['fd12:3456::1', /unique-local/],
      ['fc00::1', /unique-local/], ['ff02::1', /multicast/], ['::ffff:10.0.0.1', /private/], ['::ffff:7f00:1', /loopback/],
      ['64:ff9b::a9fe:a9fe', /link-local/], ['2002:c0a8:0101::1', /private/], ['fe80::1%eth0', /link-local/],
    ];
    for (const [ip, why] of cases) expect(blockedAddressReason(ip), ip).toMatch(why);
    expect(blockedAddressReason('172.32.0.1')).toBeNull();
    expect(blockedAddressReason('not-an-ip')).toMatch(/unreadable/);
  });

  it('ALLOW_PRIVATE_URLS is off unless set to true', () => {
    expect(moderationSettings({}).allowPrivateUrls).toBe(false);
    expect(moderationSettings({ ALLOW_PRIVATE_URLS: 'true' }).allowPrivateUrls).toBe(true);
    expect(() => moderationSettings({ MAX_ATTACHMENT_BYTES: 'lots' })).toThrow(/^MAX_ATTACHMENT_BYTES must be a whole number/);
  });
});
