// Routes every interaction to its command module and sends what the handler returned, in the one way Discord accepts
// at that moment (reply / edit of a deferral / follow-up / update). Errors become an ephemeral apology, never a crash.
import {
  GuildMemberRoleManager, MessageFlags, type AutocompleteInteraction, type ButtonInteraction, type ChatInputCommandInteraction,
  type Interaction, type MessageComponentInteraction, type MessageContextMenuCommandInteraction, type ModalSubmitInteraction,
  type StringSelectMenuInteraction,
  type RepliableInteraction,
} from 'discord.js';
import { isPaged, type CommandContext, type CommandModule, type HandlerResult, type MessageCommandModule, type Reply } from './command.js';
import { Cooldowns } from './cooldown.js';
import { LIMITS, choice, clampMessage } from './limits.js';
import { PAGE_PREFIX, PARAGRAPHS_PREFIX, PageStore, pageButtons, parseParagraphPress, parsePageButton } from './pages.js';
import { notice, renderParagraphs } from './render.js';
import { LOCALES, messagesFor, refusalText, userErrorText, type Messages } from './i18n.js';
import type { ParagraphAnswer } from '../answers.js';
import { EngineError } from '../engine.js';
import { UserError } from '../errors.js';
import { canModerate, type ModerationRules } from '../moderation/permissions.js';

/** Defer any command not answered once this much of Discord's 3 s has gone (slow handler, queueing under load). */
export const AUTO_DEFER_MS = 2000;

/** The English table (what tests assert); every interaction is answered from messagesFor(its locale). */
export const MESSAGES: Messages = LOCALES.en;

export interface RouterOptions extends Omit<CommandContext, 'commands' | 'defer' | 'deferUpdate' | 'showModal' | 'corpusChanged'> {
  commands: readonly CommandModule[];
  /** Message context-menu commands (right-click a message → Apps). */
  messageCommands?: readonly MessageCommandModule[];
  /** Tells the other shards about a corpus change (see corpus-sync.ts); default: nothing to tell. */
  corpusChanged?: CommandContext['corpusChanged'];
  /** How long Previous/Next keep working. */
  pageTtlMs?: number;
  /** Interaction age at which an unanswered command or modal submit is deferred automatically. */
  autoDeferMs?: number;
  /** Told once per slash command when it is done (logs and metrics). */
  onCommand?: (e: CommandEvent) => void;
}

/** How a slash command ended: answered, the user's question refused (engine's message, cooldown, unknown) or failed. */
export type CommandOutcome = 'ok' | 'user-error' | 'refused' | 'error';
export interface CommandEvent {
  /** The command's name, or 'unknown' for a name this bot does not have. */
  command: string;
  outcome: CommandOutcome;
  ms: number;
}

export class Router {
  private readonly byName = new Map<string, CommandModule>();
  private readonly messageByName = new Map<string, MessageCommandModule>();
  private readonly ctx: CommandContext;
  private readonly cooldowns: Cooldowns;
  readonly pages: PageStore;
  private readonly autoDeferMs: number;
  /** Where and by whom moderatorOnly modules may run. */
  private readonly moderation: ModerationRules;
  private readonly onCommand?: (e: CommandEvent) => void;
  /** Initial responses (deferrals, modals) sent or in flight: a send must wait for them, or it would be a second one. */
  private readonly deferring = new WeakMap<RepliableInteraction, Promise<void>>();
  /** Button presses acknowledged with deferUpdate: their answer changes the pressed message. */
  private readonly updating = new WeakSet<ButtonInteraction>();

