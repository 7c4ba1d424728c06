import { beforeAll, describe, expect, it } from 'vitest';
import { readCorpus } from '../src/corpus/read.js';
import { containsPhrases } from '../src/search/index.js';
import { PhraseIndex, PhraseStateError } from '../src/search/phrases.js';
import { parseQuery, phraseWord } from '../src/search/query.js';
import { tokenize, tokenizeWithOffsets } from '../src/search/text.js';
import { SEEDS } from './shared-data.js';

type Phrases = string[][];

/** Every paragraph of the seed articles, as [passage id, text]. */
let passages: Array<[string, string]> = [];
/** Phrase queries built from the seed texts, each with a label saying where it came from. */
const queries: Array<{ label: string; phrases: Phrases }> = [];

/** What a user typing `"snippet"` asks for (null when it gives no phrase). */
function quoted(snippet: string): Phrases | null {
  const { phrases } = parseQuery(`"${snippet}"`);
  return phrases.length === 1 ? phrases : null;
}

/** A phrase as the index compares it: each word folded and stemmed, stop words kept. */
function words(text: string): string[] {
  return tokenize(text).map(phraseWord);
}

const QUOTE_CHARS = /["\u201C\u201D\u201E«»]/;

beforeAll(async () => {
  const { articles } = await readCorpus(SEEDS);
  passages = articles.flatMap((a) => a.paragraphs.map((text, i): [string, string] => [`${a.id}#${i + 1}`, text]));
  const seen = new Set<string>();
  const add = (label: string, phrases: Phrases | null): void => {
    if (!phrases) return;
    const key = JSON.stringify(phrases);
    if (seen.has(key)) return;
    seen.add(key);
    queries.push({ label, phrases });
  };
  const special = /[’'\-\u0080-\uFFFF]/;
  let n = 0;
  for (const [id, text] of passages) {
    const tokens = tokenizeWithOffsets(text);
    const words = tokens.map((t) => phraseWord(t.word));
    for (let i = 0; i + 1 < tokens.length; i++) {
      for (const len of [2, 3]) {
        if (i + len > tokens.length) continue;
        // Phrases as a user would quote them, written as in the text: curly apostrophes, hyphens, diacritics.
        const snippet = text.slice(tokens[i].start, tokens[i + len - 1].end);
        if (QUOTE_CHARS.test(snippet)) continue;
        // All phrases with an apostrophe, hyphen or non-ASCII letter; a sample of the rest (the suite stays fast).
        if (special.test(snippet) || n++ % 9 === 0) add(`${id} "${snippet}"`, quoted(snippet));
      }
      // The same words not adjacent, and in reverse order: mostly phrases that must not match.
      if (i % 5 === 0 && i + 2 < words.length) add(`${id} gap`, [[words[i], words[i + 2]]]);
      if (i % 5 === 1) add(`${id} reversed`, [[words[i + 1], words[i]]]);
    }
  }
  // Spellings a user types for what the text writes otherwise.
  for (const typed of ["Putin's invitation", 'Putin’s', 'Tayyip Erdogan', 'such a ceasefire', 'cease-fire', 'CEASE–FIRE', 'peace talks', 'the war']) {
    add(`typed "${typed}"`, [words(typed)]);
  }
  // Several phrases at once (all must be held), and words no text has.
  const some = queries.slice(0, 40);
  for (let i = 0; i + 1 < some.length; i += 2) add(`pair ${i}`, [...some[i].phrases, ...some[i + 1].phrases]);
  add('unknown word', [['peace', 'zzzunknownword']]);
  add('one word', [['putin']]);
  add('no phrase', []);
});

function indexAll(idx: PhraseIndex, docs: Array<[string, string]>): void {
  for (const [id, text] of docs) idx.add(id, text);
}

/** Asserts the index answers every query like containsPhrases for every document; returns the answers tally. */
function expectSameAnswers(idx: PhraseIndex, docs: Array<[string, string]>, qs = queries): { yes: number; no: number } {
  let yes = 0;
  let no = 0;
  const wrong: string[] = [];
  for (const { label, phrases } of qs) {
    const compiled = idx.compile(phrases);
    for (const [id, text] of docs) {
      const expected = containsPhrases(text, phrases);
      if (idx.containsCompiled(id, compiled) !== expected || idx.contains(id, phrases) !== expected) {
        wrong.push(`${label} ${JSON.stringify(phrases)} in ${id}: expected ${expected}`);
      }
      if (expected) yes++;
      else no++;
    }
  }
  expect(wrong.slice(0, 10)).toEqual([]);
  return { yes, no };
}

describe('PhraseIndex answers as containsPhrases on the seed articles', () => {
  it('agrees for phrases from the texts, their gaps and reversals, across every paragraph', () => {
    expect(passages.length).toBeGreaterThan(50);
    expect(queries.length).toBeGreaterThan(300);
    const idx = new PhraseIndex();
    indexAll(idx, passages);
    expect(idx.size).toBe(new Set(passages.map(([id]) => id)).size);
    const { yes, no } = expectSameAnswers(idx, passages);
    // Both answers occur often: the comparison is not one-sided.
    expect(yes).toBeGreaterThan(500);
    expect(no).toBeGreaterThan(yes);
  });

  it('agrees when its token cache is dropped again and again', () => {
    const idx = new PhraseIndex({ maxCachedTokens: 50 });
    indexAll(idx, passages);
    expect(idx.stats().cachedTokens).toBeLessThanOrEqual(50);
    expectSameAnswers(idx, passages, queries.filter((_, i) => i % 5 === 0));
  });

  it('finds each phrase in the paragraph it was taken from, with curly apostrophes, hyphens and diacritics', () => {
    const idx = new PhraseIndex();
    indexAll(idx, passages);
    const fromText = queries.filter((q) => q.label.includes('"') && !q.label.startsWith('typed'));
    expect(fromText.some((q) => q.label.includes('’'))).toBe(true);
    expect(fromText.some((q) => q.label.includes('cease-fire'))).toBe(true);
    expect(fromText.some((q) => q.label.includes('Erdoğan'))).toBe(true);
    for (const { label, phrases } of fromText) {
      const id = label.slice(0, label.indexOf(' '));
      expect(idx.contains(id, phrases), label).toBe(true);
    }
  });

  it('matches what users type for the text’s spelling: Putin\'s/Putin’s, Erdogan/Erdoğan, ceasefire/cease-fire', () => {
    const idx = new PhraseIndex();
    indexAll(idx, passages);
    const holding = (typed: string): string[] => {
      const compiled = idx.compile(parseQuery(`"${typed}"`).phrases);
      return passages.filter(([id]) => idx.containsCompiled(id, compiled)).map(([id]) => id);
    };
    const withText = (re: RegExp): string[] => passages.filter(([, text]) => re.test(text)).map(([id]) => id);
    for (const [typed, written] of [
      ["Vladimir Putin's invitation", /Vladimir Putin’s invitation/],
      ['Tayyip Erdogan', /Tayyip Erdoğan/],
      ['such a ceasefire', /such a cease-fire/],
      ['one of PUTIN’S aides', /One of Putin’s aides/],
    ] as const) {
      expect(withText(written).length, typed).toBeGreaterThan(0);
      expect(holding(typed), typed).toEqual(withText(written));
    }
  });

  it('words present but not adjacent, or reversed, do not match', () => {
    const idx = new PhraseIndex();
    const text = 'Peace talks resumed in Istanbul, but the war went on.';
    idx.add('p', text);
    const cases: Array<[Phrases, boolean]> = [
      [[words('peace talks')], true],
      [[words('talks peace')], false],
      [[words('peace resumed')], false],
      [[words('the war'), words('Peace talks')], true],
      [[words('the war'), words('talks peace')], false],
      // A phrase may not run past the end of the text.
      [[words('went on the')], false],
    ];
    for (const [phrases, expected] of cases) {
      expect(idx.contains('p', phrases), JSON.stringify(phrases)).toBe(expected);
      expect(containsPhrases(text, phrases)).toBe(expected);
    }
  });

  it('a phrase does not run from one document into the next', () => {
    const idx = new PhraseIndex();
    idx.add('a', 'The delegations met in Istanbul');
    idx.add('b', 'talks resumed on Monday');
    idx.add('c', 'Istanbul talks resumed');
    expect(idx.contains('a', [words('Istanbul talks')])).toBe(false);
    expect(idx.contains('b', [words('Istanbul talks')])).toBe(false);
    expect(idx.contains('c', [words('Istanbul talks')])).toBe(true);
  });
});

describe('changes', () => {
  it('unknown ids answer undefined, so the caller checks the text', () => {
    const idx = new PhraseIndex();
    expect(idx.contains('nope', [words('peace talks')])).toBeUndefined();
    idx.add('a', 'Peace talks resumed.');
    expect(idx.contains('nope', [words('peace talks')])).toBeUndefined();
    expect(idx.containsCompiled('nope', idx.compile([words('peace talks')]))).toBeUndefined();
    expect(idx.has('nope')).toBe(false);
  });

  it('empty and wordless texts hold no phrase; no phrases is held by every document', () => {
    const idx = new PhraseIndex();
    idx.add('empty', '');
    idx.add('marks', ' — “…” !!! ');
    for (const id of ['empty', 'marks']) {
      expect(idx.has(id)).toBe(true);
      expect(idx.contains(id, [words('peace talks')])).toBe(false);
      expect(idx.contains(id, [])).toBe(true);
    }
    expect(idx.stats().tokens).toBe(0);
  });

  it('remove drops a document; re-adding with other text answers for the new text', () => {
    const idx = new PhraseIndex();
    indexAll(idx, passages);
    const [id, text] = passages[3];
    const own = quoted(text.slice(...spanOf(text, 0, 2)))!;
    expect(idx.contains(id, own)).toBe(true);

    idx.remove(id);
    expect(idx.has(id)).toBe(false);
    expect(idx.size).toBe(passages.length - 1);
    expect(idx.contains(id, own)).toBeUndefined();
    idx.remove(id); // twice: nothing happens
    expect(idx.size).toBe(passages.length - 1);

    // Replaced by a longer text (appended) and by a shorter one (written over in place).
    const longer = `${passages[5][1]} ${passages[6][1]}`;
    idx.add(id, longer);
    expect(idx.contains(id, own)).toBe(containsPhrases(longer, own));
    expectSameAnswers(idx, [[id, longer]], queries.slice(0, 200));
    idx.add(id, 'Peace talks resumed.');
    expect(idx.contains(id, [words('peace talks')])).toBe(true);
    expect(idx.contains(id, own)).toBe(containsPhrases('Peace talks resumed.', own));
    expect(idx.size).toBe(passages.length);

    idx.add(id, text);
    expect(idx.contains(id, own)).toBe(true);
    expectSameAnswers(idx, passages, queries.slice(0, 150));
  });

  it('compaction after many removals and replacements keeps every answer right', () => {
    const idx = new PhraseIndex({ minCompactHoles: 256 });
    const live = new Map<string, string>();
    const put = (id: string, text: string): void => {
      idx.add(id, text);
      live.set(id, text);
    };
    for (const [id, text] of passages) put(id, text);
    // Rounds of churn: remove a third, replace a third with another paragraph's text, add copies under new ids.
    for (let round = 0; round < 4; round++) {
      passages.forEach(([id], i) => {
        if (i % 3 === round % 3) {
          idx.remove(id);
          live.delete(id);
        } else if (i % 3 === (round + 1) % 3) put(id, passages[(i * 7 + round) % passages.length][1]);
        put(`copy${round}-${i}`, passages[(i + round) % passages.length][1]);
        if (round > 0) {
          idx.remove(`copy${round - 1}-${i}`);
          live.delete(`copy${round - 1}-${i}`);
        }
      });
    }
    const stats = idx.stats();
    expect(stats.compactions).toBeGreaterThan(0);
    expect(stats.holes * 2).toBeLessThanOrEqual(stats.tokens + stats.holes);
    expect(idx.size).toBe(live.size);
    expect(stats.tokens).toBe([...live.values()].reduce((sum, text) => sum + tokenize(text).length, 0));
    for (const [id] of passages) expect(idx.has(id)).toBe(live.has(id));
    const { yes } = expectSameAnswers(idx, [...live], queries.filter((_, i) => i % 3 === 0));
    expect(yes).toBeGreaterThan(100);

    // Removing everything empties the arena.
    for (const id of [...live.keys()]) idx.remove(id);
    expect(idx.size).toBe(0);
    expect(idx.stats()).toMatchObject({ documents: 0, tokens: 0, holes: 0 });
  });

  it('a word seen only after compiling is unknown to that compiled query; compiling again finds it', () => {
    const idx = new PhraseIndex();
    idx.add('a', 'Peace talks resumed.');
    const before = idx.compile([words('Zaporizhzhia plant')]);
    expect(before.impossible).toBe(true);
    idx.add('b', 'The Zaporizhzhia plant lost power.');
    expect(idx.containsCompiled('b', before)).toBe(false);
    expect(idx.containsCompiled('b', idx.compile([words('Zaporizhzhia plant')]))).toBe(true);
  });

  it('reports its memory', () => {
    const idx = new PhraseIndex();
    const empty = idx.stats().estimatedBytes;
    indexAll(idx, passages);
    const stats = idx.stats();
    expect(stats.tokens).toBe(passages.reduce((sum, [, text]) => sum + tokenize(text).length, 0));
    expect(stats.arrayBytes).toBeGreaterThanOrEqual(stats.tokens * 4);
    expect(idx.stats().estimatedBytes).toBeGreaterThan(Math.max(empty, stats.arrayBytes));
  });
});

/** [start, end) of `count` words from word `from` of `text`. */
function spanOf(text: string, from: number, count: number): [number, number] {
  const tokens = tokenizeWithOffsets(text);
  return [tokens[from].start, tokens[from + count - 1].end];
}


describe('the snapshot form (exportState / fromState)', () => {
  it('loads back an index that answers exactly as the one saved, after live changes too', () => {
    const idx = new PhraseIndex();
    indexAll(idx, passages);
    // Changes before saving: a removed passage and a replaced one must come back as they are now.
    const [goneId] = passages[0];
    const [changedId] = passages[1];
    idx.remove(goneId);
    idx.add(changedId, 'A cease-fire in Zaporizhzhia, said Erdoğan’s envoy.');
    const kept = passages.filter(([id]) => id !== goneId).map(([id, text]): [string, string] => [id, id === changedId ? 'A cease-fire in Zaporizhzhia, said Erdoğan’s envoy.' : text]);
    const ids = kept.map(([id]) => id);
    const state = JSON.parse(JSON.stringify(idx.exportState(ids)));
    const loaded = PhraseIndex.fromState(state, ids);
    expect(loaded.size).toBe(kept.length);
    expect(loaded.has(goneId)).toBe(false);
    expectSameAnswers(loaded, kept);
    expect(loaded.contains(changedId, parseQuery('"erdogan\'s envoy"').phrases)).toBe(true);
    // Still a live index after loading.
    loaded.add('new#1', 'Peace talks in Riyadh');
    expect(loaded.contains('new#1', parseQuery('"peace talks"').phrases)).toBe(true);
  });

  it('answers the same after its token cache is released', () => {
    const idx = new PhraseIndex();
    indexAll(idx, passages);
    expect(idx.stats().cachedTokens).toBeGreaterThan(0);
    idx.releaseCache();
    expect(idx.stats().cachedTokens).toBe(0);
    expectSameAnswers(idx, passages);
    idx.add('late#1', 'The cease-fire talks resumed.');
    expect(idx.contains('late#1', parseQuery('"ceasefire talks"').phrases)).toBe(true);
  });

  it('refuses state that does not hold together (the snapshot is then rebuilt, not served wrong)', () => {
    const idx = new PhraseIndex();
    idx.add('a#1', 'peace talks resume');
    idx.add('a#2', 'talks');
    const good = idx.exportState(['a#1', 'a#2']);
    const bad: unknown[] = [
      null,
      { ...good, lengths: [3] }, // fewer documents than ids
      { ...good, lengths: [3, 2] }, // more words than stored
      { ...good, lengths: [2, 1] }, // fewer words than stored
      { ...good, words: good.words.slice(0, 1) }, // a word id past the list
      { ...good, words: [good.words[0], good.words[0], good.words[2]] }, // a word twice
      { ...good, lengths: [-1, 5] },
      { ...good, data: Buffer.from([0x80]).toString('base64'), lengths: [1, 0] }, // cut varint
    ];
    for (const state of bad) expect(() => PhraseIndex.fromState(state, ['a#1', 'a#2'])).toThrow(PhraseStateError);
    expect(() => PhraseIndex.fromState(good, ['a#1', 'a#1'])).toThrow(PhraseStateError);
    expect(PhraseIndex.fromState(good, ['a#1', 'a#2']).contains('a#1', parseQuery('"peace talks"').phrases)).toBe(true);
  });
});
