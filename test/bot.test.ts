// talks-bot end to end: the real discord.js client against the fake Discord, over the real engine and a temp copy
// of the seed corpus (plus a hostile article), and over a generated corpus far larger than one message.
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { LIMITS, limitViolations } from '../src/bot/limits.js';
import { USERS, copyCorpus, removeDir, startHarness, user, type Answer, type Harness, refusedRequests } from './fake-discord/harness.js';

const HOSTILE = `Truce talk @everyone <@123> **bold title**

Commentators argued about the truce all week.

“The truce is a trap for everyone @everyone <@123> <@&456> **really** [click](https://evil.example) ||hidden||,” said Ivan Provocateur, a commentator.
`;

/** Every page of a paged answer, by pressing Next until it is disabled. */
async function allPages(h: Harness, first: Answer, as = USERS.alice): Promise<Answer[]> {
  const pages = [first];
  for (let i = 0; i < 60; i++) {
    const next = pages.at(-1)!.buttons.find((b) => b.label === 'Next ▶');
    if (!next || next.disabled) break;
    pages.push(await h.click(pages.at(-1)!, 'Next ▶', as));
  }
  return pages;
}

function withinLimits(a: Answer): void {
  for (const m of a.messages) {
    expect(limitViolations({ content: m.content, embeds: m.embeds as never, components: m.components as never })).toEqual([]);
  }
}

/** The quote blocks of a who-said/quotes page: speaker (embed title), text, paragraph number, citation line. */
function blocks(a: Answer): Array<{ speaker: string; text: string; paragraph: number; cite: string }> {
  return a.embeds.flatMap((e) => String(e.description ?? '').split('\n\n').map((b) => {
    const [text = '', cite = ''] = b.split('\n— ');
    return { speaker: String(e.title ?? '').replace(/ \(continued\)$/, ''), text, cite, paragraph: Number(/¶(\d+)$/.exec(cite)?.[1]) };
  }));
}