  constructor(opts: RouterOptions) {
    for (const m of opts.commands) {
      if (this.byName.has(m.data.name)) throw new Error(`two commands are named ${m.data.name}`);
      this.byName.set(m.data.name, m);
    }
    for (const m of opts.messageCommands ?? []) {
      if (this.messageByName.has(m.data.name)) throw new Error(`two message commands are named ${m.data.name}`);
      this.messageByName.set(m.data.name, m);
    }
    this.ctx = {
      engine: opts.engine, config: opts.config, log: opts.log, now: opts.now, commands: opts.commands,
      defer: (i, ephemeral) => this.defer(i, ephemeral),
      deferUpdate: (i) => this.acknowledge(i, () => {
        this.updating.add(i);
        return i.deferUpdate();
      }),
      showModal: async (i, modal) => {
        if (i.replied || i.deferred || this.deferring.has(i)) return false;
        await this.acknowledge(i, () => i.showModal(modal));
        return true;
      },
      corpusChanged: opts.corpusChanged ?? (async () => undefined),
    };
    this.cooldowns = new Cooldowns(opts.config.cooldownSeconds, opts.now);
    this.pages = new PageStore(opts.pageTtlMs ?? 10 * 60_000, opts.now);
    this.autoDeferMs = opts.autoDeferMs ?? AUTO_DEFER_MS;
    this.moderation = { guildIds: opts.config.modGuildIds, roleIds: opts.config.modRoleIds };
    this.onCommand = opts.onCommand;
  }

  /**
   * The one server-side check for moderatorOnly modules (Discord's default_member_permissions can be changed by any
   * server's admins, and commands may still be registered globally from an older deploy). Null when allowed.
   */
  private refusal(m: CommandModule, i: Interaction, what: string): Reply | null {
    if (!m.moderatorOnly) return null;
    const member = i.inGuild() && i.member
      ? {
        roles: i.member.roles instanceof GuildMemberRoleManager ? [...i.member.roles.cache.keys()] : i.member.roles,
        permissions: i.memberPermissions?.bitfield ?? null,
      }
      : null;
    const decision = canModerate({ guildId: i.guildId, member }, this.moderation);
    if (decision.allowed) return null;
    this.ctx.log(`moderation refused: ${what} by user ${i.user.id} (${i.user.username}) in ${i.guildId ? `guild ${i.guildId}` : 'DM'}: ${decision.reason}`);
    return { ...notice(`⛔ ${refusalText(messagesFor(i.locale), decision.reason)}`), ephemeral: true };
  }

  /** Never throws: everything that goes wrong is logged and, when possible, answered. */
  async handle(i: Interaction): Promise<void> {
    const started = Date.now();
    let outcome: CommandOutcome = 'ok';
    try {
      if (i.isChatInputCommand()) outcome = await this.command(i);
      else if (i.isMessageContextMenuCommand()) outcome = await this.messageCommand(i);
      else if (i.isAutocomplete()) await this.autocomplete(i);
      else if (i.isButton()) await this.button(i);
      else if (i.isStringSelectMenu()) await this.select(i);
      else if (i.isModalSubmit()) await this.modal(i);
      else if (i.isRepliable()) await this.send(i, notice(messagesFor(i.locale).staleButton));
    } catch (err) {
      outcome = err instanceof UserError ? 'user-error' : 'error';
      await this.apologize(i, err);
    }
    if ((i.isChatInputCommand() || i.isMessageContextMenuCommand()) && this.onCommand) {
      const command = this.byName.has(i.commandName) || this.messageByName.has(i.commandName) ? i.commandName : 'unknown';
      try {
        this.onCommand({ command, outcome, ms: Date.now() - started });
      } catch (err) {
        this.ctx.log(`command listener failed: ${describeError(err)}`);
      }
    }
  }

  private async command(i: ChatInputCommandInteraction): Promise<CommandOutcome> {
    const m = this.byName.get(i.commandName);
    if (!m) {
      this.ctx.log(`unknown command /${i.commandName} from user ${i.user.id}`);
      await this.send(i, notice(messagesFor(i.locale).unknownCommand(i.commandName)));
      return 'refused';
    }
    const refused = this.refusal(m, i, `/${m.data.name}`);
    if (refused) {
      await this.send(i, refused);
      return 'refused';
    }
    if (m.heavy && await this.coolingDown(i)) return 'refused';
    const ephemeral = !!m.ephemeral || i.options.getBoolean('private') === true;
    if (m.defer) await this.defer(i, ephemeral);
    const disarm = this.armAutoDefer(i, ephemeral);
    try {
      const result = await m.execute(i, this.ctx);
      await this.deliver(i, result, ephemeral, m.data.name);
    } finally {
      disarm();
    }
    return 'ok';
  }

  /** Whether the user must still wait before another heavy command (they are told how long). */
  private async coolingDown(i: ChatInputCommandInteraction | MessageContextMenuCommandInteraction): Promise<boolean> {
    const wait = this.cooldowns.take(i.user.id);
    if (wait <= 0) return false;
    await this.send(i, notice(messagesFor(i.locale).cooldown(Math.ceil(wait / 1000))));
    return true;
  }

