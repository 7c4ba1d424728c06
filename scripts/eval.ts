// `npm run eval`: how well quotes are found and attributed, measured on the labelled sets in ../shared/eval.
// One table: seeds, polnear-dev, polnear-train, then the answers' relevance set over the seeds. `--rules`: each
// attribution rule's record on polnear-train.
//
// Everything runs in this process: the corpus is read with the project's reader, quotes are extracted and
// attributed exactly as the engine does (Engine.build), and the rows `quotes --json` would print are handed to
// the set's own score.mjs through `--system` (a temp file in os.tmpdir(); nothing is written into ../shared).
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { QuoteHit } from '../src/answers.js';
import { cleanParagraphs, headlineIndex, tidyParagraph } from '../src/corpus/clean.js';
import { listArticleFiles, readArticleFile, readCorpus } from '../src/corpus/read.js';
import { Engine } from '../src/engine.js';
import { extractQuotes } from '../src/quotes/extract.js';
import { evaluateRelevance, type RelevanceCase, type RelevanceReport } from '../src/search/relevance.js';
import type { Article, ExtractedQuote } from '../src/types.js';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const SHARED_DIR = process.env.SHARED_DIR ?? path.resolve(REPO, '../shared');
export const EVAL_DIR = path.join(SHARED_DIR, 'eval');

/** The figures of one labelled set, as fractions (null where the set cannot measure it). */
export interface SetFigures {
  set: string;
  articles: number;
  /** Direct quotes: share of gold ones found, share of those with a named source given the right speaker. */
  directRecall: number | null;
  /** Right speaker with first names checked (the scorer's stricter figure; the target is on this one). */
  directSpeaker: number | null;
  /** Same, surname only (the scorer's headline figure). */
  directSpeakerSurname: number | null;
  directPrecision: number | null;
  /** Reported speech with a speech verb (PolNeAR "indirect" with a speech cue). */
  reportedRecall: number | null;
  reportedSpeaker: number | null;
  /** Counts behind the figures, for the table's footnotes. */
  counts: Record<string, number>;
  seconds: number;
}

/** One block of rows in the printed table; other measurements (e.g. answer relevance) add their own sections. */
export interface Section {
  title: string;
  columns: string[];
  rows: Array<Array<string | number | null>>;
}

/** An extracted quote beside the row `quotes --json` prints for it. */
export interface ScoredRun {
  rows: QuoteHit[];
  extracted: ExtractedQuote[];
}

/**
 * Extracts and attributes a corpus as the engine does and returns the `quotes --json` rows, with the extractor's
 * output aligned row by row (the engine lists every quote by article id, then in extraction order).
 */
export function runCorpus(articles: Article[], extracted: ExtractedQuote[][] = articles.map((a) => extractQuotes(a.paragraphs, { title: a.title }))): ScoredRun {
  const engine = Engine.build(articles, { extracted });
  const rows = engine.quotes().results;
  const byId = new Map(articles.map((a, i) => [a.id, extracted[i]]));
  const aligned = [...byId.keys()].sort((a, b) => a.localeCompare(b)).flatMap((id) => byId.get(id) ?? []);
  if (aligned.length !== rows.length) throw new Error(`engine listed ${rows.length} quotes, the extractor found ${aligned.length}`);
  return { rows, extracted: aligned };
}

interface ScorerTally { n: number; found: number; named: number; right: number; rightStrict: number }
export interface ScorerJson {
  direct: ScorerTally;
  indirect: ScorerTally;
  indirect_speech: ScorerTally;
  precision_direct_partial: { n: number; ok: number };
  matches: Array<{ gold: string; sys: number[] }>;
  summary: string;
}

const ratio = (a: number, b: number): number | null => (b ? a / b : null);

