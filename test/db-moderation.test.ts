// The moderation use cases with the database as the store, without Discord: two moderators adding articles with
// one title at once get two ids (the free id is found in the database, a lost race takes the next one), each
// audited once; a replace from an old look is refused; a change is served by the writer's index when it returns.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrate } from '../src/db/migrate.js';
import { draftFromFields } from '../src/moderation/draft.js';
import { addArticle, removeArticle, replaceArticle, type ModerationContext } from '../src/moderation/service.js';
import { moderationSettings } from '../src/settings.js';
import { openDatabaseStore, type OpenedDatabaseStore } from '../src/store/database.js';
import { freshDatabase, NO_DATABASE, noteSkipped, type TestDatabase } from './db-helpers.js';

noteSkipped('db-moderation');

const who = (n: number) => ({ id: `20000000000000000${n}`, name: `mod${n}` });
const draft = (sentence: string) => draftFromFields({
  title: 'Envoys meet in Geneva', date: '2025-08-01', source: 'Test Wire', body: `The envoy Mira Kovac said: “${sentence}”\n\nTalks resume on Monday.`,
});

describe.skipIf(NO_DATABASE)('moderation with the database as the store', () => {
  let t: TestDatabase;
  let opened: OpenedDatabaseStore;
  let ctx: ModerationContext;

  beforeAll(async () => {
    t = await freshDatabase();
    await migrate(t.db);
    opened = await openDatabaseStore({ url: t.url, retryMinMs: 50, retryMaxMs: 200 });
    for (let i = 0; i < 100 && !opened.follower.connected; i++) await new Promise((r) => setTimeout(r, 50));
    ctx = { dir: '/nonexistent/talks-bot-db-moderation', settings: moderationSettings({}), store: opened.store };
  });

  afterAll(async () => {
    await opened?.stop();
    await t?.drop();
  });

  it('two adds with one title at once get two ids, both stored, audited and served', async () => {
    const [a, b] = await Promise.all([
      addArticle(ctx, draft('The Geneva channel stays open through August.'), who(1)),
      addArticle(ctx, draft('The prisoner lists will be exchanged in full.'), who(2)),
    ]);
    expect([a.id, b.id].sort()).toEqual(['2025-08-01-envoys-meet-in-geneva', '2025-08-01-envoys-meet-in-geneva-2']);
    const audit = (await t.db.query<{ article: string; moderator_name: string }>("SELECT article, moderator_name FROM audit WHERE action = 'add' ORDER BY seq")).rows;
    expect(audit.map((r) => r.article).sort()).toEqual([a.id, b.id].sort());
    // Served by this process's index as soon as the change returns.
    expect(opened.engine.whoSaid('Geneva channel').results.map((r) => r.speaker)).toContain('Mira Kovac');
    expect(opened.engine.whoSaid('prisoner lists').results.map((r) => r.speaker)).toContain('Mira Kovac');
  });

  it('the same text again is a duplicate; a replace and a remove land in the index', async () => {
    await expect(addArticle(ctx, draft('The Geneva channel stays open through August.'), who(3))).rejects.toThrow(/already in the corpus/);
    const r = await replaceArticle(ctx, '2025-08-01-envoys-meet-in-geneva', draft('The Geneva channel closes in September instead.'), who(1));
    expect(r.action).toBe('replace');
    expect(opened.engine.whoSaid('channel closes in September').results.length).toBeGreaterThan(0);
    await removeArticle(ctx, '2025-08-01-envoys-meet-in-geneva-2', who(2));
    expect(opened.engine.getArticle('2025-08-01-envoys-meet-in-geneva-2')).toBeUndefined();
    await expect(removeArticle(ctx, '2025-08-01-envoys-meet-in-geneva-2', who(2))).rejects.toThrow(/There is no article/);
    // Nothing was written into the folder named in the context.
    const { existsSync } = await import('node:fs');
    expect(existsSync(ctx.dir)).toBe(false);
  });
});
