// `npm run train:attribution`: learns which of the attribution rules' candidates is a quote's speaker.
//
// On polnear-train only: every article is extracted with the rules' cascade alone, each marked quote's candidates
// (with their evidence) are kept, and the quotes the scorer matches to a gold quote with a named source label
// their candidates right or wrong (the gold name, first names checked). A logistic regression over the evidence
// is fitted by full-batch gradient descent in a fixed order from zero weights: the same data always gives the
// same weights. They are written to src/quotes/attribution-weights.json (`--dry-run`: only report).
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { readCorpus } from '../src/corpus/read.js';
import { type Candidate } from '../src/quotes/attribution-model.js';
import type { SpeakerRef } from '../src/quotes/context.js';
import { extractQuotes } from '../src/quotes/extract.js';
import type { ExtractedQuote } from '../src/types.js';
import { EVAL_DIR, givenConflict, runCorpus, scoreRows, speakerMatches, type GoldRelation } from './eval.js';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const OUT = path.join(REPO, 'src/quotes/attribution-weights.json');
const SET = 'polnear-train';
const EPOCHS = Number(process.env.EPOCHS ?? 400);
const RATE = Number(process.env.RATE ?? 0.5);
const L2 = 1e-4;
const EXPLAIN = process.argv.includes('--explain');

interface Example { features: Map<string, number>; right: boolean; cascade: boolean; name: string; gold: string }
type Group = Example[];

/** The labelled candidate groups of a set: one group per judged quote. */
async function collect(set: string): Promise<Group[]> {
  const { articles } = await readCorpus(path.join(EVAL_DIR, set, 'articles'));
  const seen = new Map<ExtractedQuote, Candidate<SpeakerRef>[]>();
  const extracted = articles.map((a) => extractQuotes(a.paragraphs, { title: a.title, attribution: 'rules', onCandidates: (q, c) => seen.set(q, c) }));
  const run = runCorpus(articles, extracted);
  const scorer = scoreRows(set, run.rows);
  const gold = JSON.parse(readFileSync(path.join(EVAL_DIR, set, 'gold.json'), 'utf8')) as { relations: GoldRelation[] };
  const byKey = new Map(gold.relations.map((g) => [`${g.article}#${g.id}`, g]));
  const groups: Group[] = [];
  for (const m of scorer.matches) {
    const g = byKey.get(m.gold);
    if (!g || g.kind !== 'direct' || g.speaker_status !== 'named') continue;
    const cands = seen.get(run.extracted[m.sys[0]]);
    if (!cands?.length) continue;
    const names = g.speaker_names?.length ? g.speaker_names : [g.speaker ?? ''];
    const full = g.speaker_full ?? g.speaker;
    groups.push(cands.map((c) => ({
      features: c.features,
      right: speakerMatches(c.ref.name, names) && !givenConflict(c.ref.name, full),
      cascade: c.features.has('cascade'),
      name: c.ref.name,
      gold: `${m.gold} ${full ?? ''}`,
    })));
  }
  return groups;
}

/** A candidate's score: the model's log-odds. */
function score(features: Map<string, number>, w: ReadonlyMap<string, number>): number {
  let z = 0;
  for (const [n, v] of features) z += (w.get(n) ?? 0) * v;
  return z;
}

/**
 * A conditional logit: within each quote, a softmax over its candidates (and, where the rules found nobody, the
 * choice of no speaker at score 0) is fitted to the right ones. Full batch, fixed epochs, from zero: deterministic.
 */
function fit(groups: Group[]): Map<string, number> {
  const names = [...new Set(groups.flatMap((g) => g.flatMap((e) => [...e.features.keys()])))].sort();
  const w = new Map(names.map((n) => [n, 0]));
  for (let epoch = 0; epoch < EPOCHS; epoch++) {
    const grad = new Map(names.map((n) => [n, 0]));
    for (const g of groups) {
      const withNull = !g.some((e) => e.cascade);
      const zs = g.map((e) => score(e.features, w));
      const max = Math.max(withNull ? 0 : -Infinity, ...zs);
      const ex = zs.map((z) => Math.exp(z - max));
      const total = ex.reduce((a, b) => a + b, 0) + (withNull ? Math.exp(-max) : 0);
      const right = g.filter((e) => e.right).length;
      g.forEach((e, i) => {
        // d(-log P(right set))/dz_i = p_i - (right_i ? p_i / P(right) : 0)
        const p = ex[i] / total;
        const pRight = right ? g.reduce((a, x, k) => a + (x.right ? ex[k] / total : 0), 0) : (withNull ? Math.exp(-max) / total : 1);
        const target = right ? (e.right ? p / pRight : 0) : 0;
        const err = p - target;
        for (const [n, v] of e.features) grad.set(n, grad.get(n)! + err * v);
      });
    }
    for (const n of names) w.set(n, w.get(n)! - RATE * (grad.get(n)! / groups.length + L2 * w.get(n)!));
  }
  return w;
}

