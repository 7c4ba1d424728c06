// Every slash command the bot serves. Add a module: create commands/<name>.ts exporting a CommandModule, list it here.
import type { CommandModule, MessageCommandModule } from '../src/bot/command.js';
import alerts from './alerts.js';
import article from './article.js';
import feeds from './feeds.js';
import findSources from './find-sources.js';
import help from './help.js';
import { localizeCommand } from './locales.js';
import moderationCommands from './moderation.js';
import quotes from './quotes.js';
import search from './search.js';
import sources from './sources.js';
import whoSaid from './who-said.js';

// Each definition gets its Ukrainian and Russian names and descriptions (commands/locales.ts) here, in one place.
export const commands: CommandModule[] = [whoSaid, search, quotes, article, sources, help, ...moderationCommands, feeds, alerts]
  .map((m) => ({ ...m, data: localizeCommand(m.data) }));
export default commands;

/** Message context-menu commands (right-click a message → Apps), registered with the question commands. */
export const messageCommands: MessageCommandModule[] = [findSources];
