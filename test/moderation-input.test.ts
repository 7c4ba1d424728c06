// Reading sources into drafts: formats, metadata, overrides, and the refusals a moderator sees.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { decodeSource, draftFromFields, draftFromSource, ModerationError, normalizeDate } from '../src/moderation/index.js';
import { SEEDS } from './shared-data.js';

const seed = (name: string) => readFileSync(join(SEEDS, `${name}.txt`));
const MB = 1024 * 1024;

function refusal(fn: () => unknown): ModerationError {
  try {
    fn();
  } catch (err) {
    if (err instanceof ModerationError) return err;
    throw err;
  }
  throw new Error('expected a refusal');
}

const ARTICLE_HTML = `<!doctype html><html lang="en"><head>
<title>Kremlin confirms Putin’s Istanbul talks proposal | World | Example News</title>
<meta property="og:site_name" content="Example News">
<meta property="og:title" content="Kremlin confirms Putin’s Istanbul talks proposal">
<meta property="article:published_time" content="2025-05-12T09:30:00+00:00">
<link rel="canonical" href="https://news.example.com/world/kremlin-istanbul">
<script>window.tracking = "Peskov said nothing";</script>
</head><body>
<nav><a href="/">Home</a> · <a href="/world">World</a> · <a href="/sport">Sport</a></nav>
<main><article>
<h1>Kremlin confirms Putin’s Istanbul talks proposal</h1>
<p>On Monday, the Kremlin reiterated President Vladimir Putin’s invitation for direct talks between Russia and Ukraine to take place in Istanbul later this week.</p>
<figure><img src="a.jpg" alt=""><figcaption>Photo: AFP / Getty Images</figcaption></figure>
<p>Peskov stated, “In general, we remain dedicated to pursuing a serious long-term peaceful resolution,” but he did not confirm whether Putin would participate in the anticipated discussions.</p>
<p>Since December 2019, when they last met, tensions have escalated significantly, culminating in Russia’s full-scale invasion more than two years later.</p>
</article></main>
<aside><h3>Related</h3><ul><li>Xi loses patience with Putin</li></ul></aside>
<footer>© Example News. We use cookies.</footer>
</body></html>`;

describe('decodeSource: what counts as an article file', () => {
  it('reads a seed .txt as text', () => {
    const d = decodeSource({ bytes: seed('003_dc2851360bf64447'), filename: 'kremlin.txt', contentType: 'text/plain; charset=utf-8' }, 2 * MB);
    expect(d.format).toBe('text');
    expect(d.text).toContain('Peskov stated');
  });

  it('refuses a file over the size limit and says the limit', () => {
    const big = Buffer.alloc(2 * MB + 1, 'a');
    const err = refusal(() => decodeSource({ bytes: big, filename: 'a.txt' }, 2 * MB));
    expect(err.code).toBe('too-large');
    expect(err.reason).toMatch(/2 MB/);
  });

  it('refuses empty and whitespace-only files', () => {
    expect(refusal(() => decodeSource({ bytes: Buffer.alloc(0), filename: 'a.txt' }, MB)).code).toBe('empty');
    expect(refusal(() => decodeSource({ bytes: Buffer.from(' \n\t\n '), filename: 'a.txt' }, MB)).code).toBe('empty');
  });

  it('refuses binary files: magic numbers, NUL bytes, invalid UTF-8', () => {
    const pdf = Buffer.concat([Buffer.from('%PDF-1.7\n'), seed('000_a0edae4945652b42')]);
    const e1 = refusal(() => decodeSource({ bytes: pdf, filename: 'article.txt', contentType: 'text/plain' }, MB));
    expect(e1.code).toBe('binary');
    expect(e1.reason).toMatch(/PDF/);
    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3]);
    expect(refusal(() => decodeSource({ bytes: png, filename: 'a.txt' }, MB)).code).toBe('binary');
    const nul = Buffer.concat([Buffer.from('Title\nSome text'), Buffer.from([0]), Buffer.from('more')]);
    expect(refusal(() => decodeSource({ bytes: nul, filename: 'a.txt' }, MB)).code).toBe('binary');
    const latin1 = Buffer.from('Title\nErdo\xf0an said “peace” was near and the talks went on for hours.', 'latin1');
    const e4 = refusal(() => decodeSource({ bytes: latin1, filename: 'a.txt' }, MB));
    expect(e4.code).toBe('binary');
    expect(e4.reason).toMatch(/UTF-8/);
  });

  it('refuses types that are not text or HTML, by content type or extension', () => {
    const text = seed('001_ad34c3576032ad84');
    expect(refusal(() => decodeSource({ bytes: text, filename: 'a.json', contentType: 'application/json' }, MB)).code).toBe('not-text');
    expect(refusal(() => decodeSource({ bytes: text, filename: 'data.csv' }, MB)).code).toBe('not-text');
    expect(refusal(() => decodeSource({ bytes: text, filename: 'x.bin', contentType: 'application/octet-stream' }, MB)).reason).toMatch(/\.bin/);
  });

  it('tells Markdown and HTML apart by type, extension or content', () => {
    expect(decodeSource({ bytes: Buffer.from('# T\n\nBody text here.'), filename: 'a.md', contentType: 'text/plain' }, MB).format).toBe('markdown');
    expect(decodeSource({ bytes: Buffer.from(ARTICLE_HTML), contentType: 'text/html; charset=utf-8' }, MB).format).toBe('html');
    expect(decodeSource({ bytes: Buffer.from(ARTICLE_HTML), filename: 'page' }, MB).format).toBe('html');
  });

  it('decodes a declared non-UTF-8 charset', () => {
    const cp1251 = Buffer.from([0xcf, 0xf3, 0xf2, 0xe8, 0xed]); // "Путин" in windows-1251
    const d = decodeSource({ bytes: cp1251, contentType: 'text/plain; charset=windows-1251' }, MB);
    expect(d.text).toBe('Путин');
    const page = Buffer.concat([Buffer.from('<html><head><meta charset="windows-1251"></head><body><p>'), cp1251, Buffer.from('</p></body></html>')]);
    expect(decodeSource({ bytes: page, contentType: 'text/html' }, MB).text).toContain('<p>Путин</p>');
  });
});

