/**
 * End-to-end test harness: a fake Discord (./server.ts) + the real talks-bot (discord.js Client) over a corpus.
 *
 *   const h = await startHarness({ corpusDir: await copyCorpus() });          // temp copy of ./corpus
 *   const a = await h.command('who-said', { topic: 'ceasefire' });            // as USERS.alice in the test guild
 *   a.text            // everything the user sees, flattened (content, embed titles/descriptions/fields/footers)
 *   a.ephemeral       // only the asker sees it
 *   const b = await h.click(a, 'Next ▶');                                     // a button by label or custom_id
 *   const c = await h.autocomplete('quotes', { speaker: 'yer' }, 'speaker');  // → choices
 *   const m = await h.command('add-article', {}, USERS.mod);                  // a.modal is the modal the bot opened
 *   const s = await h.submitModal(m, { body: '...', title: '...' }, USERS.mod);
 *   const f = await h.command('add-article', { file: file('a.txt', 'Title\n\nBody') }, USERS.mod);  // attachment option
 *   expect(h.fake.rejections).toEqual([]);  // nothing the bot sent broke a Discord rule
 *   await h.stop();
 *
 * Users: USERS.alice / USERS.bob (plain members), USERS.mod (Manage Messages), USERS.admin (Administrator),
 * USERS.dm (a DM, no guild). Make others with user({ roles: [...], permissions: ... }).
 * Settings: pass `env` (e.g. { COOLDOWN_SECONDS: '5', MOD_ROLE_IDS: '…', ALLOW_PRIVATE_URLS: 'true' });
 * the token, ids and DISCORD_API_URL are filled in. Commands: all of commands/index.ts plus `extraCommands`.
 * `h.send(...)` dispatches without waiting (for many at once); `await interaction.waitSettled()` later.
 * `h.fake.latencyMs`, `h.fake.failNext(...)`, `h.fake.deadlineMs` simulate a slow or failing Discord.
 * `await h.followUp(answer)` waits for a follow-up message (e.g. a notice sent after updating a message).
 * `h.logs` holds the bot's log lines; `h.now` / `h.advance(ms)` move the bot's clock (cooldowns, page expiry).
 * Without a harness (e.g. a bot in another process): interactionContext(fake, user) + commandOptions(fake, scope, name,
 * options) build the payload for fake.dispatchInteraction(); messageText(fi.original) reads the answer.
 * `fake.dispatchInteraction(payload, { ageMs })` delivers an interaction that reached the bot late (gateway lag).
 * Sharding: `new FakeDiscord({ shards: n })` recommends n shards and routes each guild's interactions to its shard
 * (test/bot-shard-sync.test.ts runs `npm run start:sharded` against it).
 */
import { cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { APIApplicationCommandOption } from 'discord.js';
import commandList from '../../commands/index.js';
import type { CommandModule } from '../../src/bot/command.js';
import { deployCommands } from '../../src/bot/deploy.js';
import { startBot, type RunningBot } from '../../src/bot/start.js';
import { loadConfig, type BotConfig } from '../../src/config.js';
import type { Engine } from '../../src/engine.js';
import { FLAG_EPHEMERAL, FakeDiscord, INTERACTION, snowflake, type FakeDiscordOptions, type FakeInteraction, type FakeMessage } from './server.js';

export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const SEED_CORPUS = join(REPO_ROOT, 'corpus');

export const PERMISSIONS = {
  ADMINISTRATOR: 1n << 3n,
  MANAGE_MESSAGES: 1n << 13n,
  /** A plain member: view channels, send messages, use application commands, etc. */
  MEMBER: (1n << 10n) | (1n << 11n) | (1n << 14n) | (1n << 15n) | (1n << 16n) | (1n << 31n),
} as const;

export interface TestUser {
  id: string;
  name: string;
  roles: string[];
  permissions: bigint;
  /** Interact from a DM (no guild, no member). */
  dm?: boolean;
  /** Interact in this guild of the fake (default: its first guild). */
  guildId?: string;
  /** The Discord client's language (interaction.locale), e.g. 'uk' or 'ru' (default 'en-US'). */
  locale?: string;
}

export function user(p: Partial<TestUser> = {}): TestUser {
  const id = p.id ?? snowflake();
  return { id, name: p.name ?? `user${id.slice(-4)}`, roles: p.roles ?? [], permissions: p.permissions ?? PERMISSIONS.MEMBER, dm: p.dm, guildId: p.guildId, locale: p.locale };
}

export const USERS = {
  alice: user({ name: 'alice' }),
  bob: user({ name: 'bob' }),
  mod: user({ name: 'mod', permissions: PERMISSIONS.MEMBER | PERMISSIONS.MANAGE_MESSAGES }),
  admin: user({ name: 'admin', permissions: PERMISSIONS.MEMBER | PERMISSIONS.ADMINISTRATOR }),
  dm: user({ name: 'dmuser', dm: true }),
};

/** An attachment option value: the fake serves `content` like Discord's CDN. */
export interface FileOption {
  file: { name: string; content: string | Buffer; contentType?: string };
}
export const file = (name: string, content: string | Buffer, contentType?: string): FileOption => ({ file: { name, content, contentType } });

export type OptionValue = string | number | boolean | FileOption;

/** A message in the channel, written by someone (for message context-menu commands). */
export interface TargetMessage {
  content: string;
  embeds?: Array<Record<string, unknown>>;
  attachments?: Array<Record<string, unknown>>;
  author?: TestUser;
}

export interface Select { custom_id: string; placeholder?: string; min_values?: number; max_values?: number; options: Array<{ label: string; value: string }> }

export function selectsOf(m: FakeMessage | undefined): Select[] {
  return (m?.components ?? []).flatMap((row) => ((row.components as Array<Record<string, unknown>> | undefined) ?? []))
    .filter((c) => c.type === 3) as unknown as Select[];
}

export interface Button { label?: string; custom_id?: string; disabled?: boolean; url?: string; style?: number }

/** What the user sees after one interaction. */
export interface Answer {
  interaction: FakeInteraction;
  /** The visible answer: the original response, or the last follow-up when the original was removed. */
  message?: FakeMessage;
  /** Every visible message of this interaction (original first, then follow-ups). */
  messages: FakeMessage[];
  ephemeral: boolean;
  content: string;
  embeds: Array<Record<string, unknown>>;
  buttons: Button[];
  /** Flattened text of `message`. */
  text: string;
  /** Autocomplete answer. */
  choices?: Array<{ name: string; value: string | number }>;
  /** The modal the bot opened (callback type 9). */
  modal?: Record<string, unknown>;
}

export interface HarnessOptions {
  /** Folder of articles the bot serves (used in place; see copyCorpus). Ignored when `engine` is given. */
  corpusDir?: string;
  engine?: Engine;
  env?: Record<string, string>;
  /** Replace the command list (default: commands/index.ts). */
  commands?: readonly CommandModule[];
  /** Added to the command list (e.g. a command that throws). */
  extraCommands?: readonly CommandModule[];
  fake?: FakeDiscordOptions;
  pageTtlMs?: number;
  autoDeferMs?: number;
  /** Wait this long after an answer for follow-ups (default 0). */
  quietMs?: number;
  timeoutMs?: number;
}

export interface Harness {
  fake: FakeDiscord;
  bot: RunningBot;
  engine: Engine;
  config: BotConfig;
  commands: readonly CommandModule[];
  logs: string[];
  guildId: string;
  channelId: string;
  /** The bot's clock (ms); advance(ms) moves it forward. */
  now(): number;
  advance(ms: number): void;
  send(name: string, options?: Record<string, OptionValue>, as?: TestUser): FakeInteraction;
  command(name: string, options?: Record<string, OptionValue>, as?: TestUser): Promise<Answer>;
  autocomplete(name: string, options: Record<string, OptionValue>, focused: string, as?: TestUser): Promise<Answer>;
  /** Press a button (by label or custom_id) on the answer's message. */
  click(on: Answer | FakeMessage, button: string, as?: TestUser): Promise<Answer>;
  /** Pick `values` in the string select (by custom_id or placeholder) on the answer's message. */
  select(on: Answer | FakeMessage, select: string, values: string[], as?: TestUser): Promise<Answer>;
  /** Right-click `target` (a message someone wrote) → Apps → `name`: a message context-menu command. */
  messageCommand(name: string, target: TargetMessage, as?: TestUser): Promise<Answer>;
  /** Submit the modal `on` opened (fields by custom_id), or a modal by custom_id. */
  submitModal(on: Answer | string, fields: Record<string, string>, as?: TestUser): Promise<Answer>;
  answerOf(fi: FakeInteraction): Answer;
  /** Wait until the interaction has at least `n` follow-up messages (default 1); returns the n-th. */
  followUp(on: Answer, n?: number): Promise<FakeMessage>;
  stop(): Promise<void>;
}

/** A temp copy of `src` (default: the repository's corpus/). Remove it with removeDir. */
export async function copyCorpus(src = SEED_CORPUS): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'talks-bot-corpus-'));
  await cp(src, dir, { recursive: true });
  return dir;
}

