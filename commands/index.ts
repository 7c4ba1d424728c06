// Every slash command the bot serves. Add a module: create commands/<name>.ts exporting a CommandModule, list it here.
import type { CommandModule, MessageCommandModule } from '../src/bot/command.js';
import alerts from './alerts.js';
import article from './article.js';
import feeds from './feeds.js';
import findSources from './find-sources.js';
import help from './help.js';
import moderationCommands from './moderation.js';
import quotes from './quotes.js';
import search from './search.js';
import sources from './sources.js';
import whoSaid from './who-said.js';

export const commands: CommandModule[] = [whoSaid, search, quotes, article, sources, help, ...moderationCommands, feeds, alerts];
export default commands;

/** Message context-menu commands (right-click a message → Apps), registered with the question commands. */
export const messageCommands: MessageCommandModule[] = [findSources];
