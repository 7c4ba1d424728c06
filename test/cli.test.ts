// The CLI contract other tools rely on: commands, --json shapes, exit codes.
import { execFile } from 'node:child_process';
import { mkdtemp, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(__dirname, '..');
const TSX = path.join(ROOT, 'node_modules/.bin/tsx');
const run = promisify(execFile);

interface Ran { stdout: string; stderr: string; code: number }

async function cli(args: string[], opts: { input?: string; script?: string; env?: NodeJS.ProcessEnv } = {}): Promise<Ran> {
  const script = opts.script ?? 'src/cli/main.ts';
  const child = run(TSX, [script, ...args], { cwd: ROOT, env: { ...process.env, DISCORD_TOKEN: '', ...opts.env }, maxBuffer: 1 << 26 });
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
