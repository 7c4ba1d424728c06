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

  it('keeps two people with one surname apart across articles, and a later bare surname apart from both', () => {
    const reg = new SpeakerRegistry();
    const ted = reg.add('senate', [q('Ted Cruz'), q('Sen. Ted Cruz')]);
    const rafael = reg.add('rally', [q('Rafael Cruz')]);
    const loretta = reg.add('doj', [q('Loretta Lynch')]);
    const stephen = reg.add('house', [q('Stephen Lynch')]);
    const bare = reg.add('later', [q('Cruz'), q('Lynch')]);
    const c = canon(reg, [...ted, ...rafael, ...loretta, ...stephen, ...bare]);
    expect(c[0]).toBe(c[1]);
    expect(new Set([c[0], c[2], c[3], c[4], c[5], c[6]]).size).toBe(6);
    expect(reg.get(bare[0]!)!.name).toBe('Cruz');
    expect(reg.resolve('Cruz')?.name).toBe('Cruz');
    expect(reg.resolve('Rafael Cruz')?.id).toBe(c[2]);
    expect(reg.resolve('Loretta Lynch')?.id).toBe(c[3]);
  });

  it('resolves a bare surname to the full name its own article gives before looking at the corpus', () => {
    const reg = new SpeakerRegistry();
    const ted = reg.add('senate', [q('Ted Cruz')]);
    const rafael = reg.add('rally', [q('Cruz'), q('Rafael Cruz'), q('Cruz')]);
    const c = canon(reg, [...ted, ...rafael]);
    expect(c[1]).toBe(c[2]);
    expect(c[3]).toBe(c[2]);
    expect(c[1]).not.toBe(c[0]);
    expect(reg.get(rafael[0]!)!.name).toBe('Rafael Cruz');
    expect(reg.quoteCount(c[2]!)).toBe(3);
    // An article naming both Cruzes leaves its bare "Cruz" unresolved rather than guessed.
    const both = reg.add('family', [q('Ted Cruz'), q('Rafael Cruz'), q('Cruz')]);
    const b = canon(reg, both);
    expect(b[0]).toBe(c[0]);
    expect(b[1]).toBe(c[2]);
    expect(new Set(b).size).toBe(3);
  });

  it('lets no initial chain two different first names into one person, whatever the order', () => {
    for (const order of [['Mark Smith', 'M. Smith', 'Mary Smith'], ['M. Smith', 'Mary Smith', 'Mark Smith'], ['Mary Smith', 'Mark Smith', 'M. Smith']]) {
      const reg = new SpeakerRegistry();
      const ids = order.map((name, i) => reg.add(`a${i}`, [q(name)])[0]);
      const of = (name: string): string | undefined => reg.get(ids[order.indexOf(name)]!)?.id;
      expect(of('Mark Smith'), order.join(', ')).not.toBe(of('Mary Smith'));
    }
  });

  it('keeps a father and a son with one name apart (Jr., Sr., III)', () => {
    const reg = new SpeakerRegistry();
    const ids = reg.add('a', [q('Donald Trump'), q('Donald Trump Jr.'), q('Donald Trump Jr'), q('Robert Byrd III'), q('Robert Byrd')]);
    const c = canon(reg, ids);
    expect(c[0]).not.toBe(c[1]);
    expect(c[1]).toBe(c[2]);
    expect(c[3]).not.toBe(c[4]);
    expect(reg.resolve('Donald Trump')?.id).toBe(c[0]);
  });

  it('shows the plain name, not a description caught with it, and keeps both under one person', () => {
    const reg = new SpeakerRegistry();
    const ids = [
      ...reg.add('a', [q('Republican Donald Trump')]),
      ...reg.add('b', [q('Donald Trump'), q('Donald Trump')]),
      ...reg.add('c', [q('Donald Trump'), q('Entrusting Donald Trump')]),
    ];
    expect(new Set(canon(reg, ids)).size).toBe(1);
    expect(reg.get(ids[0]!)!.name).toBe('Donald Trump');
  });

  it('merges translations of one organisation when articles give them the same acronym and they share a word', () => {
    const reg = new SpeakerRegistry();
    const a = reg.add('en', [q('Institute for the Study of War', 'organization', ['ISW'])]);
    const b = reg.add('translated', [q('War Research Institute', 'organization', ['ISW'])]);
    const bare = reg.add('short', [q('ISW', 'organization')]);
    const other = reg.add('shipping', [q('Independent Shipping Workers', 'organization', ['ISW'])]);
    const c = canon(reg, [...a, ...b, ...bare, ...other]);
    expect(c[1]).toBe(c[0]);
    expect(reg.get(b[0]!)!.name).toBe('Institute for the Study of War');
    // Another body the articles also call ISW shares no word with it: a different organisation, and the bare
    // acronym now has two owners, so it is not guessed.
    expect(c[3]).not.toBe(c[0]);
    expect(c[2]).not.toBe(c[0]);
    expect(c[2]).not.toBe(c[3]);
    // Two names with the same initials that no article linked stay apart.
    const reg2 = new SpeakerRegistry();
    const x = reg2.add('x', [q('Institute for the Study of War', 'organization'), q('Institute for Sustainable Water', 'organization')]);
    expect(new Set(canon(reg2, x)).size).toBe(2);
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

  it('ranks names starting with the prefix before names merely containing a word with it, then by quotes', () => {
    const reg = new SpeakerRegistry();
    reg.add('a', [
      ...Array.from({ length: 5 }, () => q('a trusted former minister to Volodymyr Zelensky')),
      q('Volodymyr Zelensky'), q('Volodymyr Zelensky'),
      q('Zelenskyy'),
      q('Vladimir Zemlyanoy'), q('Vladimir Zemlyanoy'), q('Vladimir Zemlyanoy'),
      q('Zapad Analytics Group', 'organization', ['ZAG']),
    ]);
    // Zelensky (surname) and Zemlyanoy (surname) start with "ze"; the long description only contains it.
    expect(reg.suggest('ze', 5).map((s) => s.name)).toEqual(['Vladimir Zemlyanoy', 'Volodymyr Zelensky', 'a trusted former minister to Volodymyr Zelensky']);
    expect(reg.suggest('zel', 5).map((s) => s.name)).toEqual(['Volodymyr Zelensky', 'a trusted former minister to Volodymyr Zelensky']);
    // The display name itself: "Vol" starts "Volodymyr Zelensky".
    expect(reg.suggest('vol', 5).map((s) => s.name)).toEqual(['Volodymyr Zelensky', 'a trusted former minister to Volodymyr Zelensky']);
    // An organisation's acronym counts as its name.
    expect(reg.suggest('za', 5).map((s) => s.name)).toEqual(['Zapad Analytics Group']);
    expect(reg.suggest('zag', 5).map((s) => s.name)).toEqual(['Zapad Analytics Group']);
    expect(reg.suggest('ze', 1).map((s) => s.name)).toEqual(['Vladimir Zemlyanoy']);
  });

  describe('live changes give the same speakers as a fresh build', () => {
    const first = ['Anna', 'Boris', 'Carl', 'Dana', 'Emil', 'Fedir', 'Gala', 'Hanna'];
    /** Names must be letters to merge: 5 → "Surf", 12 → "Surbc"; org 3 → "IFSD", owned by "International Fiscal Service D". */
    const word = (n: number): string => [...String(n)].map((d) => 'abcdefghij'[Number(d)]).join('');
    const sur = (n: number): string => `Sur${word(n)}`;
    const org = (n: number): string => word(n).toUpperCase();
    /** A deterministic corpus: shared surnames, bare surnames, same surname with other given names, orgs and acronyms. */
    function article(a: number): ExtractedQuote[] {
      const quotes: ExtractedQuote[] = [];
      for (let k = 0; k < 6; k++) {
        const n = (a * 7 + k * 13) % 1500;
        // One given name per surname, so a bare surname joins its person until another given name appears.
        quotes.push(q(`${first[(n % 700) % first.length]} ${sur(n % 700)}`), q(sur((n + 3) % 700)));
        if (k === 0) quotes.push(q(`International Fiscal Service ${org(n % 10)}`, 'organization'), q(`IFS${org(n % 10)}`, 'organization'));
        if (k === 1) quotes.push(q(`a senior aide number ${n % 30}`), q(`sources in city ${n % 20}`, 'group'));
      }
      return quotes;
    }
    const changes: Array<[string, ExtractedQuote[]]> = [
      // A new given name under a known surname: the bare "Surf" elsewhere can no longer join anyone.
      ['extra-1', [q('Zoran Surf'), q('F. Surbc')]],
      // An acronym gets a second owner (IFSD joins no one now), and brand-new speakers appear.
      ['extra-2', [q('Independent Fiscal Society D', 'organization'), q('Quentin Newname')]],
      ['extra-3', [q('Institute of Peace', 'organization', ['IOP']), q('IOP', 'organization'), q('Erdoğan'), q('Recep Tayyip Erdogan')]],
    ];

    function snapshot(reg: SpeakerRegistry, ids: string[]): unknown {
      return {
        list: reg.list().map((s) => ({ ...s, quotes: reg.quoteCount(s.id) })),
        byMention: ids.map((id) => reg.get(id)?.id ?? null),
        resolve: ['Surf', 'Fedir Surf', 'Zoran Surf', 'Surbc', 'F. Surbc', 'IFSD', 'IFSE', 'IOP', 'erdogan', 'Quentin Newname'].map((n) => reg.resolve(n)?.id ?? null),
        suggest: ['surb', 'surf', 'anna', 'ifs', 'international', 'sources', 'q', 'erd', 'iop'].map((p) => reg.suggest(p, 8).map((s) => s.id)),
      };
    }

    it.each([
      ['adding one article (a second given name under a surname)', changes.slice(0, 1), []],
      ['adding one article (a second owner of an acronym)', changes.slice(1, 2), []],
      ['removing one article', [], ['art7']],
      ['adding and removing several', changes, ['art0', 'art11', 'art42']],
    ])('%s', (_name, added, removed) => {
      const live = new SpeakerRegistry();
      const mentionIds = new Set<string>();
      for (let a = 0; a < 400; a++) live.add(`art${a}`, article(a)).forEach((id) => id && mentionIds.add(id));
      live.list(); // indexes built before the changes, as in the running bot
      for (const [id, quotes] of added) live.add(id, quotes).forEach((m) => m && mentionIds.add(m));
      for (const id of removed) live.remove(id);
      live.add('art5', article(5)); // replacing an article with itself changes nothing

      const fresh = new SpeakerRegistry();
      const kept = [...Array(400).keys()].filter((a) => !removed.includes(`art${a}`)).reverse();
      for (const [id, quotes] of [...added].reverse()) fresh.add(id, quotes);
      for (const a of kept) fresh.add(`art${a}`, article(a));

      const ids = [...mentionIds].sort();
      expect(snapshot(live, ids)).toEqual(snapshot(fresh, ids));
      expect(live.list().length).toBeGreaterThan(500);
      // The corpus does exercise merging: bare surnames joined their person, acronyms their organisation.
      expect(live.resolve('Surbe')?.name).toBe('Gala Surbe');
      expect(live.resolve('IFSE')?.name).toBe('International Fiscal Service E');
    });
  });
});