export async function removeDir(dir: string | undefined): Promise<void> {
  if (dir) await rm(dir, { recursive: true, force: true });
}

/** Everything a user would read in a message, one string. */
/** What (fake) Discord refused of what the bot sent, one readable line each: tests expect none. */
export function refusedRequests(fake: FakeDiscord): string[] {
  return fake.rejections.map((r) => `${r.method} ${r.path} ${r.status} ${JSON.stringify(r.response)}`);
}

export function messageText(m: FakeMessage | undefined): string {
  if (!m) return '';
  const parts = [m.content];
  for (const e of m.embeds) {
    const f = e.fields as Array<{ name: string; value: string }> | undefined;
    parts.push(String(e.title ?? ''), String(e.description ?? ''), ...(f ?? []).flatMap((x) => [x.name, x.value]));
    parts.push(String((e.footer as { text?: string } | undefined)?.text ?? ''));
  }
  return parts.filter(Boolean).join('\n');
}

function buttonsOf(m: FakeMessage | undefined): Button[] {
  return (m?.components ?? []).flatMap((row) => (row.components as Button[] | undefined) ?? []);
}

/** Who/where an interaction comes from: guild member (with roles and permissions) or DM user. */
export function interactionContext(fake: FakeDiscord, as: TestUser): Record<string, unknown> {
  const g = as.guildId ? fake.guilds.find((x) => x.id === as.guildId) : fake.guilds[0];
  if (!g) throw new Error(`the fake has no guild ${as.guildId}`);
  const channelId = g.channels![0]!.id;
  const u = { id: as.id, username: as.name, discriminator: '0', global_name: as.name, avatar: null, public_flags: 0 };
  const locale = as.locale ? { locale: as.locale } : {};
  if (as.dm) {
    const dm = snowflake();
    return { ...locale, user: u, channel_id: dm, channel: { id: dm, type: 1, recipients: [u] }, context: 1, app_permissions: String(PERMISSIONS.MEMBER) };
  }
  return {
    ...locale,
    guild_id: g.id,
    guild: { id: g.id, locale: 'en-US', features: [] },
    guild_locale: 'en-US',
    channel_id: channelId,
    channel: { id: channelId, type: 0, name: 'general', guild_id: g.id, permissions: String(as.permissions) },
    member: {
      user: u, roles: as.roles, permissions: String(as.permissions), joined_at: new Date().toISOString(),
      deaf: false, mute: false, flags: 0, nick: null, avatar: null, premium_since: null, pending: false, communication_disabled_until: null,
    },
    app_permissions: String(PERMISSIONS.MEMBER),
    context: 0,
  };
}

/**
 * The `data` of a chat-input or autocomplete interaction for command `name`, option types taken from what was
 * registered with the fake (scope `scope`: a guild id or 'global'). Attachments are served by the fake.
 */
