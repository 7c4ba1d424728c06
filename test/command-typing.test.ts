// Typed commands: a handler's options come from its definition, so a wrong or renamed option name fails `tsc`
// (this file is type-checked by `npx tsc --noEmit -p .`), and optionsOf reads what the definition declares.
import { ApplicationCommandOptionType, type Attachment, type ChatInputCommandInteraction } from 'discord.js';
import { describe, expect, expectTypeOf, test } from 'vitest';
import { limitOption, optionsOf, privateOption, UnknownSubcommandError, type ChatInputCommandData } from '../src/bot/command.js';
import { UserError } from '../src/errors.js';
import commands from '../commands/index.js';
import { checkCommands } from './fake-discord/validate.js';
import { missingTranslations } from '../commands/locales.js';
import feeds from '../commands/feeds.js';
import { feedsData } from '../commands/feeds.js';
import { alertsData } from '../commands/alerts.js';
import { whoSaidData } from '../commands/who-said.js';
import { articleData } from '../commands/article.js';
import type { SourceArgs } from '../src/moderation/discord.js';

const data = {
  name: 'demo',
  description: 'A made-up command',
  options: [
    { name: 'topic', description: 'What about', type: ApplicationCommandOptionType.String, required: true },
    { name: 'file', description: 'An upload', type: ApplicationCommandOptionType.Attachment },
    { name: 'where', description: 'A channel', type: ApplicationCommandOptionType.Channel },
    limitOption('quotes', 50),
    privateOption,
  ],
} as const satisfies ChatInputCommandData;

const withSubs = {
  name: 'things',
  description: 'Made-up subcommands',
  options: [
    { name: 'add', description: 'Add one', type: ApplicationCommandOptionType.Subcommand, options: [
      { name: 'url', description: 'Where', type: ApplicationCommandOptionType.String, required: true },
      { name: 'count', description: 'How many', type: ApplicationCommandOptionType.Integer },
    ] },
    { name: 'list', description: 'List them', type: ApplicationCommandOptionType.Subcommand },
  ],
} as const satisfies ChatInputCommandData;

/** Just enough of an interaction for optionsOf: the values Discord sent, by name. */
function interaction(values: Record<string, unknown>, subcommand?: string): ChatInputCommandInteraction {
  const get = (name: string, required = false) => {
    if (values[name] === undefined && required) throw new TypeError(`missing required option ${name}`);
    return values[name] ?? null;
  };
  const options = {
    getString: get, getInteger: get, getNumber: get, getBoolean: get, getUser: get, getAttachment: get,
    get: (name: string, required = false) => (get(name, required) === null ? null : { name, value: values[name] }),
    getSubcommand: () => subcommand ?? null,
  };
  return { options } as unknown as ChatInputCommandInteraction;
}

describe('typed options', () => {
  test('the types follow the definition: required options are always there, others may be missing', () => {
    const o = optionsOf(interaction({ topic: 'ceasefire' }), data);
    expectTypeOf(o.topic).toEqualTypeOf<string>();
    expectTypeOf(o.limit).toEqualTypeOf<number | undefined>();
    expectTypeOf(o.private).toEqualTypeOf<boolean | undefined>();
    expectTypeOf(o.where).toEqualTypeOf<string | undefined>();
    // @ts-expect-error: the definition has no option named `topics` (a renamed option fails to compile).
    void o.topics;
    const s = optionsOf(interaction({ url: 'https://example.com/feed' }, 'add'), withSubs);
    if (s.subcommand === 'add') {
      expectTypeOf(s.url).toEqualTypeOf<string>();
      expectTypeOf(s.count).toEqualTypeOf<number | undefined>();
    } else {
      expectTypeOf(s.subcommand).toEqualTypeOf<'list'>();
      // @ts-expect-error: `url` belongs to the `add` subcommand only.
      void s.url;
    }
    // A converted command module's definition is typed the same way.
    const f = optionsOf(interaction({ url: 'https://example.com/rss' }, 'add'), feedsData);
    if (f.subcommand === 'add') {
      expectTypeOf(f.backfill).toEqualTypeOf<number | undefined>();
      // @ts-expect-error: /feeds add has `keywords`, not `keyword`.
      void f.keyword;
    }
    const w = optionsOf(interaction({ topic: 'truce', sort: 'newest' }), whoSaidData);
    expectTypeOf(w.topic).toEqualTypeOf<string>();
    expectTypeOf(w.since).toEqualTypeOf<string | undefined>();
    expectTypeOf(w.limit).toEqualTypeOf<number | undefined>();
    // @ts-expect-error: /who-said has `topic`, not `query`.
    void w.query;
    expectTypeOf(optionsOf(interaction({ id: 'x' }), articleData).paragraph).toEqualTypeOf<number | undefined>();
    const a = optionsOf(interaction({ alert: 'a1b2c3' }, 'remove'), alertsData);
    if (a.subcommand === 'add') expectTypeOf(a.channel).toEqualTypeOf<string>();
    // Shared option lists keep their types too.
    expectTypeOf<SourceArgs['file']>().toEqualTypeOf<Attachment | undefined>();
    expectTypeOf<SourceArgs['url']>().toEqualTypeOf<string | undefined>();
    // @ts-expect-error: the shared source options have no `link`.
    expectTypeOf<SourceArgs['link']>();
  });

  test('reads what was sent and leaves out what was not, so defaults apply', () => {
    const o = optionsOf(interaction({ topic: 'truce', where: '123456789012345678', limit: 5 }), data);
    expect(o).toEqual({ topic: 'truce', where: '123456789012345678', limit: 5 });
    const { limit = 25, private: priv = false } = optionsOf(interaction({ topic: 'truce' }), data);
    expect([limit, priv]).toEqual([25, false]);
    expect(optionsOf(interaction({ url: 'u', count: 2, stray: 'x' }, 'add'), withSubs)).toEqual({ subcommand: 'add', url: 'u', count: 2 });
    expect(optionsOf(interaction({}, 'list'), withSubs)).toEqual({ subcommand: 'list' });
  });

  test('a hand-made request: a missing required option throws, an unknown subcommand is refused politely', () => {
    expect(() => optionsOf(interaction({}), data)).toThrow(/topic/);
    const err = (() => {
      try {
        optionsOf(interaction({}, 'drop-everything'), withSubs);
      } catch (e) {
        return e;
      }
    })();
    expect(err).toBeInstanceOf(UnknownSubcommandError);
    expect(err).toBeInstanceOf(UserError);
    expect((err as Error).message).toBe('/things has no subcommand "drop-everything". Try /help.');
    expect(() => optionsOf(interaction({}), withSubs)).toThrow(UnknownSubcommandError);
  });
});

