// What a command module is. Adding a command = one file in commands/ exporting a CommandModule + one line in commands/index.ts.
import type {
  APIActionRowComponent, APIComponentInMessageActionRow, APIEmbed, ApplicationCommandOptionChoiceData,
  AutocompleteInteraction, ButtonInteraction, ChatInputCommandInteraction, ModalSubmitInteraction,
  RESTPostAPIChatInputApplicationCommandsJSONBody, AttachmentPayload, RepliableInteraction,
} from 'discord.js';
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

export function isPaged(r: HandlerResult | { update: Reply }): r is PagedReply {
  return !!r && typeof r === 'object' && 'pages' in r;
}

/** The shared `private` option: reply only to the asker. */
export const privateOption = {
  name: 'private',
  description: 'Show the answer only to you',
  type: 5,
  required: false,
} as const;

/** The shared `limit` option. */
export function limitOption(what: string, max: number) {
  return {
    name: 'limit',
    description: `How many ${what} at most (1-${max})`,
    type: 4,
    required: false,
    min_value: 1,
    max_value: max,
  } as const;
}