describe('over the seed corpus', () => {
  let h: Harness;
  let dir: string;

  beforeAll(async () => {
    dir = await copyCorpus();
    await writeFile(join(dir, '900_hostile.txt'), HOSTILE);
    h = await startHarness({ corpusDir: dir });
  });
  afterAll(async () => {
    await h?.stop();
    await removeDir(dir);
  });
  afterEach(() => {
    expect(refusedRequests(h.fake)).toEqual([]);
  });

  test('the bot logs in, serves the guild and says what it indexed', () => {
    expect(h.logs.some((l) => /serving 1 guild: Peace Talks Watchers/.test(l))).toBe(true);
    expect(h.logs.some((l) => /indexed 6 articles, \d+ paragraphs, \d+ quotes from \d+ speakers/.test(l))).toBe(true);
    expect(h.fake.identifies[0]!.intents).toBe(1); // Guilds only
    expect(h.fake.commands.get(h.guildId)!.map((c) => c.name)).toEqual(expect.arrayContaining(['article', 'help', 'quotes', 'search', 'sources', 'who-said']));
  });

  test('/who-said ceasefire names Yermak and Kuleba with their exact quotes and paragraph numbers', async () => {
    const first = await h.command('who-said', { topic: 'ceasefire' });
    expect(first.ephemeral).toBe(false);
    expect(first.content).toBe('Who said something about **ceasefire**:');
    const pages = await allPages(h, first);
    const all = pages.flatMap(blocks);
    const yermak = all.filter((b) => /Yermak/.test(b.speaker));
    const kuleba = all.filter((b) => /Kuleba/.test(b.speaker));
    expect(yermak.some((b) => b.text.includes('not yet demonstrated political will regarding'))).toBe(true);
    expect(kuleba.some((b) => b.text.includes('The minimum programme will be humanitarian questions'))).toBe(true);
    // Each citation names the article and a paragraph that really holds the quote.
    for (const [b, id] of [[yermak[0]!, '000_a0edae4945652b42'], [kuleba[0]!, '001_ad34c3576032ad84']] as const) {
      const article = h.engine.getArticle(id)!;
      expect(b.cite).toContain(article.title.slice(0, 20));
      const words = b.text.replace(/[“”*\\]/g, '').replace(/ \(.*\)$/, '').split(' ').slice(0, 5).join(' ');
      expect(article.paragraphs[b.paragraph - 1]).toContain(words);
    }
    // Direct quotes come before partial/reported ones within each speaker.
    for (const e of pages.flatMap((p) => p.embeds)) {
      const kinds = String(e.description).split('\n\n').map((b) => /\*\((partial quote|reported speech)\)\*/.test(b) ? 1 : 0);
      expect([...kinds].sort()).toEqual(kinds);
    }
    const footer = String((first.embeds.at(-1)!.footer as { text: string }).text);
    expect(footer).toMatch(/\d+ quotes? from \d+ speakers?/);
  });

  test('paging works only for the asker', async () => {
    const first = await h.command('who-said', { topic: 'ceasefire', limit: 50 });
    if (!first.buttons.length) throw new Error('expected several pages for ceasefire with limit 50');
    const foreign = await h.click(first, 'Next ▶', USERS.bob);
    expect(foreign.ephemeral).toBe(true);
    expect(foreign.content).toMatch(/Only the person who asked/);
    const second = await h.click(first, 'Next ▶', USERS.alice);
    expect(second.text).not.toBe(first.text);
    expect(second.buttons.find((b) => b.custom_id?.endsWith(':at'))!.label).toMatch(/^2 \/ \d+$/);
  });

  test('an article with @everyone and <@123> pings no one, and its markdown is shown, not applied', async () => {
    const s = await h.command('search', { words: 'truce trap' });
    const said = await h.command('who-said', { topic: 'truce' });
    for (const a of [s, said]) {
      const d = a.embeds.map((e) => String(e.description)).join('\n');
      expect(d).toContain('\\@everyone');
      expect(d).toContain('\\<\\@123\\>');
      expect(d).toContain('\\[click\\](https://evil.example)');
      expect(d).not.toMatch(/(^|[^\\])@everyone/);
    }
    expect(blocks(said).some((b) => /Provocateur/.test(b.speaker))).toBe(true);
    const sources = await allPages(h, await h.command('sources'));
    expect(sources.map((p) => p.text).join('\n')).toContain('Truce talk \\@everyone \\<\\@123\\> \\*\\*bold title\\*\\*');
    // Every message the bot sent, to anyone, parsed no mentions.
    for (const m of h.fake.messages.values()) expect(m.allowed_mentions).toEqual({ parse: [] });
  });

  test('/search shows highlighted, cited passages', async () => {
    const a = await h.command('search', { words: 'humanitarian questions' });
    expect(a.text).toMatch(/\*\*humanitarian\*\*/);
    expect(a.text).toMatch(/¶\d+/);
  });

  test('/quotes: autocomplete suggests speakers (also on empty input) and any name works', async () => {
    const empty = await h.autocomplete('quotes', { speaker: '' }, 'speaker');
    expect(empty.choices!.length).toBeGreaterThan(3);
    expect(empty.choices!.length).toBeLessThanOrEqual(LIMITS.choices);
    const typed = await h.autocomplete('quotes', { speaker: 'yerm' }, 'speaker');
    const pick = typed.choices!.find((c) => /Yermak/.test(c.name));
    expect(pick).toBeDefined();
    const byPick = await h.command('quotes', { speaker: String(pick!.value) });
    const byAlias = await h.command('quotes', { speaker: 'yermak' });
    expect(byPick.embeds[0]!.title).toMatch(/Yermak/);
    expect(byAlias.embeds[0]!.title).toBe(byPick.embeds[0]!.title);
    expect(byAlias.text).toContain('political will');
    const nobody = await h.command('quotes', { speaker: 'Nobody Atall' });
    expect(nobody.text).toContain('I found no speaker matching **Nobody Atall**');
  });

  test('/article: autocomplete by title, then the article card', async () => {
    const empty = await h.autocomplete('article', { id: '' }, 'id');
    expect(empty.choices!.length).toBe(6);
    const typed = await h.autocomplete('article', { id: 'kremlin' }, 'id');
    const pick = typed.choices![0]!;
    expect(pick.name).toMatch(/Kremlin/);
    const a = await h.command('article', { id: String(pick.value) });
    expect(a.embeds[0]!.title).toMatch(/Kremlin Confirms/);
    const fields = (a.embeds[0]!.fields as Array<{ name: string; value: string }>).map((f) => f.name);
    expect(fields).toEqual(expect.arrayContaining(['Paragraphs', 'Quotes']));
    const missing = await h.command('article', { id: 'no-such-article-zzz' });
    expect(missing.ephemeral).toBe(true);
    expect(missing.content).toMatch(/^No article matches/);
  });

  test('/sources and /help', async () => {
    const s = await h.command('sources');
    expect(s.text).toMatch(/^6 articles, \d+ paragraphs/m);
    const help = await h.command('help');
    expect(help.ephemeral).toBe(true);
    for (const c of ['/who-said', '/search', '/quotes', '/article', '/sources']) expect(help.text).toContain(c);
  });

  test('private: true answers only the asker, on every command that offers it', async () => {
    const asks: Array<[string, Record<string, string | boolean>]> = [
      ['who-said', { topic: 'ceasefire' }], ['who-said', { topic: 'zqxjv' }], ['search', { words: 'Istanbul' }],
      ['quotes', { speaker: 'Yermak' }], ['article', { id: '003_dc2851360bf64447' }], ['sources', {}],
    ];
    for (const [name, options] of asks) {
      expect((await h.command(name, { ...options, private: true })).ephemeral).toBe(true);
      expect((await h.command(name, options)).ephemeral).toBe(false);
    }
  });

  test('no match says so and suggests close terms or speakers', async () => {
    const a = await h.command('who-said', { topic: 'zqxjv' });
    expect(a.text).toMatch(/^I found no quotes matching \*\*zqxjv\*\*\.\n(You could try: .+\.|Try fewer or different words.*)$/);
    const typo = await h.command('search', { words: 'qqqqxz wwwwvk' });
    expect(typo.text).toMatch(/^I found no passages matching/);
  });

  test('100 questions sent at once are all answered, each correctly', async () => {
    const topics = ['ceasefire', 'Istanbul', 'Zelensky', 'mobilization'];
    const sent = Array.from({ length: 100 }, (_, i) => h.send('search', { words: topics[i % 4]! }, user()));
    const answers = await Promise.all(sent.map(async (fi) => h.answerOf(await fi.waitSettled(30_000))));
    answers.forEach((a, i) => {
      withinLimits(a);
      expect(a.text.toLowerCase()).toContain(`**${topics[i % 4]!.toLowerCase().slice(0, 6)}`);
    });
  });

  test('works in a DM too', async () => {
    const a = await h.command('search', { words: 'Istanbul' }, USERS.dm);
    expect(a.text).toMatch(/Istanbul/);
  });
});

