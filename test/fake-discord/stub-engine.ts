// A stand-in Engine built from canned quotes, for bot tests that must not depend on the extractor's output
// (e.g. exact limits, throwing engines). Real-corpus behaviour is tested with the real Engine.
import type { QuoteHit, SpeakerGroup, WhoSaidAnswer } from '../../src/answers.js';
import type { Engine } from '../../src/engine.js';

export interface StubQuote {
  speaker: string;
  text: string;
  title?: string;
  source?: string;
  url?: string;
  paragraph?: number;
  kind?: QuoteHit['kind'];
}

export function stubEngine(quotes: StubQuote[], overrides: Partial<Record<keyof Engine, unknown>> = {}): Engine {
  const hits: QuoteHit[] = quotes.map((q, i) => ({
    id: `a${i}#${q.paragraph ?? 1}.1`, article: `a${i}`, title: q.title ?? `Article ${i}`, source: q.source, url: q.url,
    paragraph: q.paragraph ?? 1, speaker: q.speaker, speakerId: q.speaker.toLowerCase(), text: q.text,
    kind: q.kind ?? 'direct', marks: 'quotes', score: 1, highlights: [],
  }));
  const whoSaid = (topic: string, opts: { limit?: number } = {}): WhoSaidAnswer => {
    const words = topic.toLowerCase().split(/\s+/).filter(Boolean);
    const all = hits.filter((h) => words.some((w) => h.text.toLowerCase().includes(w)));
    const results = all
      .slice(0, opts.limit ?? 1000)
      .map((h) => {
        const at = h.text.toLowerCase().indexOf(words[0] ?? '');
        return { ...h, highlights: at >= 0 ? [[at, at + (words[0]?.length ?? 0)] as [number, number]] : [] };
      });
    const groups = new Map<string, SpeakerGroup>();
    for (const r of results) {
      const g = groups.get(r.speaker!) ?? { speaker: r.speaker, speakerId: r.speakerId, score: 1, quotes: [] };
      g.quotes.push(r);
      groups.set(r.speaker!, g);
    }
    return {
      query: topic, total: all.length, totalSpeakers: new Set(all.map((h) => h.speaker)).size,
      results, speakers: [...groups.values()], suggestions: results.length ? [] : ['ceasefire'],
    };
  };
  const engine = {
    dir: null,
    problems: [],
    whoSaid,
    search: (q: string) => ({ query: q, total: 0, results: [], suggestions: [] }),
    quotes: (q?: string) => ({ query: q ?? null, speaker: null, total: 0, results: [], suggestions: [] }),
    speakers: () => [],
    articles: () => [],
    article: () => undefined,
    getArticle: () => undefined,
    speaker: () => undefined,
    sources: () => ({ articles: quotes.length, paragraphs: quotes.length, quotes: quotes.length, speakers: new Set(quotes.map((q) => q.speaker)).size, problems: [], list: [] }),
    addArticle: () => undefined,
    replaceArticle: () => undefined,
    removeArticle: () => false,
    reloadArticle: async () => undefined,
    ...overrides,
  };
  return engine as unknown as Engine;
}
