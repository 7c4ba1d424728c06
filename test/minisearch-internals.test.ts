// The MiniSearch internals the project reaches (src/search/minisearch-internals.ts) are still there, with the shapes
// the fast build, the snapshot load and the query evaluator rely on. A MiniSearch upgrade that changes them fails here.
import { readFileSync } from 'node:fs';
import MiniSearch from 'minisearch';
import { describe, expect, it } from 'vitest';
import { MiniSearchInternals } from '../src/search/minisearch-internals.js';
import { miniSearchVersion } from '../src/snapshot/fingerprint.js';

const DOCS = [
  { id: 'a', text: 'the envoys discussed a ceasefire along the front' },
  { id: 'b', text: 'a ceasefire was rejected by the other side' },
  { id: 'c', text: 'prisoner exchanges continued through the winter' },
];

function fresh(): MiniSearch<{ id: string; text: string }> {
  const m = new MiniSearch<{ id: string; text: string }>({ fields: ['text'] });
  m.addAll(DOCS);
  return m;
}

function postingsOf(mini: object, term: string): Map<number, number> | undefined {
  return MiniSearchInternals.members(mini as MiniSearchInternals)._index.get(term)?.get(0);
}

describe('MiniSearch internals', () => {
  it('minisearch is pinned to the exact version installed', () => {
    const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { dependencies: Record<string, string> };
    expect(pkg.dependencies.minisearch).toMatch(/^\d+\.\d+\.\d+$/);
    expect(pkg.dependencies.minisearch).toBe(miniSearchVersion());
  });

  for (const [how, make] of [['built', fresh], ['loaded from JSON', () => MiniSearch.loadJSON(JSON.stringify(fresh()), { fields: ['text'] })]] as const) {
    it(`an index ${how} has every member with the expected shape`, () => {
      const s = MiniSearchInternals.members(make() as MiniSearchInternals);
      expect(s._index.get('ceasefire')).toBeInstanceOf(Map);
      expect(typeof s._index.atPrefix).toBe('function');
      expect(typeof s._index.fuzzyGet).toBe('function');
      expect(typeof s._index.set).toBe('function');
      expect(s._documentCount).toBe(3);
      expect(s._nextId).toBe(3);
      expect([...s._documentIds.values()].sort()).toEqual(['a', 'b', 'c']);
      expect(s._idToShortId.get('b')).toBe(1);
      expect(s._fieldIds).toEqual({ text: 0 });
      expect(s._fieldLength.get(0)).toEqual([7]); // distinct terms
      expect(s._avgFieldLength).toHaveLength(1);
      expect(s._storedFields).toBeInstanceOf(Map);
      expect(s._dirtCount).toBe(0);
    });
  }

  it('removeTerm drops one posting of a discarded document, as MiniSearch#search does', () => {
    const m = fresh();
    const doc = MiniSearchInternals.members(m as MiniSearchInternals)._idToShortId.get('a')!;
    expect(postingsOf(m, 'ceasefire')?.get(doc)).toBe(1);
    m.discard('a');
    MiniSearchInternals.removeTerm(m, 0, doc, 'ceasefire');
    expect(postingsOf(m, 'ceasefire')?.has(doc)).toBe(false);
    expect(m.search('ceasefire').map((r) => r.id)).toEqual(['b']);
  });

  it('refuses an object that is not a MiniSearch, naming what is missing', () => {
    expect(() => MiniSearchInternals.state<{ _nextId: number }>({})).toThrow(/unsupported MiniSearch: no _index/);
    expect(() => MiniSearchInternals.removeTerm({}, 0, 0, 'x')).toThrow(/no removeTerm/);
  });
});
