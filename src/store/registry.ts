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

/** What becomes of a removed or replaced version, in the words the moderator's replies use, per store. */
export interface KeptVersions {
  /** The confirmation's promise: "the file is kept in …". */
  onRemove: string;
  /** After a removal (`trashed`: the folder store's copy, when it names one). */
  removed(trashed?: string): string;
  /** In the headline of a replace: "Replaced (…)". */
  replaced: string;
}

const FOLDER_KEEPS: KeptVersions = {
  onRemove: 'the file is kept in `corpus/.trash/`',
  removed: (trashed) => `the file is in \`${trashed ?? '.trash/'}\``,
  replaced: 'old version in `.trash/`',
};

// The database deletes the row; its audit row keeps who, when, the title and the text's hash, not the text.
const DATABASE_KEEPS: KeptVersions = {
  onRemove: 'it is deleted from the database (the audit log keeps its title and hash)',
  removed: () => 'deleted from the database (the audit log keeps its title and hash)',
  replaced: 'old version not kept; the audit log has its hash',
};

export function keptVersions(engine: object): KeptVersions {
  return storeOf(engine)?.kind === 'database' ? DATABASE_KEEPS : FOLDER_KEEPS;
}
