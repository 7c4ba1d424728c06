import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { Engine, EngineError } from '../src/engine.js';
import { claimText, matchClaim, claimWords, MAX_CLAIM_CHARS } from '../src/search/find-sources.js';

const CORPUS = path.resolve(__dirname, '../corpus');
let engine: Engine;

beforeAll(async () => {
  engine = await Engine.open(CORPUS);
});

describe('findSources over the seeds', () => {
  it('a quote pasted with other punctuation, casing, marks and a contraction → that quote and its speaker', () => {
    const a = engine.findSources('>>"THE LANGUAGE of ultimatums isn\'t acceptable for Russia!!" — peskov, lol');
    expect(a.quotes[0]).toMatchObject({ speaker: 'Dmitry Peskov', article: '003_dc2851360bf64447', paragraph: 9 });
    expect(a.quotes[0]!.text).toMatch(/^The language of ultimatums is not acceptable/);
    expect(a.quotes[0]!.sharedRun).toBeGreaterThanOrEqual(5);
    expect(a.quotes[0]!.highlights.length).toBeGreaterThan(0);
  });

  it('part of a long quote, with a word changed, still finds it', () => {
    const a = engine.findSources('putins power model can not exist outside of war because with peace he would lose control');
    expect(a.quotes[0]?.text).toMatch(/^Putin’s power model cannot exist outside of war/);
    expect(a.quotes[0]?.speaker).toMatch(/Gerashchenko/);
  });

  it('a paraphrase gets passages, not a quote', () => {
    const a = engine.findSources('Berlin threatened Moscow with more EU sanctions and the Kremlin reacted badly');
    expect(a.quotes).toEqual([]);
    expect(a.passages.length).toBeGreaterThan(0);
    expect(a.passages.some((p) => p.article === '003_dc2851360bf64447')).toBe(true);
  });

  it('unrelated text matches no quote', () => {
    const a = engine.findSources('my cat prefers tuna sandwiches on a rainy sunday afternoon');
    expect(a.quotes).toEqual([]);
  });

  it('a message with only a link, mentions or nothing is refused with a message', () => {
    for (const m of ['', '   ', 'https://example.com/news/1', '<@123456789012345678> <#123456789012345678>', 'the and of']) {
      expect(() => engine.findSources(m)).toThrow(EngineError);
    }
  });

  it('a very long message is capped and still answered', () => {
    const long = `${'the peace talks went on and on '.repeat(400)}`;
    const a = engine.findSources(long);
    expect(a.truncated).toBe(true);
    expect(a.text.length).toBeLessThanOrEqual(MAX_CLAIM_CHARS);
  });
});

describe('matchClaim', () => {
  it('needs more than a few shared common words', () => {
    expect(matchClaim(claimWords('we will see what happens'), claimWords('We will see whether the talks go ahead')).matches).toBe(false);
    expect(matchClaim(claimWords('we will see whether the talks'), claimWords('We will see whether the talks go ahead')).matches).toBe(true);
  });

  it('strips links, mentions and markup from a chat message', () => {
    expect(claimText('**Hey** <@!42> see https://x.test/a?b=1 `now`').text).toBe('Hey see now');
  });
});
