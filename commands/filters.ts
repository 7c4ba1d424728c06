// The date, source and order options shared by /who-said, /search and /quotes, and reading them back.
import { ApplicationCommandOptionType, type AutocompleteInteraction } from 'discord.js';
import { optionList } from '../src/bot/command.js';
import type { Engine, QueryOptions } from '../src/engine.js';

const STRING = ApplicationCommandOptionType.String;

export const filterOptions = optionList(
  { name: 'since', description: 'Only articles dated on or after, e.g. 2025-05-12 or May 2025', type: STRING, required: false, min_length: 4, max_length: 40 },
  { name: 'until', description: 'Only articles dated on or before, e.g. 2025-06-30 or June 2025', type: STRING, required: false, min_length: 4, max_length: 40 },
  { name: 'source', description: 'Only articles from this source', type: STRING, required: false, autocomplete: true, min_length: 1, max_length: 100 },
  {
    name: 'sort', description: 'Best matches first (default) or newest articles first', type: STRING, required: false,
    choices: [{ name: 'best match', value: 'relevance' }, { name: 'newest', value: 'newest' }],
  },
);

/** The filter options as a handler reads them (optionsOf of a definition that spreads filterOptions). */
export interface FilterArgs { since?: string; until?: string; source?: string; sort?: string }

export function readFilters(o: FilterArgs): Pick<QueryOptions, 'since' | 'until' | 'source' | 'sort'> {
  return { since: o.since, until: o.until, source: o.source, sort: o.sort === 'newest' ? 'newest' : undefined };
}

/** Whether since:/until:/source: narrowed the articles searched (an empty answer then says so). */
export function isFiltered(o: FilterArgs): boolean {
  return Boolean(o.since || o.until || o.source);
}

/** Source names for the source: option's autocomplete. */
export function sourceChoices(engine: Engine, typed: string): Array<{ name: string; value: string }> {
  return engine.sourceNames(typed.trim(), 25).map((s) => ({
    name: `${s.name} (${s.articles} article${s.articles === 1 ? '' : 's'})`.slice(0, 100),
    value: s.name.slice(0, 100),
  }));
}

/** The focused option of an autocomplete: its name and what was typed. */
export function focused(i: AutocompleteInteraction): { name: string; value: string } {
  const f = i.options.getFocused(true);
  return { name: f.name, value: String(f.value ?? '') };
}
