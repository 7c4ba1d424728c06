// The bot's fixed phrases per locale: which table a Discord locale picks, and that no table lacks a phrase.
import { describe, expect, test } from 'vitest';
import path from 'node:path';
import { LOCALES, localeOf, messagesFor, refusalText, userErrorText } from '../src/bot/i18n.js';
import { Engine } from '../src/engine.js';
import { UserError } from '../src/errors.js';
import { canModerate } from '../src/moderation/permissions.js';
import { renderParagraphs, renderQuotes, renderSearch, renderWhoSaid } from '../src/bot/render.js';
import { pageButtons, paragraphPicker } from '../src/bot/pages.js';
import { commands } from '../commands/index.js';
import type { ParagraphAnswer, QuotesAnswer, SearchAnswer, WhoSaidAnswer } from '../src/answers.js';

describe('locales', () => {
  test("Discord's locale picks the table; anything unknown, empty or odd is English", () => {
    expect(['uk', 'ru', 'en-US', 'en-GB', 'de', 'pl', '', null, undefined, 'UK', 'ru-RU', 'ukr'].map(localeOf))
      .toEqual(['uk', 'ru', 'en', 'en', 'en', 'en', 'en', 'en', 'en', 'uk', 'ru', 'en']);
    expect(messagesFor('uk').cooldown(5)).toBe('Ви питаєте трохи зашвидко: зачекайте ще 5 с.');
    expect(messagesFor('fr').cooldown(1)).toBe("You're asking a bit fast: please wait 1 more second.");
  });

  test('every moderation refusal the bot can give has a Ukrainian and a Russian text', () => {
    const member = { roles: [], permissions: '0' };
    const reasons = [
      canModerate({ guildId: 'g', member }, { guildIds: [], roleIds: [] }),
      canModerate({ guildId: null, member: null }, { guildIds: ['g'], roleIds: [] }),
      canModerate({ guildId: 'other', member }, { guildIds: ['g'], roleIds: [] }),
      canModerate({ guildId: 'g', member }, { guildIds: ['g'], roleIds: [] }),
      canModerate({ guildId: 'g', member }, { guildIds: ['g'], roleIds: ['r'] }),
    ].map((d) => (d.allowed ? '' : d.reason));
    expect(new Set(reasons).size).toBe(5);
    for (const locale of ['uk', 'ru'] as const) {
      for (const r of reasons) expect(refusalText(LOCALES[locale], r), `${locale}: ${r}`).not.toBe(r);
    }
    expect(refusalText(LOCALES.uk, 'A reason nobody translated.')).toBe('A reason nobody translated.');
  });

  test("the engine's refusals of a question read in the asker's language; anything else stays as written", async () => {
    const engine = await Engine.open(path.resolve(__dirname, '../corpus'));
    const refusal = (ask: () => unknown): UserError => {
      try {
        ask();
      } catch (err) {
        if (err instanceof UserError) return err;
        throw err;
      }
      throw new Error('not refused');
    };
    const asked = [
      refusal(() => engine.whoSaid('   ')),
      refusal(() => engine.search('')),
      refusal(() => engine.search('the and of')),
      refusal(() => engine.whoSaid('ceasefire', { since: 'soonish' })),
      refusal(() => engine.paragraph('no-such-article', 1)),
      refusal(() => engine.paragraph(engine.sources().list[0].id, 999)),
    ];
    expect(asked.map((e) => userErrorText(LOCALES.en, e))).toEqual(asked.map((e) => e.message));
    expect(asked.map((e) => userErrorText(LOCALES.uk, e))).toEqual([
      'Вкажіть тему, наприклад «ceasefire».',
      'Вкажіть слова для пошуку, наприклад «ceasefire».',
      '«the and of» містить лише загальновживані слова (як «the» чи «said»), шукати нічого; спробуйте конкретніше слово, наприклад «ceasefire».',
      'since: «soonish» — не дата; напишіть 2025-05-12, 2025-05 або May 2025.',
      'Немає статті з id «no-such-article».',
      expect.stringMatching(/^Стаття \S+ має абзаци від 1 до \d+ \(0 — заголовок\), а не 999\.$/),
    ]);
    for (const e of asked) expect(userErrorText(LOCALES.ru, e)).not.toBe(e.message);
    expect(userErrorText(LOCALES.uk, new UserError('A refusal nobody translated.'))).toBe('A refusal nobody translated.');
  });

  test('render: no-match lines and headings in the table given, the speaker name and query as typed', () => {
    const nobody = { query: 'Peskow', speaker: null, results: [], suggestions: ['Dmitry Peskov'] } as unknown as QuotesAnswer;
    const text = (r: ReturnType<typeof renderQuotes>) => ('pages' in r ? r.pages[0]! : r).embeds?.[0]?.description;
    expect(text(renderQuotes(nobody))).toBe('I found no speaker matching **Peskow**.\nYou could try: Dmitry Peskov.');
    expect(text(renderQuotes(nobody, LOCALES.ru.render))).toBe('Я не нашёл говорящего по имени **Peskow**.\nМожно попробовать: Dmitry Peskov.');
    const none = { query: 'truce', speakers: [], results: [], suggestions: [] } as unknown as WhoSaidAnswer;
    expect(text(renderWhoSaid(none, LOCALES.uk.render))).toBe(
      'Я не знайшов цитат за запитом **truce**.\nСпробуйте менше слів або інші слова; що є в корпусі, показує /sources.');
  });

  test('every fixed phrase of the English table has its own Ukrainian and Russian text', () => {
    // A phrase as shown: functions are called with sample arguments (numbers where counts go, the same in every table).
    const shown = (v: unknown): string => (typeof v === 'function' ? String((v as (...a: unknown[]) => unknown)(3, 4, 5, true)) : String(v));
    const walk = (en: object, other: object, where: string, locale: string): void => {
      for (const [key, value] of Object.entries(en)) {
        if (key === 'refusals' || key === 'refused') continue;
        const theirs = (other as Record<string, unknown>)[key];
        expect(theirs, `${locale}: ${where}${key} is missing`).toBeDefined();
        if (value !== null && typeof value === 'object') {
          walk(value as object, theirs as object, `${where}${key}.`, locale);
          continue;
        }
        expect(typeof theirs, `${locale}: ${where}${key}`).toBe(typeof value);
        expect(shown(theirs).trim(), `${locale}: ${where}${key} is empty`).not.toBe('');
        expect(shown(theirs), `${locale}: ${where}${key} is still English`).not.toBe(shown(value));
      }
    };
    for (const locale of ['uk', 'ru'] as const) walk(LOCALES.en, LOCALES[locale], '', locale);
  });

  test('footers, page labels, the pager and "Show paragraphs" answer in the asker\'s language', () => {
    const hit = { article: 'a1', title: 'T', paragraph: 2, text: 'Peace talks resume.', score: 1, highlights: [] as Array<[number, number]> };
    const answer = { query: 'talks', total: 7, results: [hit, { ...hit, paragraph: 3 }], suggestions: [] } as unknown as SearchAnswer;
    const page = (r: ReturnType<typeof renderSearch>) => ('pages' in r ? r.pages[0]! : r);
    const uk = page(renderSearch(answer, LOCALES.uk.render));
    expect(uk.embeds?.[0]?.title).toBe('Уривки за запитом «talks»');
    expect(uk.embeds?.[0]?.footer?.text).toBe('Знайдено 7 уривків, показано 2 найкращих');
    expect(JSON.stringify(uk.components)).toContain('Показати абзаци');
    const ru = page(renderSearch(answer, LOCALES.ru.render));
    expect(ru.embeds?.[0]?.footer?.text).toBe('Найдено 7 отрывков, показано 2 лучших');
    const quote = { ...hit, id: 'q', speaker: 'Dmitry Peskov', speakerId: 'p', kind: 'indirect', marks: 'none', alsoIn: [{ article: 'b', paragraph: 1, title: 'B', source: 'Wire' }] };
    const said = { query: 'talks', total: 1, totalSpeakers: 1, results: [quote], speakers: [{ speaker: 'Dmitry Peskov', speakerId: 'p', score: 1, quotes: [quote] }], suggestions: [] } as unknown as WhoSaidAnswer;
    const ukSaid = page(renderWhoSaid(said, LOCALES.uk.render));
    expect(ukSaid.embeds?.[0]?.description).toContain('*(непряма мова)*');
    expect(ukSaid.embeds?.[0]?.description).toContain('також у 1 статті: Wire');
    expect(ukSaid.embeds?.[0]?.footer?.text).toBe('1 цитата від 1 мовця');
    expect(JSON.stringify(paragraphPicker('who-said', [hit], LOCALES.ru.render))).toContain('Показать абзац ¶2');
    expect(pageButtons('search', 'k', 'u', 0, 3, LOCALES.uk.render).components.map((b) => b.label)).toEqual(['◀ Назад', '1 / 3', 'Далі ▶']);
    const paragraph = { article: 'a1', title: 'T', paragraph: 0, paragraphs: 4, text: 'Talks', quotes: [] } as unknown as ParagraphAnswer;
    const shown = renderParagraphs([paragraph], LOCALES.ru.render).pages[0]!;
    expect(shown.embeds?.[0]?.title).toBe('T — заголовок');
    expect(shown.embeds?.[0]?.footer?.text).toBe('1 абзац · видите только вы');
  });

  test('/help lists the commands by the names and descriptions Discord shows the asker', async () => {
    const help = commands.find((c) => c.data.name === 'help')!;
    const run = async (locale: string): Promise<string> => {
      const reply = await help.execute({ locale } as never, { commands, engine: { sources: () => ({ articles: 5 }) } } as never);
      return (reply as { embeds: Array<{ description: string }> }).embeds[0]!.description;
    };
    const uk = await run('uk');
    expect(uk).toContain('**/хто-сказав** тема:');
    expect(uk).toContain('за 5 новинними статтями');
    expect(uk).not.toContain('Right-click');
    expect(await run('ru')).toContain('**/кто-сказал** тема:');
    expect(await run('en-US')).toContain('**/who-said** topic:');
  });
});
