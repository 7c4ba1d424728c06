// Storing articles: ids, atomic writes, concurrency, trash, audit, duplicates and crash safety, on a
// temp copy of the seed corpus read back with the real corpus reader.
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readCorpus } from '../src/corpus/read.js';
import {
  addArticle, AUDIT_FILE, baseArticleId, moderationSettings, readSource, recoverCorpus, removeArticle,
  replaceArticle, resolveArticleFile, slugify, startModeration, writeNewArticle, type ArticleDraft, type ModerationContext,
} from '../src/moderation/index.js';
import { copySeeds, SEEDS, seedFiles } from './shared-data.js';
import { refusal } from './moderation-helpers.js';

const KREMLIN = '003_dc2851360bf64447';
const who = { id: '123456789', name: 'alice' };

let dir: string;
let reloaded: string[];
let ctx: ModerationContext;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'talks-mod-'));
  copySeeds(dir);
  reloaded = [];
  ctx = {
    dir,
    settings: moderationSettings({}),
    index: { reloadArticle: async (id) => void reloaded.push(id) },
    now: () => new Date('2025-06-01T12:00:00.000Z'),
  };
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const visible = () => readdirSync(dir).filter((n) => !n.startsWith('.')).sort();
const auditLines = () => readFileSync(join(dir, AUDIT_FILE), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);

function draft(title: string, extra: Partial<ArticleDraft> = {}): ArticleDraft {
  return {
    title,
    date: '2025-05-12',
    source: 'Test Wire',
    paragraphs: [`Kremlin spokesperson Dmitry Peskov said, “${title} is a matter for the negotiators in Istanbul.”`, 'The talks resumed on Thursday.'],
    ...extra,
  };
}

describe('ids', () => {
  it('makes readable ASCII slugs from date and title', () => {
    expect(baseArticleId({ title: 'Kremlin Confirms Putin’s Istanbul Talks', date: '2025-05-12' })).toBe('2025-05-12-kremlin-confirms-putins-istanbul-talks');
    expect(baseArticleId({ title: 'Erdoğan: “No losers in a just peace”' })).toBe('erdogan-no-losers-in-a-just-peace');
    expect(slugify('Зеленський і Путін')).toBe('zelenskiy-i-putin');
  });

  it('keeps hostile titles harmless: traversal, slashes, control characters, huge titles', () => {
    expect(baseArticleId({ title: '../../../etc/passwd' })).toBe('etc-passwd');
    expect(baseArticleId({ title: '..\\..\\windows\\system32' })).toBe('windows-system32');
    expect(baseArticleId({ title: '/// \u0000\u001b[31m ..' })).toBe('31m');
    expect(baseArticleId({ title: '....' })).toBe('article');
    const long = baseArticleId({ title: 'ceasefire '.repeat(5000), date: '2025-05-12' });
    expect(long.length).toBeLessThanOrEqual(71);
    expect(long).toMatch(/^[a-z0-9-]+$/);
  });

  it('only resolves well-formed ids of existing files', async () => {
    expect((await resolveArticleFile(dir, KREMLIN)).file).toBe(join(dir, `${KREMLIN}.txt`));
    for (const bad of ['../003_dc2851360bf64447', 'a/b', '.trash', 'ABC', '', 'x'.repeat(200), '003\u0000']) {
      expect((await refusal(resolveArticleFile(dir, bad))).code, bad).toBe('bad-id');
    }
    expect((await refusal(resolveArticleFile(dir, 'no-such-article'))).code).toBe('unknown-article');
  });
});

