// /sources — what the corpus holds.
import { privateOption, type ChatInputCommandData, type CommandModule } from '../src/bot/command.js';
import { messagesFor } from '../src/bot/i18n.js';
import { renderSources } from '../src/bot/render.js';

// `private` is read by the router (every command's answer can be private); the handler needs no option.
const data = {
  name: 'sources',
  description: 'List the articles the answers come from',
  options: [privateOption],
} as const satisfies ChatInputCommandData;

export const sources: CommandModule = {
  data,
  async execute(i, { engine }) {
    return renderSources(engine.sources(), messagesFor(i.locale).render);
  },
};
export default sources;
