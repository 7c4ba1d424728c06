// Corpus changes across processes, crashes and full disks: two processes adding the same article store it once;
// a change and its audit line are durable together whatever step a kill -9 lands on; every fsync comes before
// what depends on it; a full disk is refused with a clear message and leaves nothing behind.
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import type { FileHandle } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readCorpus } from '../src/corpus/read.js';
import {
  addArticle, AUDIT_FILE, JOURNAL_DIR, LOCK_FILE, moderationSettings, removeArticle, replaceArticle, startModeration,
  type ArticleDraft, type ModerationContext,
} from '../src/moderation/index.js';
import { refusal } from './moderation-helpers.js';
import { SEEDS } from './shared-data.js';

const KREMLIN = '003_dc2851360bf64447';
const who = { id: '123456789', name: 'alice' };
const run = promisify(execFile);
const sha = (b: Buffer | string): string => createHash('sha256').update(b).digest('hex');
const SEED_NAMES = readdirSync(SEEDS).filter((n) => !n.startsWith('.')).sort();

let dirs: string[] = [];
function freshCorpus(): string {
  const d = mkdtempSync(join(tmpdir(), 'talks-durable-'));
  for (const n of SEED_NAMES) cpSync(join(SEEDS, n), join(d, n));
  dirs.push(d);
  return d;
}
let dir: string;
let ctx: ModerationContext;
beforeEach(() => {
  dir = freshCorpus();
  ctx = { dir, settings: moderationSettings({}), now: () => new Date('2025-06-01T12:00:00.000Z') };
});
afterEach(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
  dirs = [];
});

const visible = (d: string): string[] => readdirSync(d).filter((n) => !n.startsWith('.')).sort();
const auditLines = (d: string): Array<Record<string, unknown>> => {
  const file = join(d, AUDIT_FILE);
  if (!existsSync(file)) return [];
  return readFileSync(file, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as Record<string, unknown>);
};
const journal = (d: string): string[] => (existsSync(join(d, JOURNAL_DIR)) ? readdirSync(join(d, JOURNAL_DIR)) : []);
const leftovers = (d: string): string[] => [d, join(d, '.trash')].flatMap((x) => (existsSync(x) ? readdirSync(x) : []))
  .filter((n) => n.includes('.tmp-') || n === LOCK_FILE || n.startsWith(`${LOCK_FILE}.`));

function draft(title: string): ArticleDraft {
  return { title, date: '2025-05-12', source: 'Test Wire', paragraphs: [`The envoy said “${title}” was on the table in Geneva.`, 'Talks resumed on Thursday.'] };
}

describe('two processes adding the same article at once', () => {
  it('store it once: the other is told it is a duplicate', async () => {
    const go = join(dir, '..', `${dir.split('/').pop()}.go`);
    const child = resolve('test/moderation-race-child.ts');
    const racers = [0, 1].map(() => run(process.execPath, ['--import', 'tsx', child, dir, go], { cwd: resolve('.') }));
    // Both are loaded and waiting before either may go.
    const parent = join(dir, '..');
    const ready = (): number => readdirSync(parent).filter((n) => n.startsWith(`${go.split('/').pop()}.ready-`)).length;
    for (let waited = 0; ready() < 2 && waited < 50_000; waited += 50) await new Promise((r) => setTimeout(r, 50));
    writeFileSync(go, '');
    try {
      const outcomes = (await Promise.all(racers)).map((r) => JSON.parse(r.stdout.trim()) as { id?: string; code?: string });
      expect(outcomes.map((o) => o.id ?? o.code).sort()).toEqual(['2025-05-20-envoys-meet-again-in-geneva', 'duplicate']);
      expect(visible(dir).filter((n) => !SEED_NAMES.includes(n))).toEqual(['2025-05-20-envoys-meet-again-in-geneva.md']);
      expect(auditLines(dir)).toHaveLength(1);
      expect(leftovers(dir)).toEqual([]);
    } finally {
      for (const n of readdirSync(parent).filter((x) => x.startsWith(go.split('/').pop()!))) rmSync(join(parent, n), { force: true });
    }
  }, 60_000);

  it('also when one process names the folder by two paths', async () => {
    const slow = { afterTempWrite: () => new Promise<void>((r) => setTimeout(r, 200)) };
    const d = draft('Same folder, two names');
    const results = await Promise.allSettled([
      addArticle({ ...ctx, hooks: slow }, d, who),
      addArticle({ ...ctx, dir: `${dir}/`, hooks: slow }, d, who),
    ]);
    expect(results.map((r) => (r.status === 'fulfilled' ? 'added' : (r.reason as { code: string }).code)).sort()).toEqual(['added', 'duplicate']);
  });

  it('a lock left by a process that died is broken; a live holder is waited for', async () => {
    writeFileSync(join(dir, LOCK_FILE), JSON.stringify({ pid: 2 ** 30, token: 'dead' }));
    await addArticle(ctx, draft('After a crash'), who);
    expect(existsSync(join(dir, LOCK_FILE))).toBe(false);

    // process.ppid: certainly alive and not this process.
    writeFileSync(join(dir, LOCK_FILE), JSON.stringify({ pid: process.ppid, token: 'live' }));
    let finished = false;
    const adding = addArticle(ctx, draft('While another shard writes'), who).then(() => (finished = true));
    await new Promise((r) => setTimeout(r, 300));
    expect(finished).toBe(false);
    rmSync(join(dir, LOCK_FILE));
    await adding;
    expect(visible(dir)).toContain('2025-05-12-while-another-shard-writes.md');
  });
});

