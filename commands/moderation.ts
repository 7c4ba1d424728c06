// The moderators' commands, listed once so commands/index.ts needs a single entry.
import type { CommandModule } from '../src/bot/command.js';
import addArticle from './add-article.js';
import reindex from './reindex.js';
import removeArticle from './remove-article.js';
import replaceArticle from './replace-article.js';

export const moderationCommands: CommandModule[] = [addArticle, replaceArticle, removeArticle, reindex];
export default moderationCommands;
