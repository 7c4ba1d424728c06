// The CLI contract other tools rely on: commands, --json shapes, exit codes.
import { execFile } from 'node:child_process';
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { compiled } from './compiled.js';
import { copySeeds } from './shared-data.js';

const ROOT = path.resolve(__dirname, '..');
const run = promisify(execFile);

interface Ran { stdout: string; stderr: string; code: number }

// Snapshots of --corpus folders go to the per-user cache: a temp one here, never the tester's own.
const CACHE_HOME = await mkdtemp(path.join(os.tmpdir(), 'talks-cli-cache-'));
afterAll(() => rm(CACHE_HOME, { recursive: true, force: true }));

/** Every path under `dir`, dot-entries included. */
async function tree(dir: string): Promise<string[]> {
  return (await readdir(dir, { recursive: true })).map(String).sort();
}

async function cli(args: string[], opts: { input?: string; script?: string; env?: NodeJS.ProcessEnv } = {}): Promise<Ran> {
  const script = opts.script ?? 'src/cli/main.ts';
  const child = run(process.execPath, [compiled(script), ...args], { cwd: ROOT, env: { ...process.env, DISCORD_TOKEN: '', XDG_CACHE_HOME: CACHE_HOME, SNAPSHOT_DIR: '', ...opts.env }, maxBuffer: 1 << 26 });
  if (opts.input !== undefined) {
    child.child.stdin?.end(opts.input);
  }
  try {
    const { stdout, stderr } = await child;
    return { stdout, stderr, code: 0 };
  } catch (err) {
    const e = err as { stdout: string; stderr: string; code: number };
    return { stdout: e.stdout, stderr: e.stderr, code: e.code };
  }
}

