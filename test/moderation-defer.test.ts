// Moderation commands whose work outlasts Discord's 3 s, and interactions that reach the bot late: every initial
// response (deferral, modal) goes through the router, so the bot's automatic deferral at 2 s can never become a
// second initial response, which Discord refuses.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { USERS, commandOptions, copyCorpus, interactionContext, removeDir, startHarness, type Harness } from './fake-discord/harness.js';
import { CALLBACK, FLAG_EPHEMERAL, INTERACTION } from './fake-discord/server.js';

/** Longer than the router's 2 s automatic deferral and Discord's 3 s deadline. */
const PAGE_DELAY_MS = 2500;
const page = (who: string, word: string) => `${who} on the talks\n\n${who} said: “The ${word} proposal deserves an answer this week.”\n\nThe talks resume on Monday.\n`;

let web: Server;
let webBase: string;
let dir: string;
let h: Harness;
const timers = new Set<NodeJS.Timeout>();

beforeAll(async () => {
  web = createServer((req, res) => {
    const m = /^\/slow\/(\w+)\/(\w+)$/.exec(req.url ?? '');
    if (!m) return void res.writeHead(404).end();
    const t = setTimeout(() => {
      timers.delete(t);
      res.writeHead(200, { 'content-type': 'text/plain; charset=utf-8' }).end(page(`Minister ${m[1]}`, m[2]!));
    }, PAGE_DELAY_MS);
    timers.add(t);
  });
  await new Promise<void>((resolve) => web.listen(0, '127.0.0.1', resolve));
  webBase = `http://127.0.0.1:${(web.address() as AddressInfo).port}`;
  dir = await copyCorpus();
  h = await startHarness({ corpusDir: dir, env: { ALLOW_PRIVATE_URLS: 'true', URL_TIMEOUT_MS: '10000' }, timeoutMs: 15_000 });
});

afterAll(async () => {
  await h?.stop();
  for (const t of timers) clearTimeout(t);
  web?.closeAllConnections();
  await new Promise((resolve) => web?.close(resolve));
  await removeDir(dir);
});

beforeEach(() => {
  h.fake.latencyMs = 0;
});

/** A command that reaches the bot `ageMs` after the user sent it (gateway lag), while Discord answers slowly. */
function lateCommand(name: string, options: Record<string, string>, ageMs: number) {
  return h.fake.dispatchInteraction(
    { type: INTERACTION.command, data: commandOptions(h.fake, h.guildId, name, options), ...interactionContext(h.fake, USERS.mod) },
    { ageMs },
  );
}

describe('slow moderation work is deferred once, privately', () => {
  it('/add-article from a page that answers after 2.5 s: one private "thinking…", then the preview', async () => {
    const a = await h.command('add-article', { url: `${webBase}/slow/Sybiha/saffron` }, USERS.mod);
    expect(a.interaction.initial?.type).toBe(CALLBACK.deferMessage);
    expect(a.ephemeral).toBe(true);
    expect(a.text).toMatch(/✅ Added `minister-sybiha-on-the-talks`/);
    expect((await h.command('who-said', { topic: 'saffron' })).text).toMatch(/Sybiha/);
    expect(h.fake.rejections).toEqual([]);
  });

  it('a command that arrives late while Discord is slow: the automatic deferral and the command’s own do not collide', async () => {
    // The command defers at once; the router's 2 s timer fires ~100 ms later, while that deferral is still in flight.
    h.fake.latencyMs = 300;
    const fi = lateCommand('replace-article', { id: 'minister-sybiha-on-the-talks', url: `${webBase}/slow/Sybiha/cardamom` }, 1900);
    const a = h.answerOf(await fi.waitSettled(15_000));
    expect(a.text).toMatch(/Replaced .*`minister-sybiha-on-the-talks`/);
    expect(a.ephemeral).toBe(true);
    expect(h.fake.rejections).toEqual([]);
    expect(h.logs.filter((l) => /could not defer|error in/.test(l))).toEqual([]);
    h.fake.latencyMs = 0;
    expect((await h.command('who-said', { topic: 'cardamom' })).text).toMatch(/Sybiha/);
  });

  it('the form opens even when the command arrives late; its late submit is deferred once too', async () => {
    h.fake.latencyMs = 300;
    const opened = h.answerOf(await lateCommand('add-article', {}, 1950).waitSettled(15_000));
    expect(opened.interaction.initial?.type).toBe(CALLBACK.modal);
    const fields = { title: 'Fidan on the venue', body: 'Turkish Foreign Minister Hakan Fidan said: “Istanbul remains ready to host the tamarind round.”\n\nNo date was set.' };
    const submit = h.fake.dispatchInteraction({
      type: INTERACTION.modalSubmit,
      data: { custom_id: 'add-article:new', components: Object.entries(fields).map(([k, v]) => ({ type: 1, components: [{ type: 4, custom_id: k, value: v }] })) },
      ...interactionContext(h.fake, USERS.mod),
    }, { ageMs: 1900 });
    const done = h.answerOf(await submit.waitSettled(15_000));
    expect(done.text).toMatch(/✅ Added `fidan-on-the-venue`/);
    expect((done.message?.flags ?? 0) & FLAG_EPHEMERAL).toBe(FLAG_EPHEMERAL);
    expect(h.fake.rejections).toEqual([]);
  });

  it('the remove confirmation is acknowledged before the work and then updated in place', async () => {
    const ask = await h.command('remove-article', { id: 'fidan-on-the-venue' }, USERS.mod);
    const done = await h.click(ask, 'Remove', USERS.mod);
    expect(done.interaction.initial?.type).toBe(CALLBACK.deferUpdate);
    expect(done.message?.id).toBe(ask.message?.id);
    expect(done.text).toMatch(/Removed `fidan-on-the-venue`/);
    expect(done.buttons).toEqual([]);
    expect(h.fake.rejections).toEqual([]);
  });
});