describe('encodings and line endings of uploads', () => {
  const text = 'Talks resume — “day two”\nThe mediator said everyone was still at the table on Tuesday.\n\nA second paragraph follows.\n';
  const be = (s: string): Buffer => {
    const le = Buffer.from(s, 'utf16le');
    for (let i = 0; i < le.length; i += 2) [le[i], le[i + 1]] = [le[i + 1], le[i]];
    return le;
  };

  it('decodes UTF-16 files with a byte-order mark, LE and BE, instead of calling them binary', () => {
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
    const big = Buffer.concat([Buffer.from([0xfe, 0xff]), be(text)]);
    for (const bytes of [le, big]) {
      const d = decodeSource({ bytes, filename: 'article.txt', contentType: 'text/plain' }, MB);
      expect(d).toEqual({ text, format: 'text' });
      expect(draftFromSource(d).paragraphs).toHaveLength(2);
    }
  });

  it('reads CR-only line endings as line breaks (paragraphs split)', () => {
    const d = decodeSource({ bytes: Buffer.from(text.replace(/\n/g, '\r')), filename: 'mac.txt' }, MB);
    expect(d.text).toBe(text);
    expect(draftFromSource(d).paragraphs).toEqual(draftFromSource({ text, format: 'text' }).paragraphs);
  });

  it('a <meta charset> inside a .txt or .md does not switch its decoding (only HTML is sniffed)', () => {
    const body = 'Title of the note\nThe page said <meta charset="windows-1251"> and Zelensky said “ça va” today.\n';
    const d = decodeSource({ bytes: Buffer.from(body), filename: 'note.txt', contentType: 'text/plain' }, MB);
    expect(d.text).toBe(body);
    const md = decodeSource({ bytes: Buffer.from(body), filename: 'note.md' }, MB);
    expect(md.text).toBe(body);
  });
});

