// Adding a hostile article never freezes the bot: the real bot against the fake Discord (which refuses any
// response after Discord's 3 s deadline), a moderator adding an article built to be slow to parse or extract
// while other users ask /who-said. Every question must be answered in time; the article is added or refused
// with a clear reason. The articles are generated here.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { copyCorpus, file, refusedRequests, removeDir, startHarness, user, USERS, type Answer, type Harness } from './fake-discord/harness.js';

let dir: string;
let h: Harness;

beforeAll(async () => {
  process.env.ARTICLE_TIMEOUT_MS = '3000';
  dir = await copyCorpus();
  h = await startHarness({ corpusDir: dir, env: { MAX_ATTACHMENT_BYTES: String(1024 * 1024) } });
});

afterAll(async () => {
  await h?.stop();
  await removeDir(dir);
  delete process.env.ARTICLE_TIMEOUT_MS;
});

/** Eight other users asking while the moderator's add is in flight. */
async function askWhileAdding(attachment: ReturnType<typeof file>): Promise<{ added: Answer; asked: Answer[] }> {
  const adding = h.command('add-article', { file: attachment }, USERS.mod);
  // Let the bot pick the add up first, so the questions arrive while it is being read.
  await new Promise((resolve) => setTimeout(resolve, 150));
  const asked = await Promise.all(Array.from({ length: 8 }, (_, i) => h.command('who-said', { topic: i % 2 ? 'ceasefire' : 'Istanbul' }, user())));
  return { added: await adding, asked };
}

describe('a moderator adds an article that is slow to read', () => {
  it('answers every /who-said in time while a 120 KB article of ellipses is extracted, and refuses it clearly if it runs over', async () => {
    const body = `${'…'.repeat(40_000)}\n`;
    const { added, asked } = await askWhileAdding(file('ellipses.md', `---\ntitle: "Envoys keep talking in Geneva"\n---\nThe envoy said ${body}`));
    for (const a of asked) expect(a.text).toMatch(/ceasefire|Istanbul/i);
    expect(refusedRequests(h.fake)).toEqual([]);
    expect(added.text).toMatch(/✅ Added|took longer than the 3 s limit, so nothing was changed|Nothing would be left to quote/);
  }, 60_000);

  it('answers every /who-said in time while a page of 20,000 nested <div>s is read, and adds its text', async () => {
    const html = `<!doctype html><html><head><title>Envoys meet again in Geneva for talks</title></head><body>${'<div>'.repeat(20_000)}`
      + '<p>The mediator said: “The pineapple round of talks will begin on Monday in Geneva.”</p>'
      + '<p>Both delegations arrived on Sunday evening and met the hosts for dinner, officials said.</p>'
      + `${'</div>'.repeat(20_000)}</body></html>`;
    const { added, asked } = await askWhileAdding(file('deep.html', html, 'text/html'));
    for (const a of asked) expect(a.text).toMatch(/ceasefire|Istanbul/i);
    expect(refusedRequests(h.fake)).toEqual([]);
    expect(added.text).toContain('✅ Added');
    expect((await h.command('who-said', { topic: 'pineapple round' })).text).toMatch(/pineapple/);
  }, 60_000);
});