describe('every definition', () => {
  test("passes the fake Discord's validation (what real Discord refuses)", () => {
    expect(commands.length).toBeGreaterThan(10);
    expect(checkCommands(commands.map((c) => c.data))).toEqual([]);
    expect(checkCommands([feeds.data])).toEqual([]);
  });
});

describe('localisations', () => {
  const byName = (name: string) => commands.find((c) => c.data.name === name)!.data;

  test('every command, option, subcommand and choice has Ukrainian and Russian names and descriptions', () => {
    const missing = commands.filter((c) => (c.data.type ?? 1) === 1).flatMap((c) => missingTranslations(c.data));
    expect(missing).toEqual([]);
    const w = byName('who-said');
    expect(w.name_localizations).toEqual({ uk: 'хто-сказав', ru: 'кто-сказал' });
    expect(w.options?.find((o) => o.name === 'topic')?.name_localizations).toEqual({ uk: 'тема', ru: 'тема' });
    // The English definition stays as it was.
    expect(w.name).toBe('who-said');
    expect(whoSaidData).not.toHaveProperty('name_localizations');
    const add = byName('feeds').options?.find((o) => o.name === 'add') as { options?: Array<{ name: string; description_localizations?: unknown }> };
    expect(add.options?.find((o) => o.name === 'url')?.description_localizations).toEqual({ uk: 'Адреса стрічки (http або https)', ru: 'Адрес ленты (http или https)' });
  });

  test('the fake Discord refuses localisations real Discord refuses', () => {
    const base = { name: 'demo', description: 'A made-up command' };
    const errs = (d: unknown) => checkCommands([d]).map((e) => `${e.path.join('.')} ${e.code}`);
    expect(errs({ ...base, name_localizations: { uk: 'Хто-Сказав' } })).toEqual(['0.name_localizations.uk APPLICATION_COMMAND_INVALID_NAME']);
    expect(errs({ ...base, name_localizations: { uk: 'хто сказав' } })).toEqual(['0.name_localizations.uk APPLICATION_COMMAND_INVALID_NAME']);
    expect(errs({ ...base, name_localizations: { ru: 'к'.repeat(33) } })).toEqual(['0.name_localizations.ru APPLICATION_COMMAND_INVALID_NAME']);
    expect(errs({ ...base, name_localizations: { ua: 'хто' } })).toEqual(['0.name_localizations.ua LOCALE_INVALID']);
    expect(errs({ ...base, description_localizations: { ru: 'д'.repeat(101) } })).toEqual(['0.description_localizations.ru BASE_TYPE_MAX_LENGTH']);
    expect(errs({ ...base, description_localizations: { ru: '' } })).toEqual(['0.description_localizations.ru BASE_TYPE_MIN_LENGTH']);
    // Two options whose Ukrainian names collide; a nested option of a subcommand with a bad localised name.
    expect(errs({ ...base, options: [
      { name: 'a', description: 'x', type: 3, name_localizations: { uk: 'тема' } },
      { name: 'b', description: 'y', type: 3, name_localizations: { uk: 'тема' } },
    ] })).toEqual(['0.options.1.name_localizations.uk APPLICATION_COMMAND_OPTIONS_NAME_ALREADY_EXISTS']);
    expect(errs({ ...base, options: [{ name: 'add', description: 'x', type: 1, options: [
      { name: 'url', description: 'y', type: 3, name_localizations: { ru: 'Ссылка' } },
    ] }] })).toEqual(['0.options.0.options.0.name_localizations.ru APPLICATION_COMMAND_INVALID_NAME']);
    expect(errs({ ...base, options: [{ name: 'sort', description: 'x', type: 3, choices: [{ name: 'new', value: 'n', name_localizations: { uk: 'н'.repeat(101) } }] }] }))
      .toEqual(['0.options.0.choices.0.name_localizations.uk BASE_TYPE_MAX_LENGTH']);
    // Long localised descriptions count towards the 4000 characters of a command, as Discord counts them.
    const long = Array.from({ length: 25 }, (_, j) => ({ name: `o${j}`, description: 'x', type: 3, description_localizations: { uk: 'д'.repeat(100), ru: 'д'.repeat(100) } }));
    expect(errs({ ...base, options: [{ name: 'sub', description: 'x', type: 1, options: long }, { name: 'sub2', description: 'x', type: 1, options: long }] }))
      .toEqual(['0 APPLICATION_COMMAND_TOO_LARGE']);
    // Devanagari and Thai names are allowed (combining marks included).
    expect(errs({ ...base, name_localizations: { hi: 'खोजें', th: 'ค้นหา' } })).toEqual([]);
  });
});