/** Steps with the changing parts of names made readable: the journal entry, the temp file, the trash copy. */
function normalizeSteps(steps: string[]): string[] {
  return steps.map((s) => s
    .replace(/\.journal\/\d+-[0-9a-f]+\.json$/, 'JOURNAL')
    .replace(/ \.[^ /]+\.tmp-\d+-[0-9a-f]+$/, ' TEMP')
    .replace(/\.trash\/[^ ]+$/, 'TRASH-COPY'));
}

describe('the order of durable steps', () => {
  const record = (): { steps: string[]; ctx: ModerationContext } => {
    const steps: string[] = [];
    return { steps, ctx: { ...ctx, hooks: { step: (op, file) => void steps.push(`${op} ${relative(dir, file) || '.'}`) } } };
  };

  it('add: intent fsynced, then the article (temp fsynced, linked, folder fsynced), then the audit line, then the intent goes', async () => {
    const r = record();
    const res = await addArticle(r.ctx, draft('Order of steps'), who);
    expect(normalizeSteps(r.steps)).toEqual([
      'mkdir .journal', 'fsync JOURNAL', 'fsync-dir .journal',
      'fsync TEMP', `link ${res.id}.md`, 'fsync-dir .', 'unlink TEMP',
      `fsync ${AUDIT_FILE}`, 'unlink JOURNAL',
    ]);
  });

  it('replace and remove: the old version is in .trash/ (fsynced) before the live file changes', async () => {
    const r = record();
    await replaceArticle(r.ctx, KREMLIN, draft('Corrected'), who);
    expect(normalizeSteps(r.steps)).toEqual([
      'mkdir .journal', 'fsync JOURNAL', 'fsync-dir .journal',
      'fsync TEMP', 'mkdir .trash', 'link TRASH-COPY', 'fsync-dir .trash', `rename ${KREMLIN}.md`, `unlink ${KREMLIN}.txt`, 'fsync-dir .',
      `fsync ${AUDIT_FILE}`, 'unlink JOURNAL',
    ]);
    r.steps.length = 0;
    await removeArticle(r.ctx, KREMLIN, who);
    expect(normalizeSteps(r.steps)).toEqual([
      'fsync JOURNAL', 'fsync-dir .journal',
      'link TRASH-COPY', 'fsync-dir .trash', `unlink ${KREMLIN}.md`, 'fsync-dir .',
      `fsync ${AUDIT_FILE}`, 'unlink JOURNAL',
    ]);
  });
});

describe('kill -9 at every step', () => {
  const child = resolve('test/moderation-crash-child.ts');
  const runChild = (d: string, args: string[], crashAt?: number) => run(process.execPath, ['--import', 'tsx', child, d, ...args], {
    cwd: resolve('.'), env: { ...process.env, CRASH_AT_STEP: crashAt === undefined ? '' : String(crashAt) },
  });

  /** After the kill and a restart's recovery: the change is wholly there and audited once, or wholly absent and not audited. */
  async function checkAfterRecovery(d: string, action: string, label: string): Promise<'done' | 'not done'> {
    await startModeration({ dir: d, settings: moderationSettings({}) });
    expect(leftovers(d), label).toEqual([]);
    expect(journal(d), label).toEqual([]);
    expect((await readCorpus(d)).problems, label).toEqual([]);
    const audit = auditLines(d);
    const seed = readFileSync(join(SEEDS, `${KREMLIN}.txt`));
    let done: boolean;
    if (action === 'add') {
      const added = visible(d).filter((n) => !SEED_NAMES.includes(n));
      done = added.length > 0;
      if (done) {
        expect(added, label).toEqual(['2025-05-16-crash-test-article.md']);
        expect(audit, label).toMatchObject([{ action: 'add', article: '2025-05-16-crash-test-article', sha256: sha(readFileSync(join(d, added[0]))) }]);
      }
    } else {
      done = !existsSync(join(d, `${KREMLIN}.txt`));
      if (!done) expect(readFileSync(join(d, `${KREMLIN}.txt`)).equals(seed), label).toBe(true);
      if (done) {
        expect(existsSync(join(d, `${KREMLIN}.md`)), label).toBe(action === 'replace');
        expect(audit, label).toMatchObject([{ action, article: KREMLIN }]);
        // The previous version is in .trash/, byte for byte.
        expect(readFileSync(join(d, String(audit[0].trashed))).equals(seed), label).toBe(true);
      }
    }
    if (!done) {
      expect(visible(d), label).toEqual(SEED_NAMES);
      expect(audit, label).toEqual([]);
    }
    return done ? 'done' : 'not done';
  }

  for (const args of [['add'], ['replace', KREMLIN], ['remove', KREMLIN]]) {
    it(`${args[0]}: every step, then a restart, leaves the change with its audit line or neither`, async () => {
      const probe = freshCorpus();
      const steps = JSON.parse((await runChild(probe, args)).stdout.trim()) as string[];
      expect(steps.length).toBeGreaterThanOrEqual(8);
      const outcomes: string[] = [];
      for (let n = 1; n <= steps.length; n++) {
        const d = freshCorpus();
        const err = await runChild(d, args, n).then(() => null, (e: { signal?: string }) => e);
        const label = `${args[0]} killed after step ${n} (${steps[n - 1]})`;
        expect(err?.signal, label).toBe('SIGKILL');
        outcomes.push(await checkAfterRecovery(d, args[0], label));
        rmSync(d, { recursive: true, force: true });
      }
      // Killed before the change reached the disk: not done; killed after it: done (and audited by the restart).
      expect(outcomes[0]).toBe('not done');
      expect(outcomes[outcomes.length - 1]).toBe('done');
    }, 240_000);
  }
});

