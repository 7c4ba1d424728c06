import { describe, expect, it } from 'vitest';
import { containsPhrases, highlight, TextIndex } from '../src/search/index.js';
import { parseQuery } from '../src/search/query.js';

const DOCS = {
  hyphen: 'Russia has called for a cease-fire in talks with Ukraine.',
  joined: 'Kuleba hopes for an agreement on a ceasefire.',
  spaced: 'Both sides agreed to a cease fire on Easter.',
  curly: 'Putin’s envoy arrived in Istanbul.',
  accent: 'Recep Tayyip Erdoğan hosted the delegations.',
  negotiations: 'Negotiations resumed after three weeks.',
  negotiate: 'Moscow is ready to negotiate, the Kremlin said.',
  talk: 'The talk was short.',
  dialogue: 'Putin is not interested in any kind of dialogue.',
  mobilisation: 'Russia does not need mobilization.',
  zelenskyy: 'Zelenskyy met the envoy.',
};

function index(): TextIndex {
  const idx = new TextIndex();
  idx.addAll(Object.entries(DOCS).map(([id, text]) => ({ id, text })));
  return idx;
}

const find = (q: string) => index().search(parseQuery(q)).map((h) => h.id).sort();

describe('matching a person would expect', () => {
  it('cease-fire, cease fire and ceasefire all find each other', () => {
    for (const q of ['ceasefire', 'cease-fire', 'cease fire', 'Ceasefire', 'CEASE–FIRE']) {
      expect(find(q), q).toEqual(['hyphen', 'joined', 'spaced']);
    }
  });
  it('folds case, diacritics and curly apostrophes', () => {
    expect(find('erdogan')).toEqual(['accent']);
    expect(find('Erdoğan')).toEqual(['accent']);
    expect(find("Putin's")).toContain('curly');
    expect(find('putin’s')).toContain('curly');
  });
  it('stems simple forms: negotiations/negotiate, talks/talk, mobilisation/mobilization', () => {
    expect(find('negotiations')).toEqual(['negotiate', 'negotiations']);
    expect(find('negotiating')).toEqual(['negotiate', 'negotiations']);
    expect(find('talks')).toEqual(expect.arrayContaining(['talk', 'hyphen']));
    expect(find('mobilisation')).toEqual(['mobilisation']);
    expect(find('Zelensky')).toEqual(['zelenskyy']);
  });
  it('tolerates a typo in a longer word but not in a short one', () => {
    expect(find('negotiatons')).toEqual(['negotiate', 'negotiations']);
    expect(find('dialouge')).toEqual(['dialogue']);
    expect(find('tlak')).toEqual([]);
  });
  it('completes a prefix while typing (4+ letters)', () => {
    expect(find('Istan')).toEqual(['curly']);
    expect(find('delegat')).toEqual(['accent']);
    expect(find('Ist')).toEqual([]);
  });
  it('needs every word, then falls back to any word', () => {
    expect(find('Putin dialogue')).toEqual(['dialogue']);
    expect(find('Erdogan zzzzzz')).toEqual(['accent']);
  });
  it('ignores stop words and question filler; a query of only those has no terms', () => {
    expect(parseQuery('who said the ceasefire').terms).toEqual(['ceasefir']);
    expect(parseQuery('the of and').terms).toEqual([]);
  });
});

describe('phrases and highlights', () => {
  it('checks a quoted phrase as consecutive words', () => {
    expect(containsPhrases('the end of the war is near', parseQuery('"end of the war"').phrases)).toBe(true);
    expect(containsPhrases('the war will end', parseQuery('"end of the war"').phrases)).toBe(false);
  });
  it('highlights the words that matched, with offsets into the original text', () => {
    const text = DOCS.hyphen;
    const [hit] = index().search(parseQuery('ceasefire talks')).filter((h) => h.id === 'hyphen');
    const words = highlight(text, hit.terms).map(([s, e]) => text.slice(s, e));
    expect(words).toEqual(['cease-fire', 'talks']);
  });
  it('is linear on a huge passage', () => {
    const idx = new TextIndex();
    idx.add({ id: 'big', text: `${'peace talks '.repeat(100_000)}ceasefire` });
    expect(idx.search(parseQuery('ceasefire')).map((h) => h.id)).toEqual(['big']);
  });
});
