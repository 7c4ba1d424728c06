// What a command module is. Adding a command = one file in commands/ exporting a CommandModule + one line in commands/index.ts.
import {
  ApplicationCommandOptionType, ApplicationCommandType,
  type APIActionRowComponent, type APIApplicationCommandBasicOption, type APIComponentInMessageActionRow, type APIEmbed, type ApplicationCommandOptionChoiceData,
  type Attachment, type AutocompleteInteraction, type ButtonInteraction, type ChatInputCommandInteraction,
  type ModalSubmitInteraction, type RESTPostAPIChatInputApplicationCommandsJSONBody, type AttachmentPayload,
  type RepliableInteraction, type User, type MessageContextMenuCommandInteraction,
  type RESTPostAPIContextMenuApplicationCommandsJSONBody,
} from 'discord.js';
import { UserError } from '../errors.js';
import type { Engine } from '../engine.js';
import type { BotConfig } from '../config.js';

/** A message to show the user. The router sends it in the right way (reply, edit of a deferral, or update). */
export interface Reply {
  content?: string;
  embeds?: APIEmbed[];
  components?: Array<APIActionRowComponent<APIComponentInMessageActionRow>>;
  files?: AttachmentPayload[];
  /** Only the user sees it. Ignored once a public deferral was sent (the deferral decides). */
  ephemeral?: boolean;
}

/** Several pages of one answer: the router shows the first with Previous/Next buttons only the asker can use. */
export interface PagedReply {
  pages: Reply[];
  ephemeral?: boolean;
}

export type HandlerResult = Reply | PagedReply | void;

export interface CommandContext {
  engine: Engine;
  config: BotConfig;
  /** One line per call; never pass secrets. */
  log: (line: string) => void;
  /** Milliseconds; injectable so tests can move time (cooldowns, page expiry). */
  now: () => number;
  /** Every registered command (for /help). */
  commands: readonly CommandModule[];
  /**
   * Defer `interaction` unless it was already answered or deferred, coordinated with the router's automatic
   * deferral (calling interaction.deferReply() yourself can race it and be refused as a second response).
   * On a button this posts a new reply ("thinking…"); to change the button's own message, return `{ update }` quickly.
   */
  defer(interaction: RepliableInteraction, ephemeral: boolean): Promise<void>;
  /**
   * Acknowledge a button press now and change its message later (return `{ update }`): for buttons whose work may
   * take a while, since buttons are not deferred automatically. Coordinated like defer().
   */
  deferUpdate(interaction: ButtonInteraction): Promise<void>;
  /**
   * Open a modal as the first answer, coordinated with the automatic deferral. Resolves false (nothing sent) when
   * it is too late: the interaction was already answered or deferred.
   */
  showModal(interaction: ChatInputCommandInteraction | ButtonInteraction, modal: ModalData): Promise<boolean>;
  /**
   * Call after changing files in the corpus folder (and re-indexing them here): the other shards re-read those
   * articles ('all' = a full reindex). Resolves when they have, or after a time limit; never rejects.
   * A no-op when the bot runs as one process.
   */
  corpusChanged(change: readonly string[] | 'all'): Promise<void>;
}

/** What interaction.showModal accepts. */
export type ModalData = Parameters<ChatInputCommandInteraction['showModal']>[0];

export interface CommandModule {
  /** The definition registered with Discord (npm run deploy). */
  data: RESTPostAPIChatInputApplicationCommandsJSONBody;
  /** Heavy commands get the per-user cooldown. */
  heavy?: boolean;
  /**
   * Defer before execute (the work may exceed Discord's 3 s). The deferral is ephemeral when the `private`
   * option is true or `ephemeral` below is set. Commands that open a modal must leave this off.
   */
  defer?: boolean;
  /** Replies of this command are always ephemeral (e.g. moderation). */
  ephemeral?: boolean;
  /**
   * Changes the shared corpus: the router lets it (and its buttons, modals and autocomplete) run only in the servers
   * that own the corpus (MOD_GUILD_IDS), for moderators; `npm run deploy` registers it only in those servers.
   */
  moderatorOnly?: boolean;
  execute(interaction: ChatInputCommandInteraction, ctx: CommandContext): Promise<HandlerResult>;
  /** Return ≤25 choices; the router clamps names/values to Discord's limits. */
  autocomplete?(interaction: AutocompleteInteraction, ctx: CommandContext): Promise<ApplicationCommandOptionChoiceData<string | number>[]>;
  /** Buttons whose custom_id is `<command name>:<args...>`; `args` are the parts after the name. By default the reply updates the message. */
  button?(interaction: ButtonInteraction, ctx: CommandContext, args: string[]): Promise<HandlerResult | { update: Reply }>;
  /** Modal submits whose custom_id is `<command name>:<args...>`. */
  modal?(interaction: ModalSubmitInteraction, ctx: CommandContext, args: string[]): Promise<HandlerResult>;
}

