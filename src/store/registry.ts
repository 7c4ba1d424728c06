// Which store the bot chose at start, reachable from the engine its handlers already hold: the command context
// and the feed runtime carry the engine, so no handler needs a new parameter (or an `if (database)`).
import type { ArticleStore } from '../moderation/service.js';

/** What /reindex does with the store instead of re-reading the corpus folder. */
export interface StoreReindex {
  reindex(onProgress?: (done: number, total: number) => void | Promise<void>): Promise<{
    articles: number; added: string[]; updated: string[]; removed: string[]; unchanged: number;
    problems: ReadonlyArray<{ file: string; error: string }>;
  }>;
}

export type ChosenStore = ArticleStore & Partial<StoreReindex>;

const chosen = new WeakMap<object, ChosenStore>();

/** Ties `store` to `engine` (the bot's one engine); unset = the corpus folder, as always. */
export function useStoreFor(engine: object, store: ChosenStore): void {
  chosen.set(engine, store);
}

export function storeOf(engine: object): ChosenStore | undefined {
  return chosen.get(engine);
}