  /** A message context-menu command: always answered privately (it reads someone else's message). */
  private async messageCommand(i: MessageContextMenuCommandInteraction): Promise<CommandOutcome> {
    const m = this.messageByName.get(i.commandName);
    if (!m) {
      this.ctx.log(`unknown message command "${i.commandName}" from user ${i.user.id}`);
      await this.send(i, notice(messagesFor(i.locale).staleButton));
      return 'refused';
    }
    if (m.heavy && await this.coolingDown(i)) return 'refused';
    const ephemeral = m.ephemeral !== false;
    if (m.defer) await this.defer(i, ephemeral);
    const disarm = this.armAutoDefer(i, ephemeral);
    try {
      await this.deliver(i, await m.executeMessage(i, this.ctx), ephemeral, m.data.name);
    } finally {
      disarm();
    }
    return 'ok';
  }

  private async select(i: StringSelectMenuInteraction): Promise<void> {
    if (i.customId.startsWith(`${PARAGRAPHS_PREFIX}:`)) return this.showParagraphs(i, i.values);
    await this.send(i, notice(messagesFor(i.locale).staleButton));
  }

  /**
   * "Show paragraphs" on a who-said/search answer: anyone may press it (it only reads), and only the presser sees
   * the answer. Paragraphs gone since (article removed or shortened) are left out; none left: the stale reply.
   */
  private async showParagraphs(i: ButtonInteraction | StringSelectMenuInteraction, values?: readonly string[]): Promise<void> {
    const press = parseParagraphPress(i.customId, values);
    const found: ParagraphAnswer[] = [];
    for (const r of press?.refs ?? []) {
      try {
        found.push(this.ctx.engine.paragraph(r.article, r.paragraph));
      } catch (err) {
        if (!(err instanceof EngineError)) throw err;
      }
    }
    if (!press || !found.length) {
      await this.send(i, notice(messagesFor(i.locale).staleButton));
      return;
    }
    await this.deliver(i, renderParagraphs(found, messagesFor(i.locale).render), true, press.command);
  }

  private async autocomplete(i: AutocompleteInteraction): Promise<void> {
    const m = this.byName.get(i.commandName);
    let choices: Array<{ name: string; value: string | number }> = [];
    try {
      choices = m?.autocomplete && !this.refusal(m, i, `/${m.data.name} (autocomplete)`) ? await m.autocomplete(i, this.ctx) : [];
    } catch (err) {
      this.ctx.log(`autocomplete /${i.commandName} failed: ${describeError(err)}`);
    }
    const safe: Array<{ name: string; value: string | number }> = [];
    for (const c of choices) {
      const ok = choice(c.name, String(c.value));
      if (ok) safe.push({ name: ok.name, value: c.value });
      if (safe.length === LIMITS.choices) break;
    }
    if (!i.responded) await i.respond(safe);
  }

  private async button(i: ButtonInteraction): Promise<void> {
    if (i.customId.startsWith(`${PAGE_PREFIX}:`)) return this.turnPage(i);
    if (i.customId.startsWith(`${PARAGRAPHS_PREFIX}:`)) return this.showParagraphs(i);
    const [name, ...args] = i.customId.split(':');
    const m = this.byName.get(name ?? '');
    if (!m?.button) {
      await this.send(i, notice(messagesFor(i.locale).staleButton));
      return;
    }
    const refused = this.refusal(m, i, `/${m.data.name} (button)`);
    if (refused) {
      await this.send(i, refused);
      return;
    }
    let result: Awaited<ReturnType<NonNullable<CommandModule['button']>>>;
    try {
      result = await m.button(i, this.ctx, args);
    } catch (err) {
      if (!(err instanceof UserError) || !this.updating.has(i)) throw err;
      // Refused after the press was acknowledged as an update: the reason goes on top of the message, which stays
      // (a review card keeps its buttons, so the moderator can try again).
      this.logRefusal(i, err);
      result = { update: { content: userErrorText(messagesFor(i.locale), err) } };
    }
    if (result && typeof result === 'object' && 'update' in result) {
      const body = toOptions(clampMessage(result.update));
      let updated = false;
      await this.acknowledge(i, async () => {
        updated = true;
        await i.update(body);
      });
      // After a deferral (the handler called ctx.deferUpdate or ctx.defer), the message is changed by editing the reply.
      if (!updated) await i.editReply(body);
      return;
    }
    await this.deliver(i, result, !!m.ephemeral, m.data.name);
  }