describe('a full disk', () => {
  const noSpace = (when: (file: string) => boolean, code = 'ENOSPC') => async (fh: FileHandle, data: string, file: string): Promise<void> => {
    if (when(file)) throw Object.assign(new Error(`${code}: no space left on device, write`), { code });
    await fh.writeFile(data, 'utf8');
  };
  const unchanged = (): void => {
    expect(visible(dir)).toEqual(SEED_NAMES);
    expect(readFileSync(join(dir, `${KREMLIN}.txt`)).equals(readFileSync(join(SEEDS, `${KREMLIN}.txt`)))).toBe(true);
    expect(leftovers(dir)).toEqual([]);
    expect(journal(dir)).toEqual([]);
    expect(auditLines(dir)).toEqual([]);
  };

  it('refuses every change with "the disk is full" and leaves nothing behind (no temp file, no journal entry)', async () => {
    const full = { ...ctx, hooks: { write: noSpace(() => true) } };
    for (const change of [
      () => addArticle(full, draft('No room'), who),
      () => replaceArticle(full, KREMLIN, draft('No room either'), who),
      () => removeArticle(full, KREMLIN, who),
    ]) {
      const err = await refusal(change());
      expect(err.code).toBe('disk-full');
      expect(err.reason).toMatch(/disk is full/);
      unchanged();
    }
  });

  it('a disk that fills up while the article is written: refused, no temp file, nothing audited', async () => {
    const full = { ...ctx, hooks: { write: noSpace((f) => f.includes('.tmp-')) } };
    for (const change of [() => addArticle(full, draft('No room'), who), () => replaceArticle(full, KREMLIN, draft('No room either'), who)]) {
      expect((await refusal(change())).code).toBe('disk-full');
      unchanged();
    }
  });

  it('says the quota is used up on EDQUOT', async () => {
    const err = await refusal(addArticle({ ...ctx, hooks: { write: noSpace(() => true, 'EDQUOT') } }, draft('Over quota'), who));
    expect(err.code).toBe('disk-full');
    expect(err.reason).toMatch(/quota/);
  });

  it('an audit line cut off by a full disk is taken back: the log never holds half a line', async () => {
    await addArticle(ctx, draft('First, with room'), who);
    const halfThenFull = async (fh: FileHandle, data: string, file: string): Promise<void> => {
      if (file.endsWith(AUDIT_FILE)) {
        await fh.write(data.slice(0, 12));
        throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
      }
      await fh.writeFile(data, 'utf8');
    };
    const res = await addArticle({ ...ctx, hooks: { write: halfThenFull } }, draft('Second, disk filling'), who);
    expect(readFileSync(join(dir, AUDIT_FILE), 'utf8').endsWith('}\n')).toBe(true);
    expect(auditLines(dir)).toHaveLength(1);
    await startModeration(ctx);
    expect(auditLines(dir).map((l) => l.article)).toEqual(['2025-05-12-first-with-room', res.id]);
  });

  it('when only the audit line cannot be written, the change is kept and the next start audits it', async () => {
    const full = { ...ctx, hooks: { write: noSpace((f) => f.endsWith(AUDIT_FILE)) } };
    const res = await addArticle(full, draft('Audited later'), who);
    expect(visible(dir)).toContain(`${res.id}.md`);
    expect(auditLines(dir)).toEqual([]); // no half line either
    expect(journal(dir)).toHaveLength(1);
    const done = await startModeration(ctx);
    expect(done).toEqual([expect.stringContaining(`audited the add of ${res.id}`)]);
    expect(auditLines(dir)).toMatchObject([{ action: 'add', article: res.id, sha256: res.sha256, recovered: true }]);
    expect(journal(dir)).toEqual([]);
  });
});