export function commandOptions(fake: FakeDiscord, scope: string, fullName: string, options: Record<string, OptionValue>, focused?: string): Record<string, unknown> {
  // "feeds add" = subcommand `add` of /feeds: its options are nested under it.
  const [name, sub] = fullName.trim().split(/\s+/) as [string, string | undefined];
  const top = (fake.commands.get(scope) ?? fake.commands.get('global') ?? []).find((c) => c.name === name) as
    { id: string; name: string; options?: APIApplicationCommandOption[] } | undefined;
  const subDef = sub ? top?.options?.find((o) => o.name === sub && o.type === 1) as { options?: APIApplicationCommandOption[] } | undefined : undefined;
  const def = sub ? (top ? { id: top.id, name, options: subDef?.options } : undefined) : top;
  const resolvedAttachments: Record<string, unknown> = {};
  const opts = Object.entries(options).map(([key, value]) => {
    const type = def?.options?.find((o) => o.name === key)?.type
      ?? (typeof value === 'object' ? 11 : typeof value === 'boolean' ? 5 : typeof value === 'number' ? 4 : 3);
    let v: string | number | boolean;
    if (typeof value === 'object') {
      const att = fake.addFile(value.file.name, value.file.content, value.file.contentType);
      resolvedAttachments[att.id as string] = att;
      v = att.id as string;
    } else v = value;
    return { name: key, type, value: v, ...(focused === key ? { focused: true } : {}) };
  });
  return {
    id: def?.id ?? snowflake(), name, type: 1, options: sub ? [{ name: sub, type: 1, options: opts }] : opts,
    ...(Object.keys(resolvedAttachments).length ? { resolved: { attachments: resolvedAttachments } } : {}),
  };
}

