// "Show paragraphs" on who-said/search answers and the "Find sources" message command, end to end through the fake
// Discord over a temp copy of the seed corpus.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { USERS, copyCorpus, refusedRequests, removeDir, selectsOf, startHarness, type Answer, type Harness } from './fake-discord/harness.js';
import { FLAG_EPHEMERAL } from './fake-discord/server.js';

let h: Harness;
let dir: string;

beforeAll(async () => {
  dir = await copyCorpus();
  h = await startHarness({ corpusDir: dir });
}, 30_000);

afterAll(async () => {
  await h?.stop();
  await removeDir(dir);
});

/** The first few words of a paragraph, as the paragraph view shows them (no markdown in the seed's words). */
const opening = (article: string, n: number) => h.engine.paragraph(article, n).text.split(/\s+/).slice(0, 6).join(' ');

function picked(a: Answer): { article: string; paragraph: number }[] {
  const s = selectsOf(a.message)[0];
  if (s) return s.options.map((o) => ({ paragraph: Number(o.value.split(':')[0]), article: o.value.slice(o.value.indexOf(':') + 1) }));
  const b = a.buttons.find((x) => x.custom_id?.startsWith('para:'));
  const [, , n, ...rest] = (b?.custom_id ?? '').split(':');
  return b ? [{ paragraph: Number(n), article: rest.join(':') }] : [];
}

describe('Show paragraphs', () => {
  test('who-said offers the cited paragraphs; picking shows them in full, privately, with their citation', async () => {
    const a = await h.command('who-said', { topic: 'ceasefire' });
    expect(a.ephemeral).toBe(false);
    const s = selectsOf(a.message)[0]!;
    expect(s.options.length).toBeGreaterThan(1);
    expect(s.options.length).toBeLessThanOrEqual(25);
    expect(s.options[0]!.label).toMatch(/^¶\d+ — /);
    const refs = picked(a).slice(0, 2);
    // Bob did not ask, but may look: the answer is his alone, and the public answer is unchanged.
    const shown = await h.select(a, s.custom_id, refs.map((r) => `${r.paragraph}:${r.article}`), USERS.bob);
    expect(shown.ephemeral).toBe(true);
    for (const r of refs) {
      expect(shown.text).toContain(opening(r.article, r.paragraph));
      expect(shown.text).toMatch(new RegExp(`¶${r.paragraph}\\b`));
    }
    expect(a.interaction.original!.embeds).toEqual(a.embeds);
    expect(refusedRequests(h.fake)).toEqual([]);
  });

  test('a one-citation search gets a button; the picker is on every page of a paged answer', async () => {
    const one = await h.command('search', { words: 'ultimatums', limit: 1 });
    const b = one.buttons.find((x) => x.custom_id?.startsWith('para:'))!;
    expect(b.label).toMatch(/Show paragraph ¶\d+/);
    const shown = await h.click(one, b.custom_id!);
    expect(shown.ephemeral).toBe(true);
    const [ref] = picked(one);
    expect(shown.text).toContain(opening(ref!.article, ref!.paragraph));

    const many = await h.command('who-said', { topic: 'peace', limit: 50 });
    const first = picked(many);
    expect(first.length).toBeGreaterThan(0);
    expect(many.buttons.find((x) => x.label === 'Next ▶')?.disabled).toBe(false);
    {
      const page2 = await h.click(many, 'Next ▶');
      // One picker (the rows list selects among the buttons too).
      expect(page2.buttons.filter((x) => x.custom_id?.startsWith('para:')).length).toBe(1);
      // The picker of page 2 lists page 2's citations.
      expect(picked(page2).length).toBeGreaterThan(0);
      expect(picked(page2)).not.toEqual(first);
    }
    expect(refusedRequests(h.fake)).toEqual([]);
  });

  test('a stale or forged press gets the stale-button reply', async () => {
    const a = await h.command('who-said', { topic: 'ceasefire' });
    const s = selectsOf(a.message)[0]!;
    const gone = await h.select(a, s.custom_id, ['3:no-such-article']);
    expect(gone.ephemeral).toBe(true);
    expect(gone.text).toMatch(/no longer works/);
    const forged = await h.select(a, s.custom_id, ['not-a-ref']);
    expect(forged.text).toMatch(/no longer works/);
  });
});

describe('Find sources (message context menu)', () => {
  test('deploy registered it as a message command', () => {
    const cmd = h.fake.commands.get(h.guildId)!.find((c) => c.name === 'Find sources');
    expect(cmd).toMatchObject({ type: 3 });
    expect(cmd!.description ?? '').toBe('');
  });

  test('a quote pasted with other punctuation: the quote and who said it, privately, pinging nobody', async () => {
    const a = await h.messageCommand('Find sources', { content: '<@123456789012345678> @everyone "THE LANGUAGE of ultimatums isn\'t acceptable for Russia!!" lol' });
    expect(a.ephemeral).toBe(true);
    expect(a.text).toMatch(/Quotes in the articles that match/);
    expect(a.text).toContain('Dmitry Peskov');
    expect(a.text.replace(/\*\*/g, '')).toMatch(/language of ultimatums/i);
    expect(a.text).toMatch(/¶9/);
    for (const m of a.messages) expect(m.allowed_mentions).toEqual({ parse: [] });
    expect(refusedRequests(h.fake)).toEqual([]);
  });

  test('no matching quote: says so plainly, with the closest passages', async () => {
    const a = await h.messageCommand('Find sources', { content: 'Berlin threatened Moscow with more EU sanctions and the Kremlin reacted badly' });
    expect(a.ephemeral).toBe(true);
    expect(a.text).toMatch(/No quote in the corpus matches this/);
    expect(a.text).toMatch(/Closest passages/);
  });

  test('an empty message, an embed only or a link only gets a clear message', async () => {
    const embed = await h.messageCommand('Find sources', { content: '', embeds: [{ title: 'A link preview' }] });
    expect(embed.ephemeral).toBe(true);
    expect(embed.text).toMatch(/only an embed: there is no text to look for/);
    const link = await h.messageCommand('Find sources', { content: 'https://example.com/some/news' });
    expect(link.ephemeral).toBe(true);
    expect(link.text).toMatch(/no words to look for/);
    const long = await h.messageCommand('Find sources', { content: 'peace talks in Istanbul '.repeat(150) });
    expect(long.text).toMatch(/only its beginning was searched/);
    expect(refusedRequests(h.fake)).toEqual([]);
    expect((long.message?.flags ?? 0) & FLAG_EPHEMERAL).toBeTruthy();
  });
});
