// The bot's fixed phrases per locale: which table a Discord locale picks, and that no table lacks a phrase.
import { describe, expect, test } from 'vitest';
import { LOCALES, localeOf, messagesFor, refusalText } from '../src/bot/i18n.js';
import { canModerate } from '../src/moderation/permissions.js';
import { renderQuotes, renderWhoSaid } from '../src/bot/render.js';
import type { QuotesAnswer, WhoSaidAnswer } from '../src/answers.js';

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

  test('render: no-match lines and headings in the table given, the speaker name and query as typed', () => {
    const nobody = { query: 'Peskow', speaker: null, results: [], suggestions: ['Dmitry Peskov'] } as unknown as QuotesAnswer;
    const text = (r: ReturnType<typeof renderQuotes>) => ('pages' in r ? r.pages[0]! : r).embeds?.[0]?.description;
    expect(text(renderQuotes(nobody))).toBe('I found no speaker matching **Peskow**.\nYou could try: Dmitry Peskov.');
    expect(text(renderQuotes(nobody, LOCALES.ru.render))).toBe('Я не нашёл говорящего по имени **Peskow**.\nМожно попробовать: Dmitry Peskov.');
    const none = { query: 'truce', speakers: [], results: [], suggestions: [] } as unknown as WhoSaidAnswer;
    expect(text(renderWhoSaid(none, LOCALES.uk.render))).toBe(
      'Я не знайшов цитат за запитом **truce**.\nСпробуйте менше слів або інші слова; що є в корпусі, показує /sources.');
  });
});