describe('adding', () => {
  it('writes a .md with front matter that the corpus reader reads, indexes it and audits it', async () => {
    const res = await addArticle(ctx, draft('Kremlin Confirms Istanbul Talks'), who);
    expect(res.id).toBe('2025-05-12-kremlin-confirms-istanbul-talks');
    const raw = readFileSync(res.file, 'utf8');
    expect(raw).toMatch(/^---\ntitle: "Kremlin Confirms Istanbul Talks"\nsource: "Test Wire"\ndate: "2025-05-12"\nadded_by: "123456789 \(alice\)"\nadded_at: "2025-06-01T12:00:00.000Z"\n---\n/);
    const { articles, problems } = await readCorpus(dir);
    expect(problems).toEqual([]);
    const stored = articles.find((a) => a.id === res.id)!;
    expect(stored.paragraphs).toHaveLength(2);
    expect(stored.added_by).toBe('123456789 (alice)');
    expect(reloaded).toEqual([res.id]);
    const [line] = auditLines();
    expect(line).toMatchObject({ action: 'add', article: res.id, moderator: who, time: '2025-06-01T12:00:00.000Z' });
    expect(line.sha256).toBe(createHash('sha256').update(raw).digest('hex'));
  });

  it('never writes outside the corpus, whatever the title', async () => {
    const res = await addArticle(ctx, draft('../../../../tmp/owned', { date: undefined }), who);
    expect(res.file).toBe(join(dir, 'tmp-owned.md'));
    expect(resolve(res.file).startsWith(dir)).toBe(true);
  });

  it('gives the same title a new id (-2, -3) instead of overwriting', async () => {
    const a = await addArticle(ctx, draft('Same title', { paragraphs: ['Peskov said the first version of this text was here.'] }), who);
    const b = await addArticle(ctx, draft('Same title', { paragraphs: ['Zelensky said the second version of this text was different.'] }), who);
    expect([a.id, b.id]).toEqual(['2025-05-12-same-title', '2025-05-12-same-title-2']);
    expect(readFileSync(a.file, 'utf8')).toContain('first version');
  });

  it('twenty moderators adding at the same moment all succeed with distinct ids', async () => {
    const results = await Promise.all(Array.from({ length: 20 }, (_, i) =>
      addArticle(ctx, draft('Breaking: talks in Istanbul', { paragraphs: [`Reporter number ${i} said the talks in Istanbul had started at last.`] }), { id: String(i), name: `mod${i}` })));
    const ids = new Set(results.map((r) => r.id));
    expect(ids.size).toBe(20);
    expect(visible().filter((n) => n.endsWith('.md'))).toHaveLength(20);
    const { articles, problems } = await readCorpus(dir);
    expect(problems).toEqual([]);
    expect(articles).toHaveLength(25);
    expect(auditLines()).toHaveLength(20);
  });

  it('distinct ids even without the in-process lock (two processes racing on the same name)', async () => {
    const results = await Promise.all(Array.from({ length: 10 }, (_, i) => writeNewArticle(dir, 'race', `---\ntitle: "Race ${i}"\n---\nText ${i} said here.\n`)));
    expect(new Set(results.map((r) => r.id)).size).toBe(10);
    // Every writer's text landed in its own file: none overwrote another.
    expect(new Set(results.map((r) => readFileSync(r.file, 'utf8'))).size).toBe(10);
    expect(readdirSync(dir).filter((n) => n.startsWith('.race'))).toEqual([]); // no temp files left
  });

  it('refuses a duplicate body and names the article it duplicates', async () => {
    const bytes = readFileSync(join(SEEDS, `${KREMLIN}.txt`));
    const d = await readSource(ctx, { kind: 'bytes', bytes, filename: 'copy.txt' });
    const err = await refusal(addArticle(ctx, d, who));
    expect(err.code).toBe('duplicate');
    expect(err.reason).toContain(KREMLIN);
    expect(err.reason).toContain('Kremlin Confirms Putin’s Istanbul Talks Proposal');
    // Reformatted (curly → straight quotes, different spacing) is still the same text.
    const reformatted = bytes.toString('utf8').replace(/[“”]/g, '"').replace(/’/g, "'").replace(/ /g, '  ');
    const d2 = await readSource(ctx, { kind: 'bytes', bytes: Buffer.from(reformatted), filename: 'copy.txt' });
    expect((await refusal(addArticle(ctx, d2, who))).code).toBe('duplicate');
    expect(visible().filter((n) => n.endsWith('.md'))).toEqual([]);
  });

  it('refuses a duplicate url after normalisation', async () => {
    const first = await addArticle(ctx, draft('First', { url: 'https://www.example.com/news/talks/?utm_source=tw&id=7' }), who);
    const err = await refusal(addArticle(ctx, draft('Second', {
      url: 'http://example.com/news/talks?id=7#comments', paragraphs: ['Different words were said by Kuleba about the ceasefire.'],
    }), who));
    expect(err.code).toBe('duplicate');
    expect(err.reason).toContain(first.id);
  });

  it('refuses text the reader would find empty once boilerplate is removed', async () => {
    const err = await refusal(addArticle(ctx, draft('Only boilerplate', { paragraphs: ['READ MORE: Xi loses patience with Putin', 'Leave a Reply'] }), who));
    expect(err.code).toBe('no-paragraphs');
  });
});