/**
 * A message context-menu command (right-click a message → Apps → name): `data.type` 3, a name of 1–32 characters
 * (spaces and capitals allowed), no description, no options. Registered by `npm run deploy` with the question commands.
 */
export interface MessageCommandModule {
  data: RESTPostAPIContextMenuApplicationCommandsJSONBody & { type: ApplicationCommandType.Message };
  /** Heavy commands get the per-user cooldown. */
  heavy?: boolean;
  /** Replies are always private to the user who used it. */
  ephemeral?: boolean;
  /** Defer before executeMessage. */
  defer?: boolean;
  executeMessage(interaction: MessageContextMenuCommandInteraction, ctx: CommandContext): Promise<HandlerResult>;
}

export function isPaged(r: HandlerResult | { update: Reply }): r is PagedReply {
  return !!r && typeof r === 'object' && 'pages' in r;
}

// Typed options. A definition written `{ ... } as const satisfies RESTPostAPIChatInputApplicationCommandsJSONBody`
// keeps every option's name, type and `required` as literal types; OptionsOf maps them to `{ name: value }` and
// optionsOf(i, definition) reads them, so a handler naming an option its definition lacks does not compile.
//
//   const data = { name: 'x', description: '…', options: [{ name: 'topic', type: ApplicationCommandOptionType.String,
//     description: '…', required: true }, limitOption('quotes', 50)] } as const satisfies ChatInputCommandData;
//   execute(i) { const { topic, limit = 25 } = optionsOf(i, data); … }   // topic: string, limit: number | undefined

export type ChatInputCommandData = RESTPostAPIChatInputApplicationCommandsJSONBody;

/** What optionsOf gives for each option type. Channels, roles and mentionables are given as their ids. */
interface OptionValueByType {
  [ApplicationCommandOptionType.String]: string;
  [ApplicationCommandOptionType.Integer]: number;
  [ApplicationCommandOptionType.Number]: number;
  [ApplicationCommandOptionType.Boolean]: boolean;
  [ApplicationCommandOptionType.User]: User;
  [ApplicationCommandOptionType.Channel]: string;
  [ApplicationCommandOptionType.Role]: string;
  [ApplicationCommandOptionType.Mentionable]: string;
  [ApplicationCommandOptionType.Attachment]: Attachment;
}

/** The shape of an option in a definition, as far as reading it goes. */
interface OptionShape {
  readonly name: string;
  readonly type: ApplicationCommandOptionType;
  readonly required?: boolean;
  readonly options?: readonly OptionShape[];
}

type ValueOf<O> = O extends { readonly type: infer T extends keyof OptionValueByType } ? OptionValueByType[T] : never;
type Simplify<T> = { [K in keyof T]: T[K] } & unknown;
type Leaf<O> = O extends { readonly type: ApplicationCommandOptionType.Subcommand | ApplicationCommandOptionType.SubcommandGroup } ? never : O;

/** `{ name: value }` for a list of option definitions: required ones always there, the others optional. */
export type OptionsOf<Opts> = Opts extends readonly unknown[]
  ? Simplify<
    { [O in Leaf<Opts[number]> as O extends { readonly required: true; readonly name: infer N extends string } ? N : never]: ValueOf<O> } &
    { [O in Leaf<Opts[number]> as O extends { readonly required: true } ? never : O extends { readonly name: infer N extends string } ? N : never]?: ValueOf<O> }
  >
  : Record<never, never>;

