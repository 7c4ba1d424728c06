// /search words: — ranked passages with the matched words in bold, each cited.
import type { CommandModule } from '../src/bot/command.js';
import { limitOption, privateOption } from '../src/bot/command.js';
import { badFilter, filterOptions, focused, readFilters, sourceChoices } from './filters.js';
import { renderSearch } from '../src/bot/render.js';

export const search: CommandModule = {
  data: {
    name: 'search',
    description: 'Find passages in the articles',
    options: [
      { name: 'words', description: 'What to look for, e.g. prisoner exchange', type: 3, required: true, min_length: 1, max_length: 200 },
      limitOption('passages', 30),
      privateOption,
      ...filterOptions,
    ],
  },
  heavy: true,
  defer: true,
  async execute(i, { engine }) {
    const words = i.options.getString('words', true);
    const limit = i.options.getInteger('limit') ?? 10;
    try {
      return renderSearch(engine.search(words, { limit, ...readFilters(i) }));
    } catch (err) {
      const reply = badFilter(err);
      if (reply) return reply;
      throw err;
    }
  },
  async autocomplete(i, { engine }) {
    const f = focused(i);
    return f.name === 'source' ? sourceChoices(engine, f.value) : [];
  },
};
export default search;
