// /quotes speaker: — what one person said; any of their names works, autocomplete suggests speakers.
import { ApplicationCommandOptionType } from 'discord.js';
import { limitOption, optionsOf, privateOption, type ChatInputCommandData, type CommandModule } from '../src/bot/command.js';
import { messagesFor } from '../src/bot/i18n.js';
import { filterOptions, focused, isFiltered, readFilters, sourceChoices } from './filters.js';
import { renderQuotes } from '../src/bot/render.js';

export const quotesData = {
  name: 'quotes',
  description: 'What one person said, with sources',
  options: [
    { name: 'speaker', description: 'Any of their names, e.g. Zelensky', type: ApplicationCommandOptionType.String, required: true, autocomplete: true, min_length: 1, max_length: 100 },
    { name: 'topic', description: 'Only their quotes on this, e.g. ceasefire', type: ApplicationCommandOptionType.String, required: false, min_length: 1, max_length: 200 },
    limitOption('quotes', 50),
    privateOption,
    ...filterOptions,
  ],
} as const satisfies ChatInputCommandData;

export const quotes: CommandModule = {
  data: quotesData,
  heavy: true,
  defer: true,
  async execute(i, { engine }) {
    const o = optionsOf(i, quotesData);
    // A bad since:/until: throws a UserError; the router shows its message.
    return renderQuotes(engine.quotes(o.speaker, { limit: o.limit ?? 25, topic: o.topic, ...readFilters(o) }), messagesFor(i.locale).render, isFiltered(o));
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
