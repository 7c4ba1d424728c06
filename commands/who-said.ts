// /who-said topic: — who said something about a topic, their exact quotes with citations.
import type { CommandModule } from '../src/bot/command.js';
import { limitOption, privateOption } from '../src/bot/command.js';
import { badFilter, filterOptions, focused, readFilters, sourceChoices } from './filters.js';
import { renderWhoSaid } from '../src/bot/render.js';

export const whoSaid: CommandModule = {
  data: {
    name: 'who-said',
    description: 'Who said something about a topic, with their exact quotes and sources',
    options: [
      { name: 'topic', description: 'A word or a few words, e.g. ceasefire', type: 3, required: true, min_length: 1, max_length: 200 },
      limitOption('quotes', 50),
      privateOption,
      ...filterOptions,
    ],
  },
  heavy: true,
  defer: true,
  async execute(i, { engine }) {
    const topic = i.options.getString('topic', true);
    const limit = i.options.getInteger('limit') ?? 25;
    try {
      return renderWhoSaid(engine.whoSaid(topic, { limit, ...readFilters(i) }));
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
export default whoSaid;