describe('over a generated corpus far larger than a message', () => {
  let h: Harness;
  let dir: string;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'talks-bot-huge-'));
    const filler = 'and the negotiators in Istanbul kept talking late into the night about guarantees, borders and prisoners';
    for (let a = 0; a < 30; a++) {
      const paras: string[] = [];
      for (let p = 0; p < 8; p++) {
        const who = `Speaker${String.fromCharCode(65 + ((a * 8 + p) % 26))} Name${(a * 8 + p) % 60}`;
        paras.push(`“The ceasefire ${`${filler} `.repeat(6 + (p % 5) * 4)}must hold,” said ${who}.`);
      }
      const title = `Article ${a}: ${'a headline that goes on and on '.repeat(6)}`.trim();
      await writeFile(join(dir, `huge-${a}.md`), `---\ntitle: ${title}\nsource: Wire ${a}\nurl: https://example.com/news/${a}_(x)\ndate: 2025-05-${String(1 + (a % 28)).padStart(2, '0')}\n---\n\n${paras.join('\n\n')}\n`);
    }
    // One enormous paragraph with the match deep inside.
    await writeFile(join(dir, 'giant.txt'), `Giant\n\n${'filler words here '.repeat(6000)} ceasefire ${'more words '.repeat(6000)}\n`);
    h = await startHarness({ corpusDir: dir });
  });
  afterAll(async () => {
    await h?.stop();
    await removeDir(dir);
  });
  afterEach(() => {
    expect(refusedRequests(h.fake)).toEqual([]);
  });

  test('every page of every command stays within every limit', async () => {
    const asks: Array<[string, Record<string, string | number>]> = [
      ['who-said', { topic: 'ceasefire', limit: 50 }],
      ['search', { words: 'ceasefire', limit: 30 }],
      ['search', { words: 'negotiators Istanbul guarantees', limit: 30 }],
      ['sources', {}],
      ['help', {}],
    ];
    let pagesSeen = 0;
    for (const [name, options] of asks) {
      const pages = await allPages(h, await h.command(name, options));
      for (const p of pages) {
        withinLimits(p);
        expect(p.text.length).toBeGreaterThan(0);
      }
      pagesSeen += pages.length;
    }
    expect(pagesSeen).toBeGreaterThan(8);
    const speakers = await h.autocomplete('quotes', { speaker: '' }, 'speaker');
    expect(speakers.choices!.length).toBe(LIMITS.choices);
    const quotes = await allPages(h, await h.command('quotes', { speaker: String(speakers.choices![0]!.value), limit: 50 }));
    for (const p of quotes) withinLimits(p);
    const titles = await h.autocomplete('article', { id: '' }, 'id');
    expect(titles.choices!.length).toBe(LIMITS.choices);
    for (const c of titles.choices!) expect(c.name.length).toBeLessThanOrEqual(LIMITS.choiceName);
    const card = await h.command('article', { id: String(titles.choices![0]!.value) });
    withinLimits(card);
  });

  test('a match deep inside an enormous paragraph is shown around the match', async () => {
    const a = await h.command('search', { words: 'ceasefire', limit: 30 });
    const pages = await allPages(h, a);
    const giant = pages.flatMap((p) => p.embeds).map((e) => String(e.description)).join('\n').split('\n\n').find((b) => b.includes('Giant'));
    expect(giant).toBeDefined();
    // A short run-up, the match in bold, then as much as fits — not the first 600 characters of filler.
    expect(giant).toMatch(/^\*\*\d+\.\*\* …(words here )?(filler words here ){2,}\*\*ceasefire\*\* (more words ){20,}.*…\n— Giant · ¶1$/);
    expect(giant!.length).toBeLessThan(800);
  });
});