/** The best candidate's score for each quote the rules gave nobody, with whether it is right. */
function noRulePicks(groups: Group[], w: Map<string, number>): Array<{ z: number; right: boolean }> {
  const out: Array<{ z: number; right: boolean }> = [];
  for (const g of groups) {
    if (g.some((e) => e.cascade)) continue;
    let best: Example | undefined;
    let bz = -Infinity;
    for (const e of g) {
      const z = score(e.features, w);
      if (z > bz) [best, bz] = [e, z];
    }
    if (best) out.push({ z: bz, right: best.right });
  }
  return out;
}

/** The lowest score at which picks for quotes the rules gave nobody are still right at least `share` of the time. */
function threshold(groups: Group[], w: Map<string, number>, share = 0.8): number {
  const picks = noRulePicks(groups, w).sort((a, b) => b.z - a.z);
  let ok = 0;
  let t = Number.POSITIVE_INFINITY;
  picks.forEach((x, i) => {
    if (x.right) ok++;
    if (ok / (i + 1) >= share) t = x.z;
  });
  return Number.isFinite(t) ? Number(t.toFixed(4)) : 0;
}

/** Judged quotes whose chosen candidate is right: the cascade's, the model's, and the best possible. */
function report(label: string, groups: Group[], w: Map<string, number>, threshold: number): void {
  let cascade = 0;
  let model = 0;
  let oracle = 0;
  for (const g of groups) {
    if (g.some((e) => e.cascade && e.right)) cascade++;
    if (g.some((e) => e.right)) oracle++;
    const hasCascade = g.some((e) => e.cascade);
    let best: Example | undefined;
    let bp = -Infinity;
    for (const e of g) {
      const z = score(e.features, w);
      if (z > bp) [best, bp] = [e, z];
    }
    if (best && (hasCascade || bp >= threshold) && best.right) model++;
    else if (EXPLAIN && g.some((e) => e.right)) {
      console.log(`WRONG ${g[0].gold}`);
      for (const e of g) console.log(`  ${e.right ? '+' : '-'}${e === best ? '*' : ' '} ${score(e.features, w).toFixed(2)} ${e.name} ${[...e.features.keys()].filter((k) => !k.includes('&')).join(' ')}`);
    }
  }
  const pct = (n: number): string => `${((100 * n) / groups.length).toFixed(1)}%`;
  console.log(`${label}: ${groups.length} judged quotes with candidates; right speaker: rules ${pct(cascade)}, model ${pct(model)}, best candidate ${pct(oracle)}`);
}

async function main(argv: string[]): Promise<void> {
  const train = await collect(SET);
  const w = fit(train);
  const t = threshold(train, w);
  report(SET, train, w, t);
  console.log(`threshold where the rules found nobody: ${t}`);
  const weights: Record<string, number> = {};
  for (const [n, v] of [...w].sort((a, b) => (a[0] < b[0] ? -1 : 1))) if (Math.abs(v) >= 1e-4) weights[n] = Number(v.toFixed(4));
  if (argv.includes('--dev')) report('polnear-dev (not trained on)', await collect('polnear-dev'), new Map(Object.entries(weights)), t);
  if (argv.includes('--dry-run')) return;
  const file = { trainedOn: `${SET}: ${train.length} judged quotes, conditional logit, ${EPOCHS} epochs, rate ${RATE}, L2 ${L2}`, noRuleThreshold: t, weights };
  writeFileSync(OUT, `${JSON.stringify(file, null, 1)}\n`);
  console.log(`wrote ${path.relative(REPO, OUT)} (${Object.keys(weights).length} weights)`);
}

main(process.argv.slice(2)).catch((err: unknown) => {
  console.error(err instanceof Error ? err.stack ?? err.message : String(err));
  process.exitCode = 1;
});
