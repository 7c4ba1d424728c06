// Answers in the asker's language, end to end against the fake Discord over the seed corpus: a Ukrainian or Russian
// client gets the fixed phrases in its language, any other locale English; the registered commands carry their
// localised names; article text is never translated.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { MESSAGES } from '../src/bot/router.js';
import { LOCALES } from '../src/bot/i18n.js';
import { startHarness, user, refusedRequests, type Harness } from './fake-discord/harness.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ env: { COOLDOWN_SECONDS: '30' } });
});
afterAll(async () => { await h?.stop(); });

const uk = () => user({ locale: 'uk' });
const ru = () => user({ locale: 'ru' });
const en = () => user({ locale: 'en-US' });

describe('the asker\'s language', () => {
  test('the registered definitions carry Ukrainian and Russian names, accepted by the fake Discord', () => {
    const registered = (h.fake.commands.get(h.guildId) ?? h.fake.commands.get('global') ?? []) as Array<Record<string, unknown>>;
    const whoSaid = registered.find((c) => c.name === 'who-said');
    expect(whoSaid?.name_localizations).toEqual({ uk: 'хто-сказав', ru: 'кто-сказал' });
    expect(refusedRequests(h.fake)).toEqual([]);
  });

  test('a Ukrainian user gets the no-results message in Ukrainian, an en-US user the English one', async () => {
    const topic = 'zqxjvw';
    const a = await h.command('who-said', { topic }, uk());
    expect(a.text).toMatch(/^Я не знайшов цитат за запитом \*\*zqxjvw\*\*\.\n(Можна спробувати: .+\.|Спробуйте менше слів)/);
    const b = await h.command('who-said', { topic }, en());
    expect(b.text).toMatch(/^I found no quotes matching \*\*zqxjvw\*\*\.\n(You could try: |Try fewer or different words)/);
    const c = await h.command('search', { words: topic }, ru());
    expect(c.text).toMatch(/^Я не нашёл отрывков по запросу \*\*zqxjvw\*\*\./);
  });

  test('a question refused as asked is refused in the asker\'s language', async () => {
    const uk1 = await h.command('who-said', { topic: 'the and of' }, uk());
    expect(uk1.text).toMatch(/містить лише загальновживані слова/);
    const ru1 = await h.command('who-said', { topic: 'ceasefire', since: 'soonish' }, ru());
    expect(ru1.text).toMatch(/since: «soonish» — не дата/);
    const en1 = await h.command('who-said', { topic: 'the and of' }, en());
    expect(en1.text).toMatch(/has only common words/);
  });

  test('the cooldown answers in Ukrainian or Russian, English for any other locale', async () => {
    for (const [who, pattern] of [
      [uk(), /^Ви питаєте трохи зашвидко: зачекайте ще (30|29) с\.$/],
      [ru(), /^Вы спрашиваете слишком часто: подождите ещё (30|29) с\.$/],
      [en(), /^You're asking a bit fast: please wait (30|29) more seconds\.$/],
      [user({ locale: 'de' }), /^You're asking a bit fast: please wait (30|29) more seconds\.$/],
    ] as const) {
      await h.command('search', { words: 'ceasefire' }, who);
      const again = await h.command('search', { words: 'ceasefire' }, who);
      expect(again.ephemeral).toBe(true);
      expect(again.content).toMatch(pattern);
    }
  });

  test('headings are translated, the quoted words are not', async () => {
    const en1 = await h.command('who-said', { topic: 'ceasefire' }, en());
    const uk1 = await h.command('who-said', { topic: 'ceasefire' }, uk());
    expect(en1.content.startsWith('Who said something about **ceasefire**:')).toBe(true);
    expect(uk1.content.startsWith('Хто що казав про **ceasefire**:')).toBe(true);
    // Same quotes, same words: the article text is the article's. Only the notes around it are the asker's
    // language (the quote's kind in italics, the small "matched in" line).
    const words = (d: unknown): string => String(d ?? '').split('\n').filter((l) => !l.startsWith('-# ')).map((l) => l.replace(/ \*\([^)]*\)\*$/, '')).join('\n');
    expect(uk1.embeds.map((e) => words(e.description))).toEqual(en1.embeds.map((e) => words(e.description)));
    expect(uk1.embeds.map((e) => e.description).join('\n')).toContain('часткова цитата');
  });

  test('moderation refusals and unknown commands in the asker\'s language', async () => {
    const refused = await h.command('reindex', {}, uk());
    expect(refused.ephemeral).toBe(true);
    expect(refused.content).toMatch(/^⛔ Змінювати статті можуть лише модератори/);
    const unknown = await h.command('no-such-command', {}, ru());
    expect(unknown.content).toBe(LOCALES.ru.unknownCommand('no-such-command'));
    expect((await h.command('no-such-command', {}, en())).content).toBe(MESSAGES.unknownCommand('no-such-command'));
    expect(refusedRequests(h.fake)).toEqual([]);
  });
});