type SubcommandOf<Opts> = Opts extends readonly unknown[]
  ? Extract<Opts[number], { readonly type: ApplicationCommandOptionType.Subcommand }>
  : never;

/**
 * A command's options as the handler gets them from optionsOf: `{ name: value }`, or for a command with subcommands
 * one of `{ subcommand: 'add', …add's options }` | `{ subcommand: 'list' }` | … (switch on `subcommand`).
 */
export type ArgsOf<D> = D extends { readonly options: infer Opts }
  ? [SubcommandOf<Opts>] extends [never]
    ? OptionsOf<Opts>
    : SubcommandOf<Opts> extends infer S
      ? S extends { readonly name: infer N extends string } ? Simplify<{ subcommand: N } & OptionsOf<S extends { readonly options: infer SO } ? SO : []>> : never
      : never
  : Record<never, never>;

/** Thrown when an interaction names a subcommand the definition does not have (only a hand-made request can). */
export class UnknownSubcommandError extends UserError {
  override name = 'UnknownSubcommandError';
}

/**
 * Reads the options `definition` declares from `i`, typed by ArgsOf. Absent optional options are left out, so
 * `const { limit = 25 } = optionsOf(i, data)` gives the default. A required option that is missing (a hand-made
 * request) throws like discord.js's own getters.
 */
export function optionsOf<const D extends ChatInputCommandData>(i: ChatInputCommandInteraction, definition: D): ArgsOf<D> {
  const declared = (definition.options ?? []) as readonly OptionShape[];
  const subs = declared.filter((o) => o.type === ApplicationCommandOptionType.Subcommand);
  if (!subs.length) return readOptions(i, declared) as ArgsOf<D>;
  const name = i.options.getSubcommand(false);
  const sub = subs.find((o) => o.name === name);
  if (!sub) throw new UnknownSubcommandError(`/${definition.name} has no subcommand ${JSON.stringify((name ?? '').slice(0, 40))}. Try /help.`);
  const args: Record<string, unknown> = { subcommand: sub.name, ...readOptions(i, sub.options ?? []) };
  return args as ArgsOf<D>;
}

function readOptions(i: ChatInputCommandInteraction, declared: readonly OptionShape[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const o of declared) {
    const v = readOption(i, o);
    if (v !== undefined && v !== null) out[o.name] = v;
  }
  return out;
}

function readOption(i: ChatInputCommandInteraction, o: OptionShape): unknown {
  const required = o.required === true;
  const T = ApplicationCommandOptionType;
  switch (o.type) {
    case T.String: return i.options.getString(o.name, required);
    case T.Integer: return i.options.getInteger(o.name, required);
    case T.Number: return i.options.getNumber(o.name, required);
    case T.Boolean: return i.options.getBoolean(o.name, required);
    case T.User: return i.options.getUser(o.name, required);
    case T.Attachment: return i.options.getAttachment(o.name, required);
    // Ids: what the handlers store and mention (<#id>), without needing the channel or role in the cache.
    case T.Channel: case T.Role: case T.Mentionable: {
      const v = i.options.get(o.name, required)?.value;
      return typeof v === 'string' ? v : undefined;
    }
    default: return undefined;
  }
}

/**
 * A list of options shared by several definitions, kept as literal types (like `as const`) but mutable, as the
 * definition type wants: `options: [...sharedOptions()]` or `options: sharedOptions()` inside `as const satisfies`.
 */
export function optionList<const T extends APIApplicationCommandBasicOption[]>(...options: T): T {
  return options;
}

/** The shared `private` option: reply only to the asker. */
export const privateOption = {
  name: 'private',
  description: 'Show the answer only to you',
  type: ApplicationCommandOptionType.Boolean,
  required: false,
} as const;

/** The shared `limit` option. */
export function limitOption(what: string, max: number) {
  return {
    name: 'limit',
    description: `How many ${what} at most (1-${max})`,
    type: ApplicationCommandOptionType.Integer,
    required: false,
    min_value: 1,
    max_value: max,
  } as const;
}
