// The moderation use cases without Discord: sources over a local server, and reindexing.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Engine } from '../src/engine.js';
import { ModerationError, moderationSettings, readSource, reindexCorpus, type ModerationContext } from '../src/moderation/index.js';
import { copySeeds } from './shared-data.js';

let server: Server;
let base: string;
let hits = 0;

beforeAll(async () => {
  server = createServer((req, res) => {
    hits++;
    if (req.url === '/a.txt') return void res.writeHead(200, { 'content-type': 'text/plain' }).end('Title here\n\nPeskov said the talks would continue next week in Istanbul.');
    if (req.url === '/page') {
      return void res.writeHead(200, { 'content-type': 'text/html' }).end('<html><head><meta property="og:site_name" content="Wire"><title>Talks resume</title></head><body><article><p>Zelensky said he “will be waiting for Putin in Turkey personally,” his office confirmed.</p></article></body></html>');
    }
    res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

const ctx = (env: Record<string, string> = {}): ModerationContext => ({ dir: tmpdir(), settings: moderationSettings(env) });

describe('readSource', () => {
  it('fetches a url into a draft when private addresses are allowed, and refuses loopback by default', async () => {
    const draft = await readSource(ctx({ ALLOW_PRIVATE_URLS: 'true' }), { kind: 'url', url: `${base}/page` });
    expect(draft).toMatchObject({ title: 'Talks resume', source: 'Wire', url: `${base}/page` });
    const err = await readSource(ctx(), { kind: 'url', url: `${base}/page` }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ModerationError);
    expect((err as ModerationError).code).toBe('private-address');
  });

  it('reads a Discord attachment, refusing by its declared size before downloading', async () => {
    const draft = await readSource(ctx(), { kind: 'attachment', url: `${base}/a.txt`, filename: 'a.txt', contentType: 'text/plain', size: 60 });
    expect(draft.title).toBe('Title here');
    const before = hits;
    const err = await readSource(ctx({ MAX_ATTACHMENT_BYTES: '1000' }), { kind: 'attachment', url: `${base}/a.txt`, filename: 'a.txt', size: 5000 })
      .then(() => null, (e: unknown) => e);
    if (!(err instanceof ModerationError)) throw new Error('expected a refusal');
    expect(err.code).toBe('too-large');
    expect(err.reason).toMatch(/5 KB; the limit is 1000 bytes/);
    expect(hits).toBe(before);
  });
});

describe('reindexCorpus', () => {
  it('adds new files, updates changed ones, drops deleted or broken ones and reports the bad file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'talks-reindex-'));
    try {
      copySeeds(dir);
      const target = Engine.fromArticles([], dir);
      const first = await reindexCorpus(target, dir);
      expect(first.added).toHaveLength(5);
      writeFileSync(join(dir, '000_a0edae4945652b42.txt'), 'Edited title\nKuleba said the edited text is now in the corpus.\n');
      writeFileSync(join(dir, '001_ad34c3576032ad84.txt'), Buffer.from([0, 1, 2, 3]));
      writeFileSync(join(dir, 'new.md'), '---\ntitle: "New"\n---\nYermak said a new file was added by hand.\n');
      const progress: number[] = [];
      const second = await reindexCorpus(target, dir, (done) => void progress.push(done));
      expect(second).toMatchObject({ added: ['new'], updated: ['000_a0edae4945652b42'], removed: ['001_ad34c3576032ad84'], unchanged: 3 });
      expect(second.problems.map((p) => p.file)).toEqual(['001_ad34c3576032ad84.txt']);
      expect(target.problems).toEqual(second.problems);
      expect(target.getArticle('000_a0edae4945652b42')?.title).toBe('Edited title');
      expect(target.getArticle('001_ad34c3576032ad84')).toBeUndefined();
      expect(target.whoSaid('edited text').results[0]?.speaker).toMatch(/Kuleba/);
      // Progress counts files, the bad one included.
      expect(progress.at(-1)).toBe(6);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