describe('drafts from text, Markdown and HTML', () => {
  it('reads a seed text: first line is the title, the rest paragraphs', () => {
    const raw = seed('000_a0edae4945652b42').toString('utf8');
    const draft = draftFromSource({ text: raw, format: 'text' });
    expect(draft.title).toMatch(/^The general feeling amongst Ukrainian/);
    expect(draft.paragraphs[0]).toMatch(/^Speaking to sources in Kyiv/);
    expect(draft.paragraphs.some((p) => p.startsWith('Yermak said, “Russia has not yet demonstrated'))).toBe(true);
    expect(draft.date).toBeUndefined();
  });

  it('reads Markdown with front matter and strips the markup from the body', () => {
    const md = `---\ntitle: "Peskov on Istanbul"\nsource: TASS\ndate: 2025-05-12\nurl: https://tass.example/1\n---\n\n# Peskov on Istanbul\n\n**Kremlin spokesperson** Dmitry Peskov said, “We remain [dedicated](https://x.example) to a peaceful resolution.”\n\nHe added that *no date* was set for the meeting yet.\n`;
    const draft = draftFromSource({ text: md, format: 'markdown' });
    expect(draft).toMatchObject({ title: 'Peskov on Istanbul', source: 'TASS', date: '2025-05-12', url: 'https://tass.example/1' });
    expect(draft.paragraphs).toEqual([
      'Kremlin spokesperson Dmitry Peskov said, “We remain dedicated to a peaceful resolution.”',
      'He added that no date was set for the meeting yet.',
    ]);
  });

  it('reads Markdown without front matter: the first heading is the title', () => {
    const draft = draftFromSource({ text: '# Erdogan hosts the talks\n\nTurkish President Erdogan said: “There will be no losers in a just peace.”\n', format: 'markdown' });
    expect(draft.title).toBe('Erdogan hosts the talks');
    expect(draft.paragraphs).toHaveLength(1);
  });

  it('reduces HTML to the main text and keeps title, site name and date', () => {
    const draft = draftFromSource({ text: ARTICLE_HTML, format: 'html', url: 'https://news.example.com/world/kremlin-istanbul?utm_source=x' });
    expect(draft.title).toBe('Kremlin confirms Putin’s Istanbul talks proposal');
    expect(draft.source).toBe('Example News');
    expect(draft.date).toBe('2025-05-12');
    expect(draft.paragraphs).toHaveLength(3);
    expect(draft.paragraphs[1]).toMatch(/^Peskov stated, “In general/);
    const all = draft.paragraphs.join('\n');
    expect(all).not.toMatch(/Home|cookies|Photo: AFP|Xi loses|tracking/);
    expect(draft.altUrls).toContain('https://news.example.com/world/kremlin-istanbul');
  });

  it('finds the date in JSON-LD or <time datetime> when there is no meta tag', () => {
    const ld = ARTICLE_HTML.replace(/<meta property="article:published_time"[^>]*>/, '<script type="application/ld+json">{"@graph":[{"@type":"NewsArticle","datePublished":"2025-05-13T08:00:00Z"}]}</script>');
    expect(draftFromSource({ text: ld, format: 'html' }).date).toBe('2025-05-13');
    const time = ARTICLE_HTML.replace(/<meta property="article:published_time"[^>]*>/, '').replace('<h1>', '<time datetime="2025-05-14">May 14</time><h1>');
    expect(draftFromSource({ text: time, format: 'html' }).date).toBe('2025-05-14');
  });

  it('lets the moderator override title, source, date and url', () => {
    const draft = draftFromSource({
      text: ARTICLE_HTML, format: 'html',
      overrides: { title: 'Kremlin on Istanbul', source: 'Reuters', date: 'May 15, 2025', url: 'https://reuters.example/a' },
    });
    expect(draft).toMatchObject({ title: 'Kremlin on Istanbul', source: 'Reuters', date: '2025-05-15', url: 'https://reuters.example/a' });
  });

  it('refuses an override date it cannot read, and a non-http override url', () => {
    expect(refusal(() => draftFromSource({ text: ARTICLE_HTML, format: 'html', overrides: { date: 'last tuesday' } })).code).toBe('bad-date');
    expect(refusal(() => draftFromSource({ text: ARTICLE_HTML, format: 'html', overrides: { url: 'javascript:alert(1)' } })).code).toBe('bad-url');
  });

  it('refuses text with no paragraphs', () => {
    expect(refusal(() => draftFromSource({ text: 'Just a title\n', format: 'text' })).code).toBe('no-paragraphs');
    expect(refusal(() => draftFromSource({ text: 'Title\n\n---\n***\n12 34 56\n', format: 'text' })).code).toBe('no-paragraphs');
    expect(refusal(() => draftFromSource({ text: '<html><body><script>x()</script><nav>Home</nav></body></html>', format: 'html' })).code).toBe('no-paragraphs');
  });

  it('builds a draft from the modal fields and drops a pasted headline', () => {
    const draft = draftFromFields({
      title: 'Kuleba on the talks',
      body: 'Kuleba on the talks\n\nForeign Minister Dmytro Kuleba told Ukrainian television: “The minimum programme will be humanitarian questions.”',
      source: 'Express', date: '2022-03-29',
    });
    expect(draft.paragraphs).toEqual(['Foreign Minister Dmytro Kuleba told Ukrainian television: “The minimum programme will be humanitarian questions.”']);
    expect(draft.source).toBe('Express');
  });

  it('cleans control and bidi characters out of titles and bounds their length', () => {
    const draft = draftFromFields({ title: `Evil\u202e title\u0000 ${'very '.repeat(200)}long`, body: 'Peskov said the talks would go on as planned in Istanbul.' });
    expect(draft.title).not.toMatch(/[\u0000\u202e]/);
    expect(draft.title.length).toBeLessThanOrEqual(300);
  });
});

describe('normalizeDate', () => {
  it('reads ISO and written dates, rejects impossible ones', () => {
    expect(normalizeDate('2025-05-12T10:00:00Z')).toBe('2025-05-12');
    expect(normalizeDate('12 May 2025')).toBe('2025-05-12');
    expect(normalizeDate('2025-02-30')).toBeUndefined();
    expect(normalizeDate('soon')).toBeUndefined();
  });
});