/** Runs a PolNeAR set's score.mjs on in-process output. Temp files live in os.tmpdir() and are removed. */
export async function scorePolnear(name: string): Promise<{ figures: SetFigures; run: ScoredRun; scorer: ScorerJson }> {
  const dir = path.join(EVAL_DIR, name);
  const started = performance.now();
  const { articles } = await readCorpus(path.join(dir, 'articles'));
  const run = runCorpus(articles);
  const scorer = scoreRows(name, run.rows);
  const d = scorer.direct;
  const sp = scorer.indirect_speech;
  const p = scorer.precision_direct_partial;
  const figures: SetFigures = {
    set: name,
    articles: articles.length,
    directRecall: ratio(d.found, d.n),
    directSpeaker: ratio(d.rightStrict, d.named),
    directSpeakerSurname: ratio(d.right, d.named),
    directPrecision: ratio(p.ok, p.n),
    reportedRecall: ratio(sp.found, sp.n),
    reportedSpeaker: ratio(sp.rightStrict, sp.named),
    counts: { directGold: d.n, directFound: d.found, directNamed: d.named, directRight: d.rightStrict, systemDirect: p.n, systemDirectInGold: p.ok, speechGold: sp.n, speechFound: sp.found, speechNamed: sp.named, speechRight: sp.rightStrict },
    seconds: (performance.now() - started) / 1000,
  };
  return { figures, run, scorer };
}

