// Interactions that arrive after the bot logged in but before the index is loaded: nothing is lost and nothing
// times out. Each is acknowledged in time (Discord allows 3 s) and handed to the router once the index is ready,
// whose answer then edits the "thinking…" message. Autocomplete cannot wait: it gets an empty list.
import { MessageFlags, type Interaction, type RepliableInteraction } from 'discord.js';
import type { CommandModule, MessageCommandModule } from './command.js';
import { AUTO_DEFER_MS, describe, describeError } from './router.js';

export interface EarlyOptions {
  commands: readonly CommandModule[];
  messageCommands: readonly MessageCommandModule[];
  log: (line: string) => void;
  /** Interaction age at which one not yet handed over is deferred (as the router's automatic deferral). */
  autoDeferMs?: number;
}

interface Held {
  interaction: Interaction;
  /** The deferral in flight, if any: the router must not send a first response before it has landed. */
  acknowledged: Promise<void>;
  timer?: NodeJS.Timeout;
}

export class EarlyInteractions {
  private readonly held: Held[] = [];
  private handler: ((i: Interaction) => void) | undefined;
  private readonly byName: Map<string, CommandModule>;
  private readonly messageByName: Map<string, MessageCommandModule>;

  constructor(private readonly opts: EarlyOptions) {
    this.byName = new Map(opts.commands.map((m) => [m.data.name, m]));
    this.messageByName = new Map(opts.messageCommands.map((m) => [m.data.name, m]));
  }

  /** How many wait for the index (for the start-up log line). */
  get waiting(): number {
    return this.held.length;
  }

  /** Handles `i` now if the router is there, otherwise holds it until release(). */
  receive(i: Interaction): void {
    if (this.handler) {
      this.handler(i);
      return;
    }
    if (i.isAutocomplete()) {
      i.respond([]).catch((err: unknown) => this.opts.log(`could not answer ${describe(i)}: ${describeError(err)}`));
      return;
    }
    if (!i.isRepliable()) return;
    const held: Held = { interaction: i, acknowledged: Promise.resolve() };
    const ephemeral = this.ephemeral(i);
    if (this.defersAnyway(i)) {
      // The router would defer it first thing: do it now, so the user sees "thinking…" at once.
      held.acknowledged = this.defer(i, ephemeral);
    } else {
      // It may open a modal (impossible after a deferral): wait as long as the router would before deferring.
      const delay = Math.max(0, (this.opts.autoDeferMs ?? AUTO_DEFER_MS) - (Date.now() - i.createdTimestamp));
      held.timer = setTimeout(() => {
        held.acknowledged = this.defer(i, ephemeral);
      }, delay);
    }
    this.held.push(held);
  }

  /** From now on every interaction goes to `handler`; the held ones first, in arrival order. */
  release(handler: (i: Interaction) => void): void {
    this.handler = handler;
    for (const h of this.held.splice(0)) {
      clearTimeout(h.timer);
      void h.acknowledged.then(() => handler(h.interaction));
    }
  }

  /** Drops what is held (the bot stops before the index is ready). */
  discard(): void {
    for (const h of this.held.splice(0)) clearTimeout(h.timer);
  }

  private defersAnyway(i: RepliableInteraction): boolean {
    if (i.isChatInputCommand()) return !!this.byName.get(i.commandName)?.defer;
    if (i.isMessageContextMenuCommand()) return !!this.messageByName.get(i.commandName)?.defer;
    return false;
  }

  /** The deferral the router would choose (a public "thinking…" cannot become a private answer). */
  private ephemeral(i: RepliableInteraction): boolean {
    if (i.isChatInputCommand()) return !!this.byName.get(i.commandName)?.ephemeral || i.options.getBoolean('private') === true;
    if (i.isMessageContextMenuCommand()) return this.messageByName.get(i.commandName)?.ephemeral !== false;
    return true;
  }

  private defer(i: RepliableInteraction, ephemeral: boolean): Promise<void> {
    return i.deferReply(ephemeral ? { flags: MessageFlags.Ephemeral } : {}).then(
      () => undefined,
      (err: unknown) => this.opts.log(`could not defer ${describe(i)}: ${describeError(err)}`),
    );
  }
}
