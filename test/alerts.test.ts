// Alerts without Discord: which quotes match, one message per article per alert (also after a restart), the
// digest once a channel had more than five in ten minutes, and text that tries to mention or format.
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { QuoteHit } from '../src/answers.js';
import { AlertDispatcher, DIGEST_WINDOW_MS, matchingQuotes, type AlertEngine } from '../src/alerts/dispatch.js';
import { loadAlerts, updateAlerts, type Alert } from '../src/alerts/state.js';
import type { MessageBody } from '../src/feeds/card.js';

let dir: string;
let clock: number;
let posts: Array<{ channel: string; body: MessageBody }>;
let quotes: QuoteHit[];

const quote = (article: string, text: string, speaker: string | null, speakerId: string | null = speaker ? speaker.toLowerCase().replace(/\s+/g, '-') : null): QuoteHit => ({
  article, title: `Title of ${article}`, source: 'Harbour Courier', url: `https://news.example/${article}`, date: '2025-06-02', paragraph: 2,
  id: `${article}#${text.length}`, speaker, speakerId, text, kind: 'direct', marks: 'curly' as QuoteHit['marks'], score: 0, highlights: [],
});

const engine: AlertEngine = {
  quotes: () => ({ results: quotes }),
  speaker: (name) => (/^(peskov|dmitry peskov)$/i.test(name.trim()) ? { id: 'dmitry-peskov', name: 'Dmitry Peskov' } : undefined),
};

function dispatcher(): AlertDispatcher {
  return new AlertDispatcher({ dir, engine, now: () => clock, log: () => undefined, post: async (channel, body) => { posts.push({ channel, body }); return String(posts.length); } });
}

async function addAlert(a: Partial<Alert> & { id: string }): Promise<void> {
  await updateAlerts(dir, (s) => { s.alerts.push({ channelId: '100', addedBy: 't', addedAt: new Date(clock).toISOString(), ...a }); });
}

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'talks-bot-alerts-'));
  clock = Date.parse('2025-06-02T10:00:00Z');
  posts = [];
  quotes = [];
});
afterEach(async () => { await rm(dir, { recursive: true, force: true }); });

describe('alerts', () => {
  it('a broken alerts file is refused with a clear reason and never written over', async () => {
    await mkdir(join(dir, '.feeds'), { recursive: true });
    await writeFile(join(dir, '.feeds', 'alerts.json'), '[1,');
    await expect(loadAlerts(dir)).rejects.toThrow(/alerts\.json cannot be read.*fix it or move it away/);
    await expect(updateAlerts(dir, () => undefined)).rejects.toThrow(/cannot be read/);
    expect(await readFile(join(dir, '.feeds', 'alerts.json'), 'utf8')).toBe('[1,');
    quotes = [quote('x', 'ceasefire now', 'A B')];
    await dispatcher().articleAdded('x'); // logs, does not throw
    expect(posts).toEqual([]);
  });

  it('a topic matches with search term processing; a speaker by any of their names', () => {
    const qs = [quote('a', 'The cease-fire along the river must hold.', 'Dmitry Peskov'), quote('a', 'We discussed grain.', 'Andrii Sybiha')];
    expect(matchingQuotes({ id: 'x', topic: 'ceasefires', channelId: '1', addedBy: '', addedAt: '' }, qs, engine).map((q) => q.speaker)).toEqual(['Dmitry Peskov']);
    expect(matchingQuotes({ id: 'x', speaker: 'Peskov', channelId: '1', addedBy: '', addedAt: '' }, qs, engine)).toHaveLength(1);
    expect(matchingQuotes({ id: 'x', speaker: 'andrii sybiha', channelId: '1', addedBy: '', addedAt: '' }, qs, engine)).toHaveLength(1);
    expect(matchingQuotes({ id: 'x', topic: 'prisoner exchange', channelId: '1', addedBy: '', addedAt: '' }, qs, engine)).toEqual([]);
  });

  it('posts quote, speaker, citation and link once per article per alert, even after a restart; never mentions', async () => {
    await addAlert({ id: 'a1', topic: 'ceasefire' });
    await addAlert({ id: 'a2', speaker: 'Peskov', channelId: '200' });
    quotes = [quote('art-1', 'The ceasefire holds, @everyone <@123> **really**.', 'Dmitry Peskov'), quote('art-1', 'A second ceasefire remark.', 'Dmitry Peskov')];
    await dispatcher().articleAdded('art-1');
    await dispatcher().articleAdded('art-1'); // a second dispatcher = the bot restarted
    await dispatcher().articleAdded('art-2'); // no quotes there
    expect(posts.map((p) => p.channel)).toEqual(['100', '200']);
    const text = posts[0]!.body.content!;
    expect(posts[0]!.body.allowed_mentions).toEqual({ parse: [] });
    expect(text).toMatch(/Alert: topic “ceasefire”/);
    expect(text).toMatch(/— \*\*Dmitry Peskov\*\*/);
    expect(text).toMatch(/\*Title of art-1\* \(Harbour Courier, 2025-06-02\), ¶2 · `art-1` · <https:\/\/news\.example\/art-1>/);
    expect(text).toMatch(/and 1 more matching quote/);
    expect(text).not.toMatch(/(^|[^\\])\*\*really/); // the quote's own Markdown is escaped
    expect(text).not.toContain('<@123>');
  });

  it('more than five in ten minutes to one channel become one digest', async () => {
    await addAlert({ id: 'a1', topic: 'ceasefire' });
    const d = dispatcher();
    for (let n = 1; n <= 8; n++) {
      quotes = [quote(`art-${n}`, `Ceasefire statement number ${n}.`, 'Dmitry Peskov')];
      await d.articleAdded(`art-${n}`);
      clock += 30_000;
    }
    expect(posts).toHaveLength(5);
    await d.flushAll();
    expect(posts).toHaveLength(6);
    const digest = posts[5]!.body.content!;
    expect(digest).toMatch(/Alert digest: 3 more matching articles/);
    for (const n of [6, 7, 8]) expect(digest).toContain(`art-${n}`);
    // After the window, single messages again.
    clock += DIGEST_WINDOW_MS;
    quotes = [quote('art-9', 'Ceasefire statement number 9.', 'Dmitry Peskov')];
    await d.articleAdded('art-9');
    expect(posts).toHaveLength(7);
    expect(posts[6]!.body.content).toMatch(/Alert: topic “ceasefire”/);
    d.stop();
  });
});
