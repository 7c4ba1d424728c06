// /who-said topic: — who said something about a topic, their exact quotes with citations.
import { ApplicationCommandOptionType } from 'discord.js';
import { limitOption, optionsOf, privateOption, type ChatInputCommandData, type CommandModule } from '../src/bot/command.js';
import { messagesFor } from '../src/bot/i18n.js';
import { filterOptions, focused, isFiltered, readFilters, sourceChoices } from './filters.js';
import { renderWhoSaid } from '../src/bot/render.js';

export const whoSaidData = {
  name: 'who-said',
  description: 'Who said something about a topic, with their exact quotes and sources',
  options: [
    { name: 'topic', description: 'A word or a few words, e.g. ceasefire', type: ApplicationCommandOptionType.String, required: true, min_length: 1, max_length: 200 },
    limitOption('quotes', 50),
    privateOption,
    ...filterOptions,
  ],
} as const satisfies ChatInputCommandData;

export const whoSaid: CommandModule = {
  data: whoSaidData,
  heavy: true,
  defer: true,
  async execute(i, { engine }) {
    const o = optionsOf(i, whoSaidData);
    // A bad since:/until: throws a UserError; the router shows its message.
    return renderWhoSaid(engine.whoSaid(o.topic, { limit: o.limit ?? 25, ...readFilters(o) }), messagesFor(i.locale).render, isFiltered(o));
  },
  async autocomplete(i, { engine }) {
    const f = focused(i);
    return f.name === 'source' ? sourceChoices(engine, f.value) : [];
  },
};
export default whoSaid;
