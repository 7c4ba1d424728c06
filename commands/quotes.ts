// /quotes speaker: — what one person said; any of their names works, autocomplete suggests speakers.
import type { CommandModule } from '../src/bot/command.js';
import { limitOption, privateOption } from '../src/bot/command.js';
import { badFilter, filterOptions, focused, readFilters, sourceChoices } from './filters.js';
import { renderQuotes } from '../src/bot/render.js';

export const quotes: CommandModule = {
  data: {
    name: 'quotes',
    description: 'What one person said, with sources',
    options: [
      { name: 'speaker', description: 'Any of their names, e.g. Zelensky', type: 3, required: true, autocomplete: true, min_length: 1, max_length: 100 },
      { name: 'topic', description: 'Only their quotes on this, e.g. ceasefire', type: 3, required: false, min_length: 1, max_length: 200 },
      limitOption('quotes', 50),
      privateOption,
      ...filterOptions,
    ],
  },
  heavy: true,
  defer: true,
  async execute(i, { engine }) {
    const speaker = i.options.getString('speaker', true);
    const limit = i.options.getInteger('limit') ?? 25;
    const topic = i.options.getString('topic') ?? undefined;
    try {
      return renderQuotes(engine.quotes(speaker, { limit, topic, ...readFilters(i) }));
    } catch (err) {
      const reply = badFilter(err);
      if (reply) return reply;
      throw err;
    }
  },
  async autocomplete(i, { engine }) {
    const f = focused(i);
    if (f.name === 'source') return sourceChoices(engine, f.value);
    const typed = f.value.trim();
    // Empty input: the engine lists the most quoted speakers first.
    return engine.speakers(typed, 25).map((s) => ({
      name: `${s.name} (${s.quotes} quote${s.quotes === 1 ? '' : 's'})`,
      // The value must fit in 100 characters; the id resolves too when a name is longer.
      value: s.name.length <= 100 ? s.name : s.id,
    }));
  },
};
export default quotes;