  private async modal(i: ModalSubmitInteraction): Promise<void> {
    const [name, ...args] = i.customId.split(':');
    const m = this.byName.get(name ?? '');
    if (!m?.modal) {
      await this.send(i, notice(messagesFor(i.locale).staleButton));
      return;
    }
    const refused = this.refusal(m, i, `/${m.data.name} (modal)`);
    if (refused) {
      await this.send(i, refused);
      return;
    }
    if (m.defer) await this.defer(i, !!m.ephemeral);
    const disarm = this.armAutoDefer(i, !!m.ephemeral);
    try {
      const result = await m.modal(i, this.ctx, args);
      await this.deliver(i, result, !!m.ephemeral, m.data.name);
    } finally {
      disarm();
    }
  }

  private async turnPage(i: ButtonInteraction): Promise<void> {
    const b = parsePageButton(i.customId);
    if (!b) {
      await this.send(i, notice(messagesFor(i.locale).staleButton));
      return;
    }
    if (b.owner !== i.user.id) {
      await this.send(i, notice(messagesFor(i.locale).notYourPages(b.command)));
      return;
    }
    const entry = this.pages.get(b.key);
    if (!entry) {
      // Take the dead buttons off the message, then say why.
      await i.update({ components: [] });
      await i.followUp({ content: messagesFor(i.locale).expiredPages(b.command), flags: MessageFlags.Ephemeral });
      return;
    }
    const index = Math.min(b.page, entry.pages.length - 1);
    const page = entry.pages[index]!;
    await i.update(toOptions({
      ...page,
      content: page.content ?? '',
      components: [...(page.components ?? []), pageButtons(entry.command, b.key, entry.owner, index, entry.pages.length, messagesFor(i.locale).render)],
    }));
  }

  /**
   * Defer `i` if nothing was sent by the time it is autoDeferMs old. Handlers that reply themselves (modals) must do
   * so quickly; everything sent through the router waits for a deferral in flight.
   */
  private armAutoDefer(i: RepliableInteraction, ephemeral: boolean): () => void {
    const delay = Math.max(0, this.autoDeferMs - (Date.now() - i.createdTimestamp));
    const timer = setTimeout(() => {
      this.defer(i, ephemeral).catch((err) => this.ctx.log(`could not defer ${describe(i)}: ${describeError(err)}`));
    }, delay);
    return () => clearTimeout(timer);
  }

  /** The one way to defer: at most one deferral per interaction, and never after an answer. */
  private defer(i: RepliableInteraction, ephemeral: boolean): Promise<void> {
    return this.acknowledge(i, () => i.deferReply(ephemeral ? { flags: MessageFlags.Ephemeral } : {}));
  }

  /**
   * Sends `first` as the interaction's initial response unless one was sent or is in flight (then waits for that
   * one): every initial response goes through here, so two can never race.
   */
  private async acknowledge(i: RepliableInteraction, first: () => Promise<unknown>): Promise<void> {
    const pending = this.deferring.get(i);
    if (pending) return pending;
    if (i.replied || i.deferred) return;
    const p = first().then(() => undefined);
    this.deferring.set(i, p.catch(() => undefined));
    return p;
  }

  private async deliver(i: RepliableInteraction, result: HandlerResult, ephemeral: boolean, command: string): Promise<void> {
    if (!result) {
      if (!i.replied && !i.deferred) {
        this.ctx.log(`/${command} returned nothing and did not answer`);
        await this.send(i, notice(messagesFor(i.locale).done));
      }
      return;
    }
    if (!isPaged(result)) {
      await this.send(i, { ...result, ephemeral: result.ephemeral ?? ephemeral });
      return;
    }
    const pages = result.pages;
    const eph = result.ephemeral ?? ephemeral;
    if (pages.length <= 1) {
      await this.send(i, { ...(pages[0] ?? notice(messagesFor(i.locale).nothingToShow)), ephemeral: eph });
      return;
    }
    const key = this.pages.put(i.user.id, command, pages);
    const first = pages[0]!;
    await this.send(i, {
      ...first,
      ephemeral: eph,
      components: [...(first.components ?? []), pageButtons(command, key, i.user.id, 0, pages.length, messagesFor(i.locale).render)],
    });
  }

