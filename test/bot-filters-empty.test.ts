// /who-said, /search, /quotes with since:/until:/source: that leave nothing: the answer names the options as the
// reason, in the asker's language, instead of telling them to change their words.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { USERS, copyCorpus, removeDir, startHarness, user, type Harness } from './fake-discord/harness.js';

let h: Harness;
let dir: string;
beforeAll(async () => {
  dir = await copyCorpus();
  h = await startHarness({ corpusDir: dir });
});
afterAll(async () => {
  await h?.stop();
  await removeDir(dir);
});

describe('an empty answer under date or source options', () => {
  test.each([
    ['who-said', { topic: 'ceasefire', since: '2090-01-01' }],
    ['search', { words: 'ceasefire', until: '1990-01-01' }],
    ['quotes', { speaker: 'Peskov', since: 'May 2090' }],
    ['who-said', { topic: 'ceasefire', source: 'No Such Wire Service' }],
  ] as const)('/%s %j says the options narrowed the search', async (name, options) => {
    const a = await h.command(name, options, USERS.alice);
    expect(a.text).toMatch(/Only articles within your since\/until\/source options were searched/);
    expect(a.text).not.toMatch(/Try fewer or different words/);
  });

  test('the same words without the options still find quotes, and no filter note', async () => {
    const a = await h.command('who-said', { topic: 'ceasefire' }, USERS.alice);
    expect(a.text).toMatch(/ceasefire/i);
    expect(a.text).not.toMatch(/since\/until\/source/);
    const none = await h.command('who-said', { topic: 'zzqxv' }, USERS.alice);
    expect(none.text).toMatch(/Try fewer or different words/);
    expect(none.text).not.toMatch(/since\/until\/source/);
  });

  test('in Ukrainian for a uk user', async () => {
    const a = await h.command('who-said', { topic: 'ceasefire', since: '2090-01-01' }, user({ locale: 'uk' }));
    expect(a.text).toMatch(/Пошук ішов лише в статтях/);
  });

  test('an unknown speaker is still just that, whatever the options', async () => {
    const a = await h.command('quotes', { speaker: 'Nobody Atall', since: '2090-01-01' }, USERS.alice);
    expect(a.text).toMatch(/no speaker matching/);
    expect(a.text).not.toMatch(/since\/until\/source/);
  });
});

describe('a date the engine cannot read', () => {
  test.each([
    ['who-said', { topic: 'ceasefire', since: '2025-13-45' }],
    ['search', { words: 'ceasefire', until: 'next Tuesday' }],
    ['quotes', { speaker: 'Peskov', since: 'soon' }],
  ] as const)('/%s %j says which date it could not read, and answers nothing else', async (name, options) => {
    const a = await h.command(name, options, USERS.alice);
    expect(a.text).toMatch(/since|until/);
    expect(a.text).toMatch(/YYYY-MM-DD|May 2025/);
    expect(a.text).not.toMatch(/Sorry, something went wrong/);
    expect(h.fake.rejections).toEqual([]);
  });
});
