// What the CLI echoes back to a terminal: typed text never carries raw control characters to it.
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { beforeAll, describe, expect, it } from 'vitest';
import { Engine } from '../src/engine.js';
import { parseArgs } from '../src/cli/args.js';
import { ANSI, PLAIN } from '../src/cli/render.js';
import { runRepl } from '../src/cli/repl.js';
import { runRequest } from '../src/cli/run.js';

const CORPUS = path.resolve(__dirname, '../corpus');
let engine: Engine;
beforeAll(async () => {
  engine = await Engine.open(CORPUS);
});

// ESC [2J clears a terminal; ESC [31m turns it red; BEL rings; C1 CSI (U+009B) also starts a sequence.
const HOSTILE = 'cease\u001b[2Jfire\u0007\u009b31m';
const RAW_CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/;

function ask(args: string[], style = PLAIN): { stdout: string; stderr: string } {
  const out = runRequest(engine, parseArgs(args), style);
  return { stdout: out.stdout, stderr: out.stderr };
}

describe('typed control characters are shown, not sent to the terminal', () => {
  it.each([
    ['who-said', HOSTILE],
    ['search', HOSTILE],
    ['who-said', `ceasefire ${HOSTILE}`],
    ['quotes', HOSTILE],
    ['speakers', HOSTILE],
    ['article', HOSTILE],
  ])('%s %j', (...args) => {
    const { stdout, stderr } = ask(args);
    expect(stdout + stderr).not.toMatch(RAW_CONTROL);
    // The user still sees what they typed, escaped.
    expect(stdout + stderr).toContain('\\u001b[2J');
  });

  it('quotes <speaker> --topic with control characters', () => {
    const { stdout, stderr } = ask(['quotes', 'Peskov', '--topic', HOSTILE]);
    expect(stdout + stderr).toContain('Peskov');
    expect(stdout + stderr).not.toMatch(RAW_CONTROL);
  });

  it('keeps its own bold marks on an ANSI terminal while escaping the typed ESC', () => {
    const { stdout } = ask(['who-said', `ceasefire \u001b[2J`], ANSI);
    expect(stdout).toContain('\u001b[1m');
    expect(stdout).not.toContain('\u001b[2J');
    expect(stdout.split('\n')[0]).toContain('\\u001b[2J');
  });

  it('--json still holds the query as typed (JSON escapes it)', () => {
    const { stdout } = ask(['who-said', HOSTILE, '--json']);
    expect(stdout).not.toMatch(/[\u0000-\u0008\u000b-\u001f]/);
    expect(JSON.parse(stdout).query).toBe(HOSTILE);
  });

  it('usage errors in the interactive prompt are escaped too', async () => {
    const input = new PassThrough();
    const output = new PassThrough();
    let text = '';
    output.on('data', (chunk: Buffer) => { text += chunk.toString(); });
    const done = runRepl(engine, input, output);
    input.end(`who-said ceasefire --lim\u001b[2Jit 3\nfrobnicate\u0007\n`);
    await done;
    expect(text).toContain('unknown option');
    expect(text).toContain('frobnicate');
    expect(text).not.toMatch(RAW_CONTROL);
  });
});

describe('a phrase typed in quotation marks', () => {
  it('is echoed in one pair of quotes, not two', () => {
    expect(ask(['search', '"peace talks"']).stdout.split('\n')[0]).toMatch(/^Search "peace talks": \d+ passages?$/);
    expect(ask(['who-said', '“zzqxv wwkk”']).stdout.split('\n')[0]).toBe('Nobody in the corpus is quoted on “zzqxv wwkk”.');
    expect(ask(['search', 'ceasefire']).stdout.split('\n')[0]).toMatch(/^Search "ceasefire": /);
  });
});

describe('an option that needs a value, followed by another option', () => {
  it.each([
    [['who-said', 'ceasefire', '--corpus', '--json'], '--corpus'],
    [['quotes', 'Peskov', '--topic', '--json'], '--topic'],
    [['search', 'ceasefire', '--source', '--limit', '3'], '--source'],
  ])('%j is a usage error naming the option, not a value "--…"', (args, flag) => {
    expect(() => parseArgs(args)).toThrow(new RegExp(`^${flag} needs a value`));
  });

  it('still takes a value written inline, and a negative number as a (bad) value', () => {
    expect(parseArgs(['quotes', 'Peskov', '--topic=--odd']).topic).toBe('--odd');
    expect(() => parseArgs(['who-said', 'x', '--limit', '-5'])).toThrow(/whole number of 1 or more, not "-5"/);
  });
});

describe('bidi overrides in typed text', () => {
  it('are escaped so they cannot reorder the line', () => {
    const { stdout } = ask(['search', '\u202eceasefire']);
    expect(stdout.split('\n')[0]).toMatch(/^Search "\\u202eceasefire": /);
  });
});