/** Runs a PolNeAR set's score.mjs on `quotes --json` rows. Temp files live in os.tmpdir() and are removed. */
export function scoreRows(name: string, rows: QuoteHit[]): ScorerJson {
  const dir = path.join(EVAL_DIR, name);
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'talks-bot-eval-'));
  try {
    const sysFile = path.join(tmp, 'system.json');
    const outFile = path.join(tmp, 'score.json');
    writeFileSync(sysFile, JSON.stringify(rows));
    execFileSync(process.execPath, [path.join(dir, 'score.mjs'), path.join(dir, 'gold.json'), path.join(dir, 'articles'), '--system', sysFile, '--json', outFile], {
      encoding: 'utf8', maxBuffer: 1 << 28, stdio: ['ignore', 'pipe', 'pipe'],
    });
    return JSON.parse(readFileSync(outFile, 'utf8')) as ScorerJson;
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

interface SeedLabel { doc: string; who: string; text: string; kind: string }
interface SeedFile { people: Record<string, string[]>; quotes: SeedLabel[] }

/** Quote marks, apostrophes and spacing do not matter when matching a seed snippet (as test/quotes-eval.test.ts). */
function normSnippet(s: string): string {
  return s.toLowerCase().replace(/[’‘`´]/g, "'").replace(/[“”„«»"]/g, '').replace(/\s+/g, ' ').trim();
}

/** The seed articles: labelled snippets found, and given a speaker that is (or resolves to) one of the person's names. */
export async function scoreSeeds(): Promise<SetFigures> {
  const started = performance.now();
  const labels = JSON.parse(readFileSync(path.join(EVAL_DIR, 'seed-quotes.json'), 'utf8')) as SeedFile;
  const seedDir = existsSync(path.join(SHARED_DIR, 'seeds')) ? path.join(SHARED_DIR, 'seeds') : path.join(REPO, 'corpus');
  const docs = [...new Set(labels.quotes.map((q) => q.doc))];
  const articles = await Promise.all(docs.map((d) => readArticleFile(path.join(seedDir, `${d}.txt`))));
  const extracted = articles.map((a) => extractQuotes(a.paragraphs, { title: a.title }));
  const engine = Engine.build(articles, { extracted });
  const rows = engine.quotes().results;
  const idOf = (name: string): string | undefined => engine.quotes(name, { limit: 1 }).speaker?.id;
  let found = 0;
  let right = 0;
  for (const label of labels.quotes) {
    const matching = rows.filter((r) => r.article === label.doc && normSnippet(r.text).includes(normSnippet(label.text)));
    if (matching.length) found++;
    const names = labels.people[label.who] ?? [];
    const ids = new Set(names.map(idOf).filter((id): id is string => id !== undefined));
    const good = matching.some((r) => {
      if (!r.speaker) return false;
      const s = normSnippet(r.speaker);
      return names.some((a) => s === normSnippet(a) || s.includes(normSnippet(a)) || normSnippet(a).includes(s)) || (r.speakerId !== null && ids.has(r.speakerId));
    });
    if (good) right++;
  }
  const n = labels.quotes.length;
  return {
    set: 'seeds', articles: articles.length,
    directRecall: ratio(found, n), directSpeaker: ratio(right, n), directSpeakerSurname: null, directPrecision: null,
    reportedRecall: null, reportedSpeaker: null,
    counts: { labelled: n, found, right },
    seconds: (performance.now() - started) / 1000,
  };
}

/** Does the system speaker name the gold source? Mirrors score.mjs's rule (surname, part of the name, acronym). */
const SUFFIX = new Set(['jr', 'sr', 'ii', 'iii', 'iv']);
const STOP = new Set(['the', 'a', 'an', 'mr', 'mrs', 'ms', 'dr', 'of', 'and']);
const PRON = new Set('he she they it we i you who him her them us me his its their one someone'.split(' '));
const foldWords = (s: string | null | undefined): string[] => {
  const f = String(s ?? '').normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toLowerCase()
    .replace(/[\u2018\u2019\u201b\u2032\u0060\u00b4']/g, '').replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
  return f ? f.split(' ') : [];
};
export function speakerMatches(sys: string | null, goldNames: string[]): boolean {
  const s = foldWords(sys).filter((w) => !SUFFIX.has(w));
  const core = s.filter((w) => !STOP.has(w));
  if (!core.length || core.every((w) => PRON.has(w))) return false;
  const acro = (ws: string[]): string => ws.filter((w) => !STOP.has(w)).map((w) => w[0]).join('');
  for (const g of goldNames) {
    const gt = foldWords(g).filter((w) => !SUFFIX.has(w));
    if (!gt.length) continue;
    if (s.includes(gt[gt.length - 1])) return true;
    if (gt.length === 1 && gt[0].length >= 2 && core.length > 1 && acro(core) === gt[0]) return true;
    if (core.length === 1 && core[0].length >= 2 && gt.length > 1 && acro(gt) === core[0]) return true;
    if ((' ' + gt.join(' ') + ' ').includes(' ' + core.join(' ') + ' ')) return true;
  }
  return false;
}

/**
 * Mirrors score.mjs's stricter check: where both name a given name before the surname they must agree ("Rafael
 * Cruz" is not "Ted Cruz"); initials agree with names that start with them.
 */
const DESCR = new Set('republican democrat democratic gop sen senator rep representative gov governor president mr mrs ms dr former secretary gen general vice the a'.split(' '));
export function givenConflict(sys: string | null, goldFull: string | undefined): boolean {
  if (!goldFull) return false;
  const g = foldWords(goldFull).filter((w) => !SUFFIX.has(w));
  if (g.length < 2) return false;
  const s = foldWords(sys).filter((w) => !SUFFIX.has(w));
  const i = s.lastIndexOf(g[g.length - 1]);
  if (i < 1) return false;
  const sp = s[i - 1];
  if (DESCR.has(sp) || g.includes(sp)) return false;
  const gFirst = g.find((w) => !DESCR.has(w));
  if (!gFirst || sp === gFirst) return false;
  if (sp.length === 1 ? gFirst.startsWith(sp) : gFirst.length === 1 && sp.startsWith(gFirst)) return false;
  return true;
}

export interface GoldRelation { article: string; id: string; kind: string; speaker_status: string; speaker?: string; speaker_names?: string[]; speaker_full?: string }

export interface RuleFigures { rule: string; fired: number; judged: number; right: number; precision: number | null }

/**
 * Each attribution rule on a PolNeAR set: how many quotes it attributed, how many of those matched a gold relation
 * whose source is a named speaker (judged), and how many of those it got right. Missing rule → '(unlabelled)'.
 */
export function ruleFigures(setName: string, run: ScoredRun, scorer: ScorerJson): RuleFigures[] {
  const gold = JSON.parse(readFileSync(path.join(EVAL_DIR, setName, 'gold.json'), 'utf8')) as { relations: GoldRelation[] };
  const byKey = new Map(gold.relations.map((g) => [`${g.article}#${g.id}`, g]));
  const goldOfSys = new Map<number, GoldRelation>();
  for (const m of scorer.matches) {
    const g = byKey.get(m.gold);
    if (g) goldOfSys.set(m.sys[0], g);
  }
  const stats = new Map<string, RuleFigures>();
  run.rows.forEach((row, i) => {
    if (row.speaker === null) return;
    const rule = run.extracted[i].rule ?? '(unlabelled)';
    let s = stats.get(rule);
    if (!s) stats.set(rule, (s = { rule, fired: 0, judged: 0, right: 0, precision: null }));
    s.fired++;
    const g = goldOfSys.get(i);
    if (!g || g.speaker_status !== 'named') return;
    s.judged++;
    if (speakerMatches(row.speaker, g.speaker_names?.length ? g.speaker_names : [g.speaker ?? ''])) s.right++;
  });
  for (const s of stats.values()) s.precision = ratio(s.right, s.judged);
  return [...stats.values()].sort((a, b) => (b.precision ?? -1) - (a.precision ?? -1) || b.fired - a.fired);
}

const pct = (x: number | null): string => (x === null ? '–' : `${(100 * x).toFixed(1)}%`);

export function attributionSection(sets: SetFigures[]): Section {
  return {
    title: 'Attribution (direct quotes; reported speech = PolNeAR indirect with a speech verb)',
    columns: ['set', 'articles', 'direct recall', 'right speaker', '(surname only)', 'precision', 'reported recall', 'reported right speaker', 'seconds'],
    rows: sets.map((f) => [f.set, f.articles, pct(f.directRecall), pct(f.directSpeaker), pct(f.directSpeakerSurname), pct(f.directPrecision), pct(f.reportedRecall), pct(f.reportedSpeaker), f.seconds.toFixed(1)]),
  };
}

/** The answers' relevance set over the bundled seed corpus (test/relevance/seeds.json): who-said's first ten rows. */
export async function scoreRelevance(): Promise<RelevanceReport> {
  const set = JSON.parse(readFileSync(path.join(REPO, 'test/relevance/seeds.json'), 'utf8')) as { cases: RelevanceCase[] };
  const engine = await Engine.open(path.join(REPO, 'corpus'));
  return evaluateRelevance((q) => engine.whoSaid(q, { limit: 10 }), set.cases);
}

export function relevanceSection(r: RelevanceReport): Section {
  return {
    title: `Answers: who-said's first ${r.k} rows against the relevance set (questions over the seeds)`,
    columns: ['set', 'questions', `recall@${r.k}`, `precision@${r.k}`, 'missed entirely'],
    rows: [['seeds', r.cases, pct(r.recallAtK), pct(r.precisionAtK), r.perCase.filter((c) => c.expected > 0 && c.found === 0).length]],
  };
}

export function rulesSection(setName: string, rules: RuleFigures[]): Section {
  return {
    title: `Attribution rules on ${setName} (judged = matched a gold quote with a named source)`,
    columns: ['rule', 'fired', 'judged', 'right', 'precision'],
    rows: rules.map((r) => [r.rule, r.fired, r.judged, r.right, pct(r.precision)]),
  };
}

/** A plain-text table per section, columns padded to their widest cell. */
export function renderSections(sections: Section[]): string {
  const out: string[] = [];
  for (const s of sections) {
    const cells = [s.columns, ...s.rows.map((r) => r.map((c) => (c === null ? '–' : String(c))))];
    const widths = s.columns.map((_, i) => Math.max(...cells.map((r) => (r[i] ?? '').length)));
    out.push(s.title);
    cells.forEach((r, k) => {
      out.push(r.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  '));
      if (k === 0) out.push(widths.map((w) => '-'.repeat(w)).join('  '));
    });
    out.push('');
  }
  return out.join('\n');
}

export interface Dropped { set: string; article: string; reason: string; text: string }

/**
 * What cleaning throws away in a folder of .txt articles: every dropped paragraph with the rule that dropped it,
 * and every leading line skipped as furniture before the headline (reason `before-headline`). For checking that
 * the boilerplate rules drop nothing real.
 */
export async function droppedParagraphs(set: string, dir: string): Promise<Dropped[]> {
  const out: Dropped[] = [];
  for (const name of await listArticleFiles(dir)) {
    if (!name.endsWith('.txt')) continue;
    const article = name.replace(/\.txt$/, '');
    const lines = readFileSync(path.join(dir, name), 'utf8').replace(/^\uFEFF/, '').replace(/^\s+/, '').split(/\r?\n/);
    const at = headlineIndex(lines);
    for (const line of lines.slice(0, at)) if (line.trim()) out.push({ set, article, reason: 'before-headline', text: line.trim() });
    cleanParagraphs(lines.slice(at + 1).join('\n'), tidyParagraph(lines[at] ?? ''), undefined, (text, reason) => out.push({ set, article, reason, text }));
  }
  return out;
}

async function printDropped(): Promise<void> {
  const seedDir = existsSync(path.join(SHARED_DIR, 'seeds')) ? path.join(SHARED_DIR, 'seeds') : path.join(REPO, 'corpus');
  const all = [
    ...await droppedParagraphs('seeds', seedDir),
    ...await droppedParagraphs('polnear-dev', path.join(EVAL_DIR, 'polnear-dev', 'articles')),
    ...await droppedParagraphs('polnear-train', path.join(EVAL_DIR, 'polnear-train', 'articles')),
  ];
  const byReason = new Map<string, number>();
  for (const d of all) byReason.set(d.reason, (byReason.get(d.reason) ?? 0) + 1);
  for (const d of all) console.log(`${d.set} ${d.article} [${d.reason}] ${JSON.stringify(d.text.length > 120 ? `${d.text.slice(0, 120)}…` : d.text)}`);
  console.log(`dropped ${all.length} paragraphs: ${[...byReason].map(([r, n]) => `${r} ${n}`).join(', ')}`);
}

async function main(argv: string[]): Promise<number> {
  const wantRules = argv.includes('--rules');
  const unknown = argv.filter((a) => a !== '--rules' && a !== '--dropped');
  if (unknown.length) {
    console.error(`unknown option ${unknown[0]} (options: --rules, --dropped)`);
    return 2;
  }
  if (argv.includes('--dropped')) {
    await printDropped();
    return 0;
  }
  if (!existsSync(EVAL_DIR)) {
    console.error(`no evaluation data at ${EVAL_DIR} (set SHARED_DIR to the folder holding eval/)`);
    return 1;
  }
  const seeds = await scoreSeeds();
  const dev = await scorePolnear('polnear-dev');
  const train = await scorePolnear('polnear-train');
  const sections: Section[] = [attributionSection([seeds, dev.figures, train.figures])];
  if (wantRules) sections.push(rulesSection('polnear-train', ruleFigures('polnear-train', train.run, train.scorer)));
  sections.push(relevanceSection(await scoreRelevance()));
  console.log(renderSections(sections));
  console.log(`polnear-dev scorer: ${dev.scorer.summary}`);
  console.log(`polnear-train scorer: ${train.scorer.summary}`);
  return 0;
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  main(process.argv.slice(2)).then((code) => { process.exitCode = code; }, (err: unknown) => {
    console.error(err instanceof Error ? err.stack ?? err.message : String(err));
    process.exitCode = 1;
  });
}
