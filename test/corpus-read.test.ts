import { mkdtemp, writeFile, mkdir } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatFrontMatter, parseFrontMatter } from '../src/corpus/frontmatter.js';
import { CorpusDirError, parseArticle, readCorpus } from '../src/corpus/read.js';
import { extractQuotes } from '../src/quotes/extract.js';

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

describe('text that was UTF-8 read as Windows-1252 on its way ("â€œ")', () => {
  it('is decoded again, so its quotes, names and Cyrillic read as written', () => {
    const article = parseArticle('moj', [
      'Kremlin: talks possible â€” but not on Kyivâ€™s terms',
      '',
      'â€œWe are ready for talks in Istanbul,â€ Dmitry Peskov said on Monday, adding that ErdoÄŸan had offered to host them.',
      '',
      // Read as Latin-1 (bytes 0x80–0x9F kept as control characters), as some tools do.
      Buffer.from('Зеленський заявив: «Ми готові».', 'utf8').toString('latin1'),
    ].join('\n'), 'txt');
    expect(article.title).toBe('Kremlin: talks possible — but not on Kyiv’s terms');
    expect(article.paragraphs).toEqual([
      '“We are ready for talks in Istanbul,” Dmitry Peskov said on Monday, adding that Erdoğan had offered to host them.',
      'Зеленський заявив: «Ми готові».',
    ]);
    const quote = extractQuotes(article.paragraphs, { title: article.title }).find((q) => q.kind === 'direct');
    expect(quote).toMatchObject({ text: 'We are ready for talks in Istanbul,', speaker: 'Dmitry Peskov' });
  });

  it('reads a lost mark inside a word as no closing quote: the quotation stays whole', () => {
    const article = parseArticle('lost', 'Coal and the climate\n\n“Campaigners must address the realÃ¢€world worries of miners,” said Craig Morris.', 'txt');
    const quotes = extractQuotes(article.paragraphs, { title: article.title });
    expect(quotes.map((q) => [q.kind, q.speaker, q.text.slice(-20)])).toEqual([['direct', 'Craig Morris', 'd worries of miners,']]);
  });

  it('leaves correct text alone, Latin-1 letters included', () => {
    const text = 'São Paulo’s mayor\n\nThe naïve plan for the café on Âme Street, said Zoë Brandão, “is not new.”';
    const article = parseArticle('ok', text, 'txt');
    expect([article.title, ...article.paragraphs].join('\n\n')).toBe(text);
  });
});