describe('removing and replacing', () => {
  it('moves a removed article to .trash/ and never overwrites earlier removals', async () => {
    const r1 = await removeArticle(ctx, KREMLIN, who);
    expect(existsSync(join(dir, `${KREMLIN}.txt`))).toBe(false);
    expect(readFileSync(r1.trashed!, 'utf8')).toBe(readFileSync(join(SEEDS, `${KREMLIN}.txt`), 'utf8'));
    // Same id again at the same instant: a second trash name.
    writeFileSync(join(dir, `${KREMLIN}.txt`), 'Hand-made again\nPeskov said it was back in the corpus again.\n');
    const r2 = await removeArticle(ctx, KREMLIN, who);
    expect(r2.trashed).not.toBe(r1.trashed);
    expect(readdirSync(join(dir, '.trash'))).toHaveLength(2);
    expect(reloaded).toEqual([KREMLIN, KREMLIN]);
    expect(auditLines().map((l) => [l.action, l.article])).toEqual([['remove', KREMLIN], ['remove', KREMLIN]]);
    expect((await readCorpus(dir)).articles.map((a) => a.id)).not.toContain(KREMLIN);
    expect((await refusal(removeArticle(ctx, KREMLIN, who))).code).toBe('unknown-article');
  });

  it('replaces under the same id, old version to .trash/', async () => {
    const res = await replaceArticle(ctx, KREMLIN, draft('Kremlin Confirms Talks (corrected)'), who);
    expect(res.id).toBe(KREMLIN);
    expect(visible()).toContain(`${KREMLIN}.md`);
    expect(visible()).not.toContain(`${KREMLIN}.txt`);
    expect(readdirSync(join(dir, '.trash'))).toEqual([expect.stringMatching(new RegExp(`^${KREMLIN}\\.\\d{8}T\\d{9}Z\\.txt$`))]);
    const { articles, problems } = await readCorpus(dir);
    expect(problems).toEqual([]);
    expect(articles.find((a) => a.id === KREMLIN)?.title).toBe('Kremlin Confirms Talks (corrected)');
    // A second correction replaces the .md; both old versions stay in the trash.
    await replaceArticle(ctx, KREMLIN, draft('Kremlin Confirms Talks (corrected twice)'), who);
    expect(readdirSync(join(dir, '.trash'))).toHaveLength(2);
    expect(auditLines().map((l) => l.action)).toEqual(['replace', 'replace']);
  });

  it('a replacement may keep its own text even though it resembles the old version', async () => {
    const d = await readSource(ctx, { kind: 'bytes', bytes: readFileSync(join(SEEDS, `${KREMLIN}.txt`)), filename: 'fix.txt' }, { source: 'london-news-net' });
    await replaceArticle(ctx, KREMLIN, d, who);
    expect(readFileSync(join(dir, `${KREMLIN}.md`), 'utf8')).toContain('source: "london-news-net"');
  });
});

describe('crash safety', () => {
  it('a failure between temp write and rename leaves no partial article and no temp file', async () => {
    const failing = { ...ctx, hooks: { afterTempWrite: () => { throw new Error('disk on fire'); } } };
    await expect(addArticle(failing, draft('Never visible'), who)).rejects.toThrow('disk on fire');
    await expect(replaceArticle(failing, KREMLIN, draft('Never visible'), who)).rejects.toThrow('disk on fire');
    // Nothing but the (empty) journal folder is new.
    expect(readdirSync(dir).filter((n) => n !== '.journal').sort()).toEqual(seedFiles());
    expect(readdirSync(join(dir, '.journal'))).toEqual([]);
  });

  it('a process killed after its temp write leaves the old corpus; the reader ignores the leftover; start-up cleans it', async () => {
    // Kill just after the temp file's fsync (the kill at every step is in moderation-durability.test.ts).
    const child = resolve('test/moderation-crash-child.ts');
    for (const args of [[dir, 'add'], [dir, 'replace', KREMLIN]]) {
      const err = await promisify(execFile)(process.execPath, ['--import', 'tsx', child, ...args], { cwd: resolve('.'), env: { ...process.env, CRASH_AT_STEP: '4' } })
        .then(() => null, (e: { signal?: string }) => e);
      expect(err?.signal).toBe('SIGKILL');
    }
    expect(visible()).toEqual(seedFiles()); // no new or changed article visible
    expect(readFileSync(join(dir, `${KREMLIN}.txt`), 'utf8')).toBe(readFileSync(join(SEEDS, `${KREMLIN}.txt`), 'utf8'));
    const leftovers = readdirSync(dir).filter((n) => n.startsWith('.') && n.includes('.tmp-'));
    expect(leftovers).toHaveLength(2);
    const { articles, problems } = await readCorpus(dir);
    expect(problems).toEqual([]);
    expect(articles).toHaveLength(5);
    const done = await startModeration(ctx);
    expect(done.filter((l) => l.startsWith('removed stale temp file'))).toHaveLength(2);
    expect(readdirSync(dir).filter((n) => n.includes('.tmp-'))).toEqual([]);
  });

  it('recovery leaves alone a temp file another running process (a shard) is writing, and removes a dead one’s', async () => {
    // process.ppid: a process that is certainly alive and not this one; a pid far above the system's limit is dead.
    const live = `.2025-06-01-in-flight.md.tmp-${process.ppid}-0a1b2c3d4e5f`;
    const dead = `.2025-06-01-crashed.md.tmp-${2 ** 30}-0a1b2c3d4e5f`;
    writeFileSync(join(dir, live), 'half an article');
    writeFileSync(join(dir, dead), 'half an article');
    expect(await recoverCorpus(dir)).toEqual([`removed stale temp file ${dead}`]);
    expect(existsSync(join(dir, live))).toBe(true);
  });

  it('recovery finishes a .txt → .md replace interrupted after the new file appeared', async () => {
    const res = await replaceArticle(ctx, KREMLIN, draft('Corrected'), who);
    // Simulate the crash window: the old .txt is still there (its copy is in .trash/).
    cpSync(res.trashed!, join(dir, `${KREMLIN}.txt`));
    expect((await readCorpus(dir)).problems).toHaveLength(1);
    expect(await recoverCorpus(dir)).toEqual([expect.stringContaining(`finished replacing ${KREMLIN}`)]);
    expect((await readCorpus(dir)).problems).toEqual([]);
  });
});
