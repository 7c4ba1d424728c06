// The date, source and order options shared by /who-said, /search and /quotes, and reading them back.
import type { APIApplicationCommandOption, AutocompleteInteraction, ChatInputCommandInteraction } from 'discord.js';
import type { Reply } from '../src/bot/command.js';
import { COLOR_EMPTY } from '../src/bot/render.js';
import { escapeAndTruncate } from '../src/bot/limits.js';
import { EngineError, type Engine, type QueryOptions } from '../src/engine.js';

export const filterOptions: APIApplicationCommandOption[] = [
  { name: 'since', description: 'Only articles dated on or after, e.g. 2025-05-12 or May 2025', type: 3, required: false, min_length: 4, max_length: 40 },
  { name: 'until', description: 'Only articles dated on or before, e.g. 2025-06-30 or June 2025', type: 3, required: false, min_length: 4, max_length: 40 },
  { name: 'source', description: 'Only articles from this source', type: 3, required: false, autocomplete: true, min_length: 1, max_length: 100 },
  {
    name: 'sort', description: 'Best matches first (default) or newest articles first', type: 3, required: false,
    choices: [{ name: 'best match', value: 'relevance' }, { name: 'newest', value: 'newest' }],
  },
];

export function readFilters(i: ChatInputCommandInteraction): Pick<QueryOptions, 'since' | 'until' | 'source' | 'sort'> {
  const sort = i.options.getString('sort');
  return {
    since: i.options.getString('since') ?? undefined,
    until: i.options.getString('until') ?? undefined,
    source: i.options.getString('source') ?? undefined,
    sort: sort === 'newest' ? 'newest' : undefined,
  };
}

/** A date the engine could not read: said privately, nothing else happens. */
export function badFilter(err: unknown): Reply | null {
  if (!(err instanceof EngineError) || err.code !== 'bad-filter') return null;
  return { embeds: [{ description: escapeAndTruncate(err.message, 300), color: COLOR_EMPTY }], ephemeral: true };
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