export async function startHarness(opts: HarnessOptions = {}): Promise<Harness> {
  const fake = await new FakeDiscord(opts.fake).start();
  const logs: string[] = [];
  let offset = 0;
  const now = () => Date.now() + offset;
  const guild = fake.guilds[0]!;
  const channelId = guild.channels![0]!.id;
  const commands = [...(opts.commands ?? commandList), ...(opts.extraCommands ?? [])];
  let bot: RunningBot | undefined;
  try {
    const config = loadConfig({
      DISCORD_TOKEN: fake.token,
      DISCORD_CLIENT_ID: fake.applicationId,
      DISCORD_GUILD_ID: guild.id,
      DISCORD_API_URL: fake.apiUrl,
      CORPUS_DIR: opts.corpusDir ?? SEED_CORPUS,
      COOLDOWN_SECONDS: '0',
      ...opts.env,
    });
    // Loaded lazily so bot tests with a stub engine do not depend on the engine's modules.
    const engine = opts.engine ?? await (await import('../../src/engine.js')).Engine.open(config.corpusDir, { log: (l) => logs.push(l) });
    await deployCommands(config, commands);
    bot = await startBot({ config, engine, log: (l) => logs.push(l), commands, now, pageTtlMs: opts.pageTtlMs, autoDeferMs: opts.autoDeferMs });
    const running = bot;
    const timeoutMs = opts.timeoutMs ?? 10_000;
    const quietMs = opts.quietMs ?? 0;

    const base = (as: TestUser) => interactionContext(fake, as);
    const commandData = (name: string, options: Record<string, OptionValue>, focused?: string) => commandOptions(fake, guild.id, name, options, focused);

    const answerOf = (fi: FakeInteraction): Answer => {
      const visible = [fi.original, ...fi.followups].filter((m): m is FakeMessage => !!m && !m.deleted && !m.loading);
      const message = visible[0] === fi.original ? fi.original : visible.at(-1);
      const a: Answer = {
        interaction: fi,
        message,
        messages: visible,
        ephemeral: !!((message?.flags ?? 0) & FLAG_EPHEMERAL),
        content: message?.content ?? '',
        embeds: message?.embeds ?? [],
        buttons: buttonsOf(message),
        text: messageText(message),
      };
      if (fi.initial?.type === 8) a.choices = fi.initial.data.choices as Answer['choices'];
      if (fi.initial?.type === 9) a.modal = fi.initial.data;
      return a;
    };

    const settle = async (fi: FakeInteraction) => answerOf(await fi.waitSettled(timeoutMs, quietMs));

    const h: Harness = {
      fake, bot: running, engine, config, commands, logs, guildId: guild.id, channelId,
      now,
      advance(ms) { offset += ms; },
      send(name, options = {}, as = USERS.alice) {
        return fake.dispatchInteraction({ type: INTERACTION.command, data: commandData(name, options), ...base(as) });
      },
      command(name, options = {}, as = USERS.alice) {
        return settle(h.send(name, options, as));
      },
      autocomplete(name, options, focused, as = USERS.alice) {
        return settle(fake.dispatchInteraction({ type: INTERACTION.autocomplete, data: commandData(name, options, focused), ...base(as) }));
      },
      click(on, button, as = USERS.alice) {
        const msg = 'interaction' in on ? on.message : on;
        if (!msg) throw new Error('no message to click on');
        const b = buttonsOf(msg).find((x) => x.custom_id === button || x.label === button);
        if (!b?.custom_id) throw new Error(`no button "${button}" on the message (has: ${buttonsOf(msg).map((x) => x.label).join(', ')})`);
        return settle(fake.dispatchInteraction({
          type: INTERACTION.component,
          data: { custom_id: b.custom_id, component_type: 2 },
          message: fake.messageJson(msg),
          ...base(as),
        }));
      },
      select(on, select, values, as = USERS.alice) {
        const msg = 'interaction' in on ? on.message : on;
        if (!msg) throw new Error('no message to pick on');
        const s = selectsOf(msg).find((x) => x.custom_id === select || x.placeholder === select);
        if (!s) throw new Error(`no select "${select}" on the message`);
        return settle(fake.dispatchInteraction({
          type: INTERACTION.component,
          data: { custom_id: s.custom_id, component_type: 3, values },
          message: fake.messageJson(msg),
          ...base(as),
        }));
      },
      messageCommand(name, target, as = USERS.alice) {
        const registered = (fake.commands.get(guild.id) ?? fake.commands.get('global') ?? [])
          .find((c) => c.name === name && c.type === 3) as { id: string } | undefined;
        const author = target.author ?? USERS.bob;
        const id = snowflake();
        const message = {
          id, channel_id: channelId, type: 0, content: target.content, embeds: target.embeds ?? [], attachments: target.attachments ?? [],
          author: { id: author.id, username: author.name, discriminator: '0', global_name: author.name, avatar: null, public_flags: 0 },
          components: [], mentions: [], mention_roles: [], mention_everyone: false, pinned: false, tts: false,
          timestamp: new Date().toISOString(), edited_timestamp: null, flags: 0,
        };
        return settle(fake.dispatchInteraction({
          type: INTERACTION.command,
          data: { id: registered?.id ?? snowflake(), name, type: 3, target_id: id, resolved: { messages: { [id]: message } } },
          ...base(as),
        }));
      },
      submitModal(on, fields, as = USERS.alice) {
        const modal = typeof on === 'string' ? { custom_id: on, components: [] } : on.modal;
        if (!modal) throw new Error('that answer opened no modal');
        const rows = (modal.components as Array<Record<string, unknown>> | undefined) ?? [];
        const seen = new Set<string>();
        const components: unknown[] = rows.map((row) => {
          if (row.type === 18) {
            const c = row.component as { custom_id: string; type: number };
            seen.add(c.custom_id);
            return { type: 18, component: { type: c.type, custom_id: c.custom_id, value: fields[c.custom_id] ?? '' } };
          }
          const c = (row.components as Array<{ custom_id: string; type: number }>)[0]!;
          seen.add(c.custom_id);
          return { type: 1, components: [{ type: c.type, custom_id: c.custom_id, value: fields[c.custom_id] ?? '' }] };
        });
        for (const [k, v] of Object.entries(fields)) {
          if (!seen.has(k)) components.push({ type: 1, components: [{ type: 4, custom_id: k, value: v }] });
        }
        const from = typeof on === 'string' ? undefined : on.interaction.payload.message;
        return settle(fake.dispatchInteraction({
          type: INTERACTION.modalSubmit,
          data: { custom_id: modal.custom_id, components },
          ...(from ? { message: from } : {}),
          ...base(as),
        }));
      },
      answerOf,
      async followUp(on, n = 1) {
        const fi = on.interaction;
        await fi.waitFor(() => fi.followups.length >= n, timeoutMs, `follow-up #${n}`);
        return fi.followups[n - 1]!;
      },
      async stop() {
        await running.stop().catch(() => undefined);
        await fake.stop();
      },
    };
    return h;
  } catch (err) {
    await bot?.stop().catch(() => undefined);
    await fake.stop();
    throw err;
  }
}