  /**
   * Send `reply` in whatever way this interaction still allows. A first answer goes through acknowledge() like a
   * deferral, so the auto-defer timer firing while the reply is in flight waits for it instead of sending a second.
   */
  private async send(i: RepliableInteraction, reply: Reply): Promise<void> {
    const msg = clampMessage(reply);
    const eph = !!msg.ephemeral;
    let answered = false;
    await this.acknowledge(i, async () => {
      answered = true;
      await i.reply({ ...toOptions(msg), flags: eph ? MessageFlags.Ephemeral : undefined });
    });
    if (answered) return;
    if (i.deferred && !i.replied) {
      if (eph && !i.ephemeral) {
        // A private message cannot replace a public "thinking…": remove it and answer privately instead.
        await i.deleteReply().catch(() => undefined);
        await i.followUp({ ...toOptions(msg), flags: MessageFlags.Ephemeral });
        return;
      }
      await i.editReply({ ...toOptions(msg), content: msg.content ?? '' });
    } else if (i.replied) {
      await i.followUp({ ...toOptions(msg), flags: eph ? MessageFlags.Ephemeral : undefined });
    } else {
      // The initial response in flight failed (nothing was sent): this is the first answer after all.
      await i.reply({ ...toOptions(msg), flags: eph ? MessageFlags.Ephemeral : undefined });
    }
  }

  private async apologize(i: Interaction, err: unknown): Promise<void> {
    if (err instanceof UserError && i.isRepliable()) {
      // Refused as asked (empty topic, unknown id, a moderator's bad file): the message is meant for the user. This
      // is the one place handlers' refusals become replies: handlers throw, never catch to answer.
      this.logRefusal(i, err);
      try {
        await this.send(i, notice(userErrorText(messagesFor(i.locale), err)));
        return;
      } catch (again) {
        this.ctx.log(`could not answer ${describe(i)}: ${describeError(again)}`);
        return;
      }
    }
    this.ctx.log(`error in ${describe(i)}: ${describeError(err)}`);
    try {
      if (i.isAutocomplete()) {
        if (!i.responded) await i.respond([]);
      } else if (i.isRepliable()) {
        await this.send(i, notice(messagesFor(i.locale).apology));
      }
    } catch (again) {
      this.ctx.log(`could not apologize in ${describe(i)}: ${describeError(again)}`);
    }
  }

  private logRefusal(i: Interaction, err: UserError): void {
    const code = 'code' in err && typeof err.code === 'string' ? ` (${err.code})` : '';
    this.ctx.log(`${describe(i)} refused${code}: ${err.message}`);
  }
}

/** The message fields every send method accepts (reply, editReply, followUp, update). */
type MessageBody = Pick<Reply, 'content' | 'embeds' | 'components' | 'files'> & { allowedMentions: { parse: [] } };

function toOptions(r: Reply): MessageBody {
  const o: MessageBody = { allowedMentions: { parse: [] } }; // the client default says the same; belt and braces
  if (r.content !== undefined) o.content = r.content;
  if (r.embeds) o.embeds = r.embeds;
  if (r.components) o.components = r.components;
  if (r.files) o.files = r.files;
  return o;
}

export function describe(i: Interaction): string {
  const where = i.guildId ? `guild ${i.guildId}` : 'DM';
  if (i.isChatInputCommand() || i.isAutocomplete()) return `/${i.commandName} by user ${i.user.id} in ${where}`;
  if (i.isMessageContextMenuCommand()) return `message command "${i.commandName}" by user ${i.user.id} in ${where}`;
  if ((i as MessageComponentInteraction).customId !== undefined) {
    return `component ${(i as MessageComponentInteraction).customId.split(':').slice(0, 2).join(':')} by user ${i.user.id} in ${where}`;
  }
  return `interaction type ${i.type} by user ${i.user.id} in ${where}`;
}

export function describeError(err: unknown): string {
  if (err instanceof Error) return err.stack ?? `${err.name}: ${err.message}`;
  return String(err);
}