describe('CLI over the bundled corpus', () => {
  it('who-said ceasefire --json: one row per quote with speaker, text, article, paragraph, kind', async () => {
    const { stdout, code } = await cli(['who-said', 'ceasefire', '--json']);
    expect(code).toBe(0);
    const answer = JSON.parse(stdout);
    expect(answer.query).toBe('ceasefire');
    expect(answer.results.length).toBeGreaterThan(5);
    for (const row of answer.results) {
      expect(row).toEqual(expect.objectContaining({ text: expect.any(String), article: expect.any(String), paragraph: expect.any(Number), kind: expect.stringMatching(/^(direct|partial|indirect)$/) }));
      expect('speaker' in row).toBe(true);
    }
    const speakers = answer.results.map((r: { speaker: string | null }) => r.speaker ?? '').join('|');
    for (const who of ['Yermak', 'Gerashchenko', 'Kuleba', 'Weller', 'Reuters']) expect(speakers).toContain(who);
    const isw = answer.results.find((r: { text: string }) => r.text.includes('cease-fire'));
    expect(isw?.speaker ?? '').toMatch(/ISW|Institute for the Study of War/);
  });

  it('quotes --json with no speaker: every quotation in the corpus', async () => {
    const { stdout, code } = await cli(['quotes', '--json']);
    expect(code).toBe(0);
    const rows = JSON.parse(stdout);
    expect(Array.isArray(rows)).toBe(true);
    expect(rows.length).toBeGreaterThanOrEqual(35);
    for (const row of rows) {
      expect(Object.keys(row)).toEqual(expect.arrayContaining(['article', 'speaker', 'text', 'paragraph', 'kind']));
      // Marks are stripped from quotations; a reported clause may end with a phrase it quotes, whose opening
      // mark it then holds too ('… to secure peace “without delay”').
      if (row.kind !== 'indirect') expect(row.text).not.toMatch(/^["“”]|["“”]$/);
      else if (/["”]$/.test(row.text)) expect(row.text.slice(0, -1)).toMatch(/["“]/);
    }
  });

  it('human output cites article and paragraph and highlights the matched words', async () => {
    const { stdout, code } = await cli(['search', 'ultimatums']);
    expect(code).toBe(0);
    expect(stdout).toContain('**ultimatums**');
    expect(stdout).toMatch(/¶9 \[003_dc2851360bf64447\]/);
  });

  it('quotes accepts any name of a speaker', async () => {
    const full = await cli(['quotes', 'Dmitry Peskov', '--json']);
    const short = await cli(['quotes', 'peskov', '--json']);
    expect(full.code).toBe(0);
    expect(JSON.parse(full.stdout).length).toBeGreaterThanOrEqual(3);
    expect(short.stdout).toBe(full.stdout);
  });

  it('article and sources describe the corpus', async () => {
    const art = await cli(['article', '003_dc2851360bf64447', '--json']);
    expect(JSON.parse(art.stdout)).toMatchObject({ id: '003_dc2851360bf64447', paragraphs: 9 });
    const src = await cli(['sources', '--json']);
    expect(JSON.parse(src.stdout)).toMatchObject({ articles: 5 });
  });

  it('bad input: clear message and non-zero exit', async () => {
    const unknown = await cli(['frobnicate']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/unknown command "frobnicate"/);
    const empty = await cli(['who-said']);
    expect(empty.code).toBe(2);
    expect(empty.stderr).toMatch(/Give a topic/);
    const stop = await cli(['who-said', 'the', '--json']);
    expect(stop.code).toBe(2);
    expect(JSON.parse(stop.stdout).error.code).toBe('empty-query');
    const noArticle = await cli(['article', 'nope']);
    expect(noArticle.code).toBe(1);
    expect(noArticle.stderr).toMatch(/No article with id "nope"/);
    const noDir = await cli(['sources', '--corpus', '/nonexistent/dir']);
    expect(noDir.code).toBe(1);
    expect(noDir.stderr).toMatch(/does not exist/);
    const badLimit = await cli(['search', 'talks', '--limit', 'ten']);
    expect(badLimit.code).toBe(2);
  });

  it('--corpus reads another folder and reports bad files without stopping', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'talks-cli-'));
    await writeFile(path.join(dir, 'a.txt'), 'Lavrov speaks\nSergei Lavrov said, “Moscow will not consider any ultimatum.”');
    await writeFile(path.join(dir, 'b.txt'), Buffer.from([0, 1, 2, 3]));
    const { stdout, stderr, code } = await cli(['who-said', 'ultimatum', '--corpus', dir]);
    expect(code).toBe(0);
    expect(stdout).toContain('Sergei Lavrov');
    expect(stderr).toMatch(/b\.txt.*binary/);
  });

  it('writes nothing into a --corpus folder it was only asked to read: the snapshot goes to the per-user cache', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'talks-cli-readonly-'));
    copySeeds(dir);
    const before = await tree(dir);
    for (let n = 0; n < 2; n++) {
      const { stdout, code } = await cli(['who-said', 'ceasefire', '--json', '--corpus', dir]);
      expect(code).toBe(0);
      expect(JSON.parse(stdout).total).toBeGreaterThan(0);
    }
    expect(await tree(dir)).toEqual(before);
    const cached = await tree(path.join(CACHE_HOME, 'talks-bot'));
    expect(cached).toEqual(expect.arrayContaining([expect.stringMatching(/^[0-9a-f]{16}\/index\.snapshot$/)]));
    await rm(dir, { recursive: true, force: true });
  });
});

describe('npm start without a token', () => {
  it('explains what to set, then answers commands piped on stdin and exits at end of input', async () => {
    const { stdout, stderr, code } = await cli([], { script: 'src/main.ts', input: 'who-said mobilization\narticle nope\nsources\n' });
    expect(code).toBe(0);
    expect(stderr).toMatch(/DISCORD_TOKEN is not set/);
    expect(stdout).toContain('Dmitry Peskov');
    expect(stdout).toMatch(/No article with id "nope"/);
    expect(stdout).toMatch(/5 articles/);
  });
});

describe('the talks-bot command (package.json "bin", what `npx talks-bot` runs)', () => {
  it('prints only the JSON answer, with nothing before or after it', async () => {
    const bin = path.join(ROOT, 'bin/talks-bot.js');
    const { stdout, stderr } = await run(bin, ['who-said', 'ceasefire', '--json'], { cwd: os.tmpdir(), env: { ...process.env, DISCORD_TOKEN: '', CORPUS_DIR: path.join(ROOT, 'corpus') } });
    expect(stdout.trimStart().startsWith('{')).toBe(true);
    expect(JSON.parse(stdout).query).toBe('ceasefire');
    expect(stderr).toBe('');
  });
});
