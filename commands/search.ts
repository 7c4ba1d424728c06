// /search words: — ranked passages with the matched words in bold, each cited.
import { ApplicationCommandOptionType } from 'discord.js';
import { limitOption, optionsOf, privateOption, type ChatInputCommandData, type CommandModule } from '../src/bot/command.js';
import { messagesFor } from '../src/bot/i18n.js';
import { filterOptions, focused, isFiltered, readFilters, sourceChoices } from './filters.js';
import { renderSearch } from '../src/bot/render.js';

export const searchData = {
  name: 'search',
  description: 'Find passages in the articles',
  options: [
    { name: 'words', description: 'What to look for, e.g. prisoner exchange', type: ApplicationCommandOptionType.String, required: true, min_length: 1, max_length: 200 },
    limitOption('passages', 30),
    privateOption,
    ...filterOptions,
  ],
} as const satisfies ChatInputCommandData;

export const search: CommandModule = {
  data: searchData,
  heavy: true,
  defer: true,
  async execute(i, { engine }) {
    const o = optionsOf(i, searchData);
    // A bad since:/until: throws a UserError; the router shows its message.
    return renderSearch(engine.search(o.words, { limit: o.limit ?? 10, ...readFilters(o) }), messagesFor(i.locale).render, isFiltered(o));
  },
  async autocomplete(i, { engine }) {
    const f = focused(i);
    return f.name === 'source' ? sourceChoices(engine, f.value) : [];
  },
};
export default search;
