// Scores the quote extractor against the hand-labelled quotations in the seed articles.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { readArticleFile } from '../src/corpus/read.js';
import { extractQuotes } from '../src/quotes/extract.js';
import { PERSON_ROLES, NATIONALITIES, ROLE_MODIFIERS } from '../src/quotes/lexicon.js';
import { SpeakerRegistry } from '../src/quotes/speakers.js';
import type { Article, ExtractedQuote } from '../src/types.js';
import { SEEDS, SEED_EVAL } from './shared-data.js';

const EVAL = SEED_EVAL;

interface Label {
  doc: string;
  who: string;
  text: string;
  kind: 'full' | 'partial' | 'unmarked' | 'dash';
}
interface EvalFile {
  people: Record<string, string[]>;
  quotes: Label[];
}

const evalData = JSON.parse(readFileSync(EVAL, 'utf8')) as EvalFile;

/** Quote marks, apostrophes and spacing do not matter when matching a snippet. */
function norm(s: string): string {
  return s
    .toLowerCase()
    .replace(/[’‘`´]/g, "'")
    .replace(/[“”„«»"]/g, '')
    .replace(/\s+/g, ' ')
    .trim();
}

const articles = new Map<string, Article>();
const extracted = new Map<string, ExtractedQuote[]>();
const registry = new SpeakerRegistry();

beforeAll(async () => {
  const docs = [...new Set(evalData.quotes.map((q) => q.doc))];
  for (const doc of docs) {
    const article = await readArticleFile(path.join(SEEDS, `${doc}.txt`));
    articles.set(doc, article);
    const quotes = extractQuotes(article.paragraphs, { title: article.title });
    extracted.set(doc, quotes);
    registry.add(doc, quotes);
  }
});

function rightSpeaker(speaker: string | null, acceptable: string[]): boolean {
  if (!speaker) return false;
  const s = norm(speaker);
  if (acceptable.some((a) => s === norm(a) || s.includes(norm(a)) || norm(a).includes(s))) return true;
  const id = registry.resolve(speaker)?.id;
  return id !== undefined && acceptable.some((a) => registry.resolve(a)?.id === id);
}

describe('seed quotations (shared/eval/seed-quotes.json)', () => {
  it('attributes at least 95% of labelled quotations to the right speaker', () => {
    let right = 0;
    let kindRight = 0;
    const misses: string[] = [];
    const kindMisses: string[] = [];
    for (const label of evalData.quotes) {
      const quotes = extracted.get(label.doc) ?? [];
      const matching = quotes.filter((q) => norm(q.text).includes(norm(label.text)));
      const acceptable = evalData.people[label.who];
      const good = matching.find((q) => rightSpeaker(q.speaker, acceptable));
      if (good) right++;
      else {
        misses.push(`${label.doc} "${label.text}" want ${label.who}; got ${matching.length ? matching.map((q) => `${q.speaker} [${q.paragraph}]`).join(', ') : 'no quote'}`);
      }
      const wantKind = label.kind === 'partial' ? 'partial' : 'direct';
      const got = (good ?? matching[0])?.kind;
      if (got === wantKind) kindRight++;
      else kindMisses.push(`${label.doc} "${label.text}" want ${wantKind}, got ${got}`);
    }
    const total = evalData.quotes.length;
    console.log(`quote speakers: ${right}/${total} right (${((100 * right) / total).toFixed(1)}%), kinds: ${kindRight}/${total}`);
    if (misses.length) console.log(`misses:\n  ${misses.join('\n  ')}`);
    if (kindMisses.length) console.log(`kind differences (not scored):\n  ${kindMisses.join('\n  ')}`);
    expect(right / total).toBeGreaterThanOrEqual(0.95);
  });

  it('quotes every text exactly as written in its paragraph or headline', () => {
    for (const [doc, quotes] of extracted) {
      const article = articles.get(doc)!;
      expect(quotes.length).toBeGreaterThan(0);
      for (const q of quotes) {
        const source = q.paragraph === 0 ? article.title : article.paragraphs[q.paragraph - 1];
        expect(source, `${doc} paragraph ${q.paragraph}`).toBeDefined();
        expect(source.includes(q.text), `${doc}[${q.paragraph}] "${q.text}"`).toBe(true);
        expect(q.text).toBe(q.text.trim());
        expect(q.text.length).toBeGreaterThan(0);
      }
    }
  });

  it('never names a pronoun or a bare role as a speaker', () => {
    const roleWords = new Set([...Object.keys(PERSON_ROLES), ...Object.keys(NATIONALITIES), ...ROLE_MODIFIERS]);
    for (const quotes of extracted.values()) {
      for (const q of quotes) {
        if (!q.speaker) continue;
        const words = q.speaker.replace(/^(the|a|an|his|her|their)\s+/i, '').split(/\s+/);
        expect(['he', 'she', 'they', 'it', 'him', 'her', 'we', 'i', 'you', 'them'], q.speaker).not.toContain(norm(q.speaker));
        // Acronyms (UN, ISW) are names of organisations, not roles.
        // "a Ukrainian official" is an unnamed source, fine; "the president" is a reference left unresolved.
        if (/^(a|an|one|some|several|two|three|four|five)\s/i.test(q.speaker)) continue;
        const bare = words.every((w) => roleWords.has(w.toLowerCase()) && !/^\p{Lu}{2,}$/u.test(w)) && words.some((w) => w.toLowerCase() in PERSON_ROLES);
        expect(bare, `bare role "${q.speaker}"`).toBe(false);
      }
    }
  });

  it('does not treat scare quotes as speech (Russian “occupiers”)', () => {
    const quotes = extracted.get('001_ad34c3576032ad84') ?? [];
    // The army's claim is reported speech and keeps the reporter's marks; the marked word alone is no quote.
    expect(quotes.some((q) => q.kind !== 'indirect' && q.text.includes('occupiers'))).toBe(false);
    expect(quotes.find((q) => q.text.includes('occupiers'))).toMatchObject({ kind: 'indirect', speaker: 'Ukrainian army' });
    expect(quotes.some((q) => q.text === 'dynamics')).toBe(false);
  });

  it('merges the seeds’ names for one speaker across articles', () => {
    expect(registry.resolve('Peskov')?.name).toBe('Dmitry Peskov');
    expect(registry.resolve('Erdoğan')?.name).toBe('Erdogan');
    expect(registry.resolve('Zelenskyy')?.name).toBe('Volodymyr Zelensky');
    expect(registry.resolve('ISW')?.name).toBe('Institute for the Study of War');
  });
});
