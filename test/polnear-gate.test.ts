// The attribution gate: fails when quote finding or attribution on polnear-dev (or the seeds) falls below the floor.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { EVAL_DIR, renderSections, runCorpus, scorePolnear, scoreSeeds, type SetFigures } from '../scripts/eval.js';
import { readCorpus } from '../src/corpus/read.js';

/**
 * The floor, in percent: the target (direct recall 95, right speaker 92 with first names checked,
 * precision 97; reported speech with a speech verb: recall 70, right speaker 90; seeds 95), or the figure
 * measured when the floor was last raised minus one point where that is higher, so that nothing gets worse.
 */
export const GATE = {
  directRecall: 96.3, // target 95; measured 97.3
  directSpeaker: 92, // target 92; measured 92.3
  directPrecision: 97, // target 97; measured 97.7
  reportedRecall: 70, // target 70; measured 70.2
  reportedSpeaker: 92.9, // target 90; measured 93.95
  seedsSpeaker: 99.0, // target 95; measured 100
} as const;

const HAVE_DATA = existsSync(path.join(EVAL_DIR, 'polnear-dev', 'gold.json')) && existsSync(path.join(EVAL_DIR, 'seed-quotes.json'));
if (!HAVE_DATA) console.log(`polnear gate skipped: no evaluation data at ${EVAL_DIR}`);

const percent = (x: number | null): number => (x === null ? Number.NaN : Math.round(1000 * x) / 10);

describe.skipIf(!HAVE_DATA)('attribution gate (polnear-dev and seeds)', () => {
  let dev: SetFigures;

  it('polnear-dev direct quotes: recall, right speaker and precision hold their floor', async () => {
    dev = (await scorePolnear('polnear-dev')).figures;
    console.log(`polnear-dev: direct recall ${percent(dev.directRecall)}%, right speaker ${percent(dev.directSpeaker)}%, precision ${percent(dev.directPrecision)}%; ` +
      `reported recall ${percent(dev.reportedRecall)}%, right speaker ${percent(dev.reportedSpeaker)}%`);
    expect(dev.articles).toBe(84);
    expect(percent(dev.directRecall)).toBeGreaterThanOrEqual(GATE.directRecall);
    expect(percent(dev.directSpeaker)).toBeGreaterThanOrEqual(GATE.directSpeaker);
    expect(percent(dev.directPrecision)).toBeGreaterThanOrEqual(GATE.directPrecision);
  }, 120_000);

  it('polnear-dev reported speech with a speech verb: recall and right speaker hold their floor', async () => {
    dev ??= (await scorePolnear('polnear-dev')).figures;
    expect(percent(dev.reportedRecall)).toBeGreaterThanOrEqual(GATE.reportedRecall);
    expect(percent(dev.reportedSpeaker)).toBeGreaterThanOrEqual(GATE.reportedSpeaker);
  }, 120_000);

  it('the seed quotations keep their right speakers', async () => {
    const seeds = await scoreSeeds();
    expect(seeds.counts.labelled).toBeGreaterThan(0);
    expect(percent(seeds.directSpeaker)).toBeGreaterThanOrEqual(GATE.seedsSpeaker);
  });
});

describe('the eval run', () => {
  it('pairs every quotes --json row with the extractor output it came from (rules are read from there)', async () => {
    const { articles } = await readCorpus(path.resolve(__dirname, '../corpus'));
    const run = runCorpus(articles);
    expect(run.rows.length).toBeGreaterThan(20);
    run.rows.forEach((row, i) => {
      expect(row.text).toBe(run.extracted[i].text);
      expect(row.paragraph).toBe(run.extracted[i].paragraph);
    });
  });

  it('prints every section as an aligned table, with room for sections measured elsewhere', () => {
    const out = renderSections([
      { title: 'A', columns: ['set', 'recall'], rows: [['dev', '90.0%'], ['train', null]] },
      { title: 'Relevance', columns: ['set', 'hit@5'], rows: [['answers', '80.0%']] },
    ]);
    expect(out.split('\n')).toEqual(['A', 'set    recall', '-----  ------', 'dev     90.0%', 'train       –', '', 'Relevance', 'set      hit@5', '-------  -----', 'answers  80.0%', '']);
  });
});
