import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cleanParagraphs, cleanTitle, headlineIndex, splitParagraphs } from '../src/corpus/clean.js';
import { parseArticle, readArticleFile } from '../src/corpus/read.js';
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
    // The headline's own second half, in lower case, is no site name.
    expect(cleanTitle('Kremlin open to talks — but not on Kyiv’s terms')).toBe('Kremlin open to talks — but not on Kyiv’s terms');
    expect(cleanTitle('Kremlin open to talks — but not on Kyiv’s terms - Reuters')).toBe('Kremlin open to talks — but not on Kyiv’s terms');
  });
});

describe('page furniture (synthetic pages)', () => {
  const real = [
    'The delegations met for three hours on Tuesday, the mediator said.',
    'Officials (two of them senior) declined to comment on the draft.',
    'Is a second round likely?',
    'On the record',
    'The vote was 52 (for) to 48 (against) after a long debate.',
  ];

  it('takes the real headline when the page opens with "Skip to Main Content" or a menu', () => {
    const page = ['Skip to Main Content', 'Menu', 'Envoys agree to meet again next week', '', ...real].join('\n');
    const a = parseArticle('x', page, 'txt');
    expect(a.title).toBe('Envoys agree to meet again next week');
    expect(a.paragraphs).toEqual(real);
    expect(headlineIndex(['Envoys agree to meet again', 'Skip to Main Content'])).toBe(0);
    expect(headlineIndex(['', '  ', 'Latest news', 'A headline'])).toBe(3);
  });

  it('drops interface lines, tag lists with counts, link lists, author, credit and timestamp labels', () => {
    const furniture = [
      'Latest news', 'view all', 'Avatar photo', 'Author:', 'Author: Jane Example', 'Credit: Example Agency via Pool',
      'Photo credit: Someone Else', 'LAST UPDATE: 15:07', 'Published on 12 May 2025, 10:03', 'Updated 09:41 GMT',
      'Posted on Monday, June 2nd, 2025 at 3:15 pm',
      'Anna Example (7188) Lakeside (87) Talks (12)', 'Home | World | Europe | Politics', 'Sign in', 'Show more',
    ];
    const body = [real[0], ...furniture.slice(0, 7), real[1], ...furniture.slice(7), ...real.slice(2)].join('\n\n');
    expect(cleanParagraphs(body, 'A headline')).toEqual(real);
  });

  it('ends the article at "Submit a Comment" (the comment form follows)', () => {
    const body = [real[0], real[1], 'Submit a Comment', 'Your name', 'A reader wrote something long here, and it is not the article.'].join('\n\n');
    expect(cleanParagraphs(body, 'A headline')).toEqual([real[0], real[1]]);
  });

  it('keeps real sentences that merely use those words', () => {
    const sentences = [
      'Updated figures showed the ceasefire held in 2024, officials said.',
      'Updated: envoys and mediators to meet again in 2025',
      'Author: a former diplomat who asked not to be named wrote the memo, and the mediator confirmed that it was his.',
      'Sign up sheets were passed around the hall, one delegate said.',
      'An embedded post read: The talks go on. SIGN UP FOR OUR NEWSLETTER — Example Person (@example) June 29, 2016',
      'He said all of the photos were taken in the main hall.',
      'Home is where the talks began (in 2022), the envoy recalled.',
    ];
    expect(cleanParagraphs(sentences.join('\n\n'), 'A headline')).toEqual(sentences);
  });

  it('stays fast on long lines of interface words and parentheses', () => {
    const long = `${'view all '.repeat(60)}\n\n${'Name (12) '.repeat(55)}x\n\n${'a | '.repeat(140)}b`;
    expect(cleanParagraphs(`${real[0]}\n\n${long}`, 'A headline')[0]).toBe(real[0]);
  });
});
