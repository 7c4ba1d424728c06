import { mkdtemp, writeFile, mkdir } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatFrontMatter, parseFrontMatter } from '../src/corpus/frontmatter.js';
import { CorpusDirError, readCorpus } from '../src/corpus/read.js';

async function corpusWith(files: Record<string, string | Buffer>): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'talks-corpus-'));
  for (const [name, content] of Object.entries(files)) await writeFile(path.join(dir, name), content);
  return dir;
}

describe('reading a corpus folder', () => {
  it('reads .txt and .md, reports bad files by name and keeps the others', async () => {
    const dir = await corpusWith({
      'good.txt': 'A title\nFirst paragraph.\nSecond paragraph.',
      'front.md': formatFrontMatter({ title: 'Peace: "talks" resume', source: 'Example News', url: 'https://example.com/a', date: '2025-05-12' }, 'Body one.\n\nBody two.'),
      'empty.txt': '',
      'binary.txt': Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x01, 0x02]),
      'unclosed.md': '---\ntitle: x\nBody without closing fence',
      'title-only.txt': 'Just a title\n\n',
      'notes.json': '{}',
      '.hidden.md': 'ignored',
    });
    await mkdir(path.join(dir, '.trash'));
    const { articles, problems } = await readCorpus(dir);
    expect(articles.map((a) => a.id).sort()).toEqual(['front', 'good']);
    const front = articles.find((a) => a.id === 'front')!;
    expect(front).toMatchObject({ title: 'Peace: "talks" resume', source: 'Example News', url: 'https://example.com/a', date: '2025-05-12' });
    expect(front.paragraphs).toEqual(['Body one.', 'Body two.']);
    const byFile = Object.fromEntries(problems.map((p) => [p.file, p.error]));
    expect(Object.keys(byFile).sort()).toEqual(['binary.txt', 'empty.txt', 'title-only.txt', 'unclosed.md']);
    expect(byFile['empty.txt']).toMatch(/empty/);
    expect(byFile['binary.txt']).toMatch(/binary/);
    expect(byFile['unclosed.md']).toMatch(/never closed/);
  });

  it('refuses a folder that does not exist with a clear message', async () => {
    await expect(readCorpus('/nonexistent/talks-corpus')).rejects.toThrow(CorpusDirError);
    await expect(readCorpus('/nonexistent/talks-corpus')).rejects.toThrow(/does not exist/);
  });

  it('reads hand-written front matter: unquoted values, unknown keys, a # heading as title', () => {
    const parsed = parseFrontMatter('---\ntitle: Kremlin: no talks\nauthor: someone\ndate: 2024-01-02\n---\nText.');
    expect(parsed.meta).toEqual({ title: 'Kremlin: no talks', date: '2024-01-02' });
    expect(parsed.body).toBe('Text.');
  });

  it('round-trips a title with quotes, colons and fences', () => {
    const title = 'He said: "---" and left\\';
    expect(parseFrontMatter(formatFrontMatter({ title }, 'Body.')).meta.title).toBe(title);
  });
});
