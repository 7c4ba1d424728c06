// The fixed query mix and the latency statistics the benchmark reports.

export type QueryKind = 'single' | 'two-words' | 'phrase' | 'prefix' | 'typo' | 'who-said' | 'speaker';

export interface BenchQuery {
  kind: QueryKind;
  text: string;
  /** Date, source and order options, for the queries that use them. */
  opts?: { since?: string; until?: string; source?: string; sort?: 'newest' };
}

const MIX: Record<QueryKind, string[]> = {
  single: ['ceasefire', 'sanctions', 'Zaporizhzhia', 'prisoners', 'drones', 'talks', 'grain', 'nuclear', 'withdrawal', 'memorandum', 'Erdogan'],
  'two-words': ['peace talks', 'security guarantees', 'prisoner exchange', 'energy infrastructure', 'Black Sea', 'frozen assets', 'cease fire', 'Kremlin spokesperson'],
  phrase: ['"peace talks"', '"security guarantees"', '"Black Sea"', '"nuclear power plant"'],
  prefix: ['negot', 'sanct', 'Zapor', 'humanit', 'reconst', 'ceasef'],
  typo: ['ceasfire', 'negotiatons', 'sanctoins', 'Zaporizhia', 'humanitarain', 'memorandun'],
  'who-said': [
    'ceasefire', 'sanctions', 'security guarantees', 'nuclear', 'prisoners', 'peace talks', 'negot', 'ceasfire', 'Istanbul', 'territory',
    // The words people type: questions, equivalents, a speaker in the topic.
    'who said anything about a ceasefire in Istanbul?', 'truce', 'peace deal', 'what did Peskov say about sanctions', 'Zelensky Putin',
  ],
  speaker: ['Peskov', 'Zelenskyy', 'Erdogan', 'Lavrov', 'Zel', 'Kremlin'],
};

/** Queries limited by date or source (filters on). */
const FILTERED: BenchQuery[] = [
  { kind: 'who-said', text: 'ceasefire', opts: { since: '2025-05-01' } },
  { kind: 'who-said', text: 'sanctions', opts: { until: 'May 2025', source: 'Reuters' } },
  { kind: 'single', text: 'ceasefire', opts: { since: '2025-01-01', until: '2025-12-31' } },
  { kind: 'two-words', text: 'peace talks', opts: { source: 'Reuters' } },
];

/** Every query of the mix, in a fixed order. */
export function queryMix(): BenchQuery[] {
  return [...(Object.keys(MIX) as QueryKind[]).flatMap((kind) => MIX[kind].map((text) => ({ kind, text }))), ...FILTERED];
}

export const SEARCH_KINDS: QueryKind[] = ['single', 'two-words', 'phrase', 'prefix', 'typo'];

export function percentile(samples: number[], p: number): number {
  if (samples.length === 0) return 0;
  const sorted = [...samples].sort((a, b) => a - b);
  const at = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[at];
}

export function round(n: number, digits = 2): number {
  const f = 10 ** digits;
  return Math.round(n * f) / f;
}

export interface Latency {
  p50_ms: number;
  p99_ms: number;
  max_ms: number;
  n: number;
}

export function latency(samples: number[]): Latency {
  return {
    p50_ms: round(percentile(samples, 50), 3),
    p99_ms: round(percentile(samples, 99), 3),
    max_ms: round(Math.max(0, ...samples), 3),
    n: samples.length,
  };
}

/**
 * Runs `run` for every query `rounds` times in a shuffled but seeded order (so caches and JIT warm-up do not
 * favour one query) and returns the samples in ms per kind.
 */
export function timeQueries(queries: BenchQuery[], rounds: number, run: (q: BenchQuery) => void): Map<QueryKind, number[]> {
  const out = new Map<QueryKind, number[]>();
  // Warm-up: one pass, not measured (JIT compilation of the first calls is not query latency).
  for (const q of queries) run(q);
  let seed = 7;
  const next = (): number => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
  for (let r = 0; r < rounds; r++) {
    const order = queries.map((q) => [next(), q] as const).sort((a, b) => a[0] - b[0]).map((e) => e[1]);
    for (const q of order) {
      const start = performance.now();
      run(q);
      const ms = performance.now() - start;
      let list = out.get(q.kind);
      if (!list) out.set(q.kind, (list = []));
      list.push(ms);
    }
  }
  return out;
}
