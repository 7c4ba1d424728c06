import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cleanParagraphs, cleanTitle, splitParagraphs } from '../src/corpus/clean.js';
import { readArticleFile } from '../src/corpus/read.js';
import { SEEDS } from './shared-data.js';

const seed = (name: string) => readArticleFile(path.join(SEEDS, `${name}.txt`));

describe('cleaning the seed articles', () => {
  it('drops related-headline blocks, sign-up, READ MORE and source footers (express seed)', async () => {
    const a = await seed('001_ad34c3576032ad84');
    const all = a.paragraphs.join('\n');
    for (const junk of ['We use your sign-up', 'READ MORE', 'DON’T MISS', '[INSIGHT]', '[EXPLAINER]', 'Putin allies: The 4 countries', 'Read Full Article']) {
      expect(all).not.toContain(junk);
    }
    // The article's own subheadings and closing facts stay.
    expect(a.paragraphs).toContain('Is Putin plotting something?');
    expect(a.paragraphs.at(-1)).toMatch(/^The army also claimed Russia has lost 597 tanks/);
  });

  it('drops "Leave a Reply", the email notice, "Read more" tag lines and "See also" links (ISW seed)', async () => {
    const a = await seed('002_068698ac76fd5961');
    const all = a.paragraphs.join('\n');
    for (const junk of ['Leave a Reply', 'Your email address', 'Olaf Scholes Vladimir Putin', 'See also', 'Read more']) expect(all).not.toContain(junk);
    expect(a.paragraphs.at(-1)).toMatch(/^The White House added/);
  });

  it('drops the repeated headline, site suffix, related posts and cookie notice (london-news seed)', async () => {
    const a = await seed('003_dc2851360bf64447');
    expect(a.title).toBe('Kremlin Confirms Putin’s Istanbul Talks Proposal Amid Uncertainty Over Zelensky Meeting');
    expect(a.paragraphs[0]).toMatch(/^On Monday, the Kremlin reiterated/);
    const all = a.paragraphs.join('\n');
    for (const junk of ['Related posts', 'uses cookies', 'One-Third of U.S. Firms', 'Zelensky Insists on Direct Talks']) expect(all).not.toContain(junk);
  });

  it('drops photo credits, "Read also" links and everything after "You May Also Like" (Reuters seed)', async () => {
    const a = await seed('004_10c24a268c9e1f96');
    const all = a.paragraphs.join('\n');
    for (const junk of ['mandatory credit', 'Read also', 'Main image source', 'You May Also Like', 'Barnacles', 'Elon Musk']) expect(all).not.toContain(junk);
    expect(a.paragraphs.at(-1)).toMatch(/^According to some Reuters sources, Putin, in the absence of a ceasefire/);
  });

  it('drops the related headline after "Read more related news:" and numbers paragraphs from the body', async () => {
    const a = await seed('000_a0edae4945652b42');
    expect(a.paragraphs.join('\n')).not.toMatch(/Starmer warns|Read more related/);
    expect(a.paragraphs[0]).toMatch(/^Speaking to sources in Kyiv/);
    expect(a.paragraphs).toHaveLength(13);
  });
});

describe('paragraph splitting', () => {
  it('splits on blank lines and on single line breaks, but joins a hard wrap inside a sentence', () => {
    expect(splitParagraphs('One.\nTwo.\n\nThree is\nwrapped here.')).toEqual(['One.', 'Two.', 'Three is wrapped here.']);
  });
  it('keeps a 1 MB paragraph whole and still drops the boilerplate after it', () => {
    const big = 'word '.repeat(200_000).trim();
    const out = cleanParagraphs(`${big}\nREAD MORE: a link`, 'Title');
    expect(out).toEqual([big]);
  });
  it('strips a site suffix from titles but keeps real dashes', () => {
    expect(cleanTitle('Talks resume in Istanbul | World | example.com')).toBe('Talks resume in Istanbul');
    expect(cleanTitle('Ukraine – Russia talks resume')).toBe('Ukraine – Russia talks resume');
  });
});
