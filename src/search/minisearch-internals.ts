// The one door to MiniSearch's internal state (the fast build and load in snapshot/postings.ts, the query
// evaluator in search/evaluate.ts). The names are reached through a subclass, where tsc checks them against the
// members MiniSearch declares `protected`: a release that renames one fails to compile, and `minisearch` is
// pinned to an exact version. test/minisearch-internals.test.ts checks the values at run time.
import MiniSearch from 'minisearch';

/** Names of MiniSearch's protected members the project uses. */
export type ProtectedName = keyof ReturnType<typeof MiniSearchInternals.members>;

/** A view of a MiniSearch's state whose every key is one of MiniSearch's protected members. */
export type StateView<S> = { [K in keyof S]: K extends ProtectedName ? S[K] : never };

export class MiniSearchInternals<T = unknown> extends MiniSearch<T> {
  /** Each protected member the project reads or writes (typed by MiniSearch's own declarations). */
  static members<T>(m: MiniSearchInternals<T>) {
    return {
      _index: m._index,
      _documentCount: m._documentCount,
      _documentIds: m._documentIds,
      _idToShortId: m._idToShortId,
      _fieldIds: m._fieldIds,
      _fieldLength: m._fieldLength,
      _avgFieldLength: m._avgFieldLength,
      _nextId: m._nextId,
      _storedFields: m._storedFields,
      _dirtCount: m._dirtCount,
    };
  }

  /**
   * `mini` seen through the caller's view of its state (reads and writes go to `mini` itself). The view's own
   * value types are the caller's: the project stores compact stand-ins (DenseMap, OneFieldData) where MiniSearch
   * declares Maps. Throws if a member is missing, i.e. the installed MiniSearch is not the one written against.
   */
  static state<S extends StateView<S>>(mini: MiniSearch<never> | MiniSearch<unknown> | object): S {
    // MiniSearch.loadJSON builds plain MiniSearch objects, so `mini` is not an instance of this class: the
    // downcast only lets tsc check the names in members() against MiniSearch's declarations.
    const m = mini as MiniSearchInternals;
    for (const [name, v] of Object.entries(MiniSearchInternals.members(m))) {
      if (v === undefined || v === null) throw new Error(`unsupported MiniSearch: no ${name} on the index`);
    }
    return m as unknown as S;
  }

  /**
   * MiniSearch's own (private) removeTerm, which drops a removed document's posting the way a search does. Private
   * members are out of a subclass's reach, so this one name is checked at run time here and in the test.
   */
  static removeTerm(mini: object, fieldId: number, documentId: number, term: string): void {
    const remove = (mini as { removeTerm?: (f: number, d: number, t: string) => void }).removeTerm;
    if (typeof remove !== 'function') throw new Error('unsupported MiniSearch: no removeTerm');
    remove.call(mini, fieldId, documentId, term);
  }
}
