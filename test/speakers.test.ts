// The corpus-wide speaker registry: merging names of one speaker, keeping different people apart,
// live removal, lookups and autocomplete.
import { describe, expect, it } from 'vitest';
import { SpeakerRegistry } from '../src/quotes/speakers.js';
import type { ExtractedQuote, SpeakerType } from '../src/types.js';

function q(speaker: string | null, type: SpeakerType = 'person', aliases?: string[]): ExtractedQuote {
  return { paragraph: 1, text: 'words', kind: 'direct', marks: 'quotes', speaker, speakerType: type, speakerAliases: aliases };
}

/** Canonical speaker of each id add() returned. */
function canon(reg: SpeakerRegistry, ids: Array<string | null>): Array<string | undefined> {
  return ids.map((id) => (id ? reg.get(id)?.id : undefined));
}

describe('SpeakerRegistry', () => {
  it('merges spellings, titles and transliterations of one person into one speaker with the fullest name', () => {
    const reg = new SpeakerRegistry();
    const a = reg.add('a1', [q('Zelensky'), q('Volodymyr Zelensky'), q('President Zelensky')]);
    const b = reg.add('a2', [q('Zelenskyy'), q('Volodymyr Zelenskyy'), q('Zelenskiy')]);
    const ids = new Set(canon(reg, [...a, ...b]));
    expect(ids.size).toBe(1);
    const speaker = reg.get(a[0]!)!;
    expect(speaker.name).toMatch(/^Volodymyr Zelensky/);
    expect(speaker.type).toBe('person');
    expect(reg.quoteCount(speaker.id)).toBe(6);
    expect(reg.list()).toHaveLength(1);
  });

  it('merges diacritics and transliterated given names (Erdoğan/Erdogan, Dmytro/Dmitry)', () => {
    const reg = new SpeakerRegistry();
    const ids = reg.add('a', [q('Recep Tayyip Erdoğan'), q('Erdogan'), q('Tayyip Erdogan'), q('Dmitry Peskov'), q('Dmytro Peskov'), q('Peskov')]);
    const c = canon(reg, ids);
    expect(new Set(c.slice(0, 3)).size).toBe(1);
    expect(new Set(c.slice(3)).size).toBe(1);
    expect(reg.get(ids[1]!)!.name).toBe('Recep Tayyip Erdoğan');
    expect(reg.resolve('erdogan')?.id).toBe(c[0]);
    expect(reg.resolve('ERDOĞAN')?.id).toBe(c[0]);
  });

  it('never merges two people who share a surname but not a first name', () => {
    const reg = new SpeakerRegistry();
    const ids = reg.add('a', [q('Andriy Yermak'), q('Ivan Yermak')]);
    const c = canon(reg, ids);
    expect(c[0]).not.toBe(c[1]);
    // A bare surname is ambiguous now: it stays apart and resolve() does not guess.
    const bare = reg.add('b', [q('Yermak')]);
    expect(canon(reg, bare)[0]).not.toBe(c[0]);
    expect(canon(reg, bare)[0]).not.toBe(c[1]);
    expect(reg.resolve('Ivan Yermak')?.id).toBe(c[1]);
    expect(reg.resolve('A. Yermak')?.id).toBe(c[0]);
  });

  it('joins a bare surname to the only person with it, whichever article came first', () => {
    const one = new SpeakerRegistry();
    const x = one.add('early', [q('Peskov')]);
    const y = one.add('late', [q('Dmitry Peskov')]);
    expect(one.get(x[0]!)!.id).toBe(one.get(y[0]!)!.id);
    const two = new SpeakerRegistry();
    two.add('late', [q('Dmitry Peskov')]);
    two.add('early', [q('Peskov')]);
    // Same corpus, same ids, in any order.
    expect(two.get(x[0]!)!.id).toBe(one.get(x[0]!)!.id);
    expect(one.get(x[0]!)!.name).toBe('Dmitry Peskov');
  });

  it('merges an organisation with its acronym and keeps unnamed sources by description', () => {
    const reg = new SpeakerRegistry();
    const ids = reg.add('a', [
      q('Institute for the Study of War', 'organization', ['ISW']),
      q('ISW', 'organization'),
      q('a senior aide to the Russian president', 'person'),
      q('sources in Kyiv', 'group'),
      q(null),
    ]);
    expect(ids[4]).toBeNull();
    const c = canon(reg, ids);
    expect(c[0]).toBe(c[1]);
    expect(reg.get(ids[1]!)!.name).toBe('Institute for the Study of War');
    expect(reg.resolve('isw')?.id).toBe(c[0]);
    expect(reg.get(ids[2]!)!.name).toBe('a senior aide to the Russian president');
    expect(reg.get(ids[3]!)!.type).toBe('group');
    // An unnamed aide to the president is not the president.
    reg.add('b', [q('Vladimir Putin')]);
    expect(reg.resolve('Putin')?.id).not.toBe(c[2]);
  });

  it('removes an article live: speakers with no quotes left disappear, names are recomputed', () => {
    const reg = new SpeakerRegistry();
    reg.add('a', [q('Volodymyr Zelensky'), q('Sergei Lavrov')]);
    const b = reg.add('b', [q('Zelensky')]);
    expect(reg.get(b[0]!)!.name).toBe('Volodymyr Zelensky');
    reg.remove('a');
    expect(reg.resolve('Lavrov')).toBeUndefined();
    expect(reg.get(b[0]!)!.name).toBe('Zelensky');
    expect(reg.list().map((s) => s.name)).toEqual(['Zelensky']);
    reg.remove('b');
    expect(reg.list()).toEqual([]);
    reg.remove('never-added');
  });

  it('replaces an article added twice instead of counting it twice', () => {
    const reg = new SpeakerRegistry();
    reg.add('a', [q('Kaja Kallas')]);
    const ids = reg.add('a', [q('Kaja Kallas'), q('Kallas')]);
    expect(reg.quoteCount(ids[0]!)).toBe(2);
  });

  it('suggests speakers by any word prefix of any alias, most quoted first', () => {
    const reg = new SpeakerRegistry();
    reg.add('a', [q('Vladimir Putin'), q('Vladimir Putin'), q('Volodymyr Zelensky'), q('Institute for the Study of War', 'organization', ['ISW'])]);
    expect(reg.suggest('pu', 5).map((s) => s.name)).toEqual(['Vladimir Putin']);
    expect(reg.suggest('v', 5).map((s) => s.name)).toEqual(['Vladimir Putin', 'Volodymyr Zelensky']);
    expect(reg.suggest('zelenskyy', 5).map((s) => s.name)).toEqual(['Volodymyr Zelensky']);
    expect(reg.suggest('stud', 5).map((s) => s.name)).toEqual(['Institute for the Study of War']);
    expect(reg.suggest('is', 5).map((s) => s.name)).toContain('Institute for the Study of War');
    expect(reg.suggest('xyz', 5)).toEqual([]);
    expect(reg.suggest('', 2)).toHaveLength(2);
  });

  it('builds 100k quotes over 10k articles and answers lookups quickly enough for start-up', () => {
    const reg = new SpeakerRegistry();
    const first = ['Anna', 'Boris', 'Carl', 'Dana', 'Emil', 'Fedir', 'Gala', 'Hanna'];
    for (let a = 0; a < 10_000; a++) {
      const quotes: ExtractedQuote[] = [];
      for (let k = 0; k < 10; k++) {
        const n = (a * 10 + k) % 3000;
        quotes.push(q(`${first[n % first.length]} Surname${n}`), q(`Surname${(n + 1) % 3000}`));
      }
      reg.add(`art${a}`, quotes);
    }
    expect(reg.list().length).toBeGreaterThan(2000);
    expect(reg.resolve('Anna Surname0')?.name).toBe('Anna Surname0');
    reg.remove('art0');
    expect(reg.suggest('surname12', 3).length).toBe(3);
  });
});
