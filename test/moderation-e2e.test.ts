// Moderation end to end: the real bot (discord.js) against the fake Discord, moderators adding,
// replacing and removing articles by attachment, url and modal, and everyone else being refused.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { copyCorpus, file, removeDir, startHarness, user, USERS, PERMISSIONS, type Harness } from './fake-discord/harness.js';
import { snowflake } from './fake-discord/server.js';

const GUILD = snowflake();
const STRANGER_GUILD = snowflake();
const GENERAL = snowflake();
const MOD_LOG = snowflake();
const MOD_ROLE = snowflake();
const KREMLIN = '003_dc2851360bf64447';

const SYBIHA_TXT = `Sybiha sets terms for the memorandum

Foreign Minister Andrii Sybiha said: “The grain corridor must reopen before any memorandum is signed.”

He added that the delegation in Istanbul had received no written proposal from Moscow.
`;

const PAGE_HTML = `<!doctype html><html><head>
<title>Umerov on prisoner exchange | Kyiv Wire</title>
<meta property="og:site_name" content="Kyiv Wire">
<meta property="og:title" content="Umerov on the prisoner exchange">
<meta property="article:published_time" content="2025-06-02T08:00:00Z">
</head><body><nav><a href="/">Home</a></nav><article>
<h1>Umerov on the prisoner exchange</h1>
<p>Defence Minister Rustem Umerov said: “The lighthouse exchange of a thousand prisoners will happen this week.”</p>
<p>The second round of talks in Istanbul lasted just over an hour, according to officials who were present.</p>
</article><footer>Subscribe to our newsletter</footer></body></html>`;

let web: Server;
let webBase: string;
let dir: string;
let h: Harness;

function addedIdOf(text: string): string {
  const m = /(?:Added|Replaced[^`]*) `([a-z0-9_-]+)`/.exec(text);
  if (!m) throw new Error(`no id in: ${text}`);
  return m[1]!;
}

beforeAll(async () => {
  web = createServer((req, res) => {
    if (req.url === '/umerov.html') return void res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(PAGE_HTML);
    if (req.url === '/slow') return; // never answers
    res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => web.listen(0, '127.0.0.1', resolve));
  webBase = `http://127.0.0.1:${(web.address() as AddressInfo).port}`;
  dir = await copyCorpus();
  h = await startHarness({
    corpusDir: dir,
    env: { ALLOW_PRIVATE_URLS: 'true', MAX_ATTACHMENT_BYTES: String(64 * 1024), MOD_LOG_CHANNEL_ID: MOD_LOG, MOD_ROLE_IDS: MOD_ROLE, URL_TIMEOUT_MS: '500' },
    fake: {
      guilds: [{
        id: GUILD, name: 'Peace Talks Watchers',
        channels: [{ id: GENERAL, name: 'general' }, { id: MOD_LOG, name: 'mod-log' }],
        roles: [{ id: MOD_ROLE, name: 'Corpus editors', permissions: '0' }],
      }, {
        // Another server the bot is in: its admins must not change the corpus this server owns.
        id: STRANGER_GUILD, name: 'Somebody else',
      }],
    },
  });
});

afterAll(async () => {
  await h?.stop();
  web?.closeAllConnections();
  await new Promise((resolve) => web?.close(resolve));
  await removeDir(dir);
});

const modLog = () => [...h.fake.messages.values()].filter((m) => m.channel_id === MOD_LOG).map((m) => m.content);
/** What the user reads, without the Markdown the bot adds (bold highlights, escapes). */
const plain = (text: string) => text.replace(/\\([\\*_~`|<>[\]@])/g, '$1').replace(/\*\*/g, '');
const articleFiles = () => readdirSync(dir).filter((n) => !n.startsWith('.'));

describe('moderators add articles', () => {
  it('registers the commands hidden from non-moderators and guild-only', () => {
    const registered = h.fake.commands.get(GUILD) ?? [];
    for (const name of ['add-article', 'replace-article', 'remove-article', 'reindex']) {
      const def = registered.find((c) => c.name === name);
      expect(def?.default_member_permissions, name).toBe(String(PERMISSIONS.MANAGE_MESSAGES));
      expect(def?.contexts, name).toEqual([0]);
    }
  });

  it('adds by attachment; the preview shows what was read; /who-said finds it at once', async () => {
    const before = await h.command('who-said', { topic: 'grain corridor' });
    expect(before.text).not.toMatch(/Sybiha/);
    const a = await h.command('add-article', { file: file('sybiha.txt', SYBIHA_TXT), source: 'Ukrinform', date: '2025-06-01' }, USERS.mod);
    expect(a.ephemeral).toBe(true);
    expect(a.text).toContain('✅ Added `2025-06-01-sybiha-sets-terms-for-the-memorandum`');
    expect(a.text).toMatch(/Sybiha sets terms for the memorandum/);
    expect(a.text).toMatch(/Ukrinform/);
    expect(a.text).toMatch(/Paragraphs\n2/);
    expect(a.text).toMatch(/The grain corridor must reopen.*— \*\*Andrii Sybiha\*\*/);
    const after = await h.command('who-said', { topic: 'grain corridor' });
    expect(after.text).toMatch(/Andrii Sybiha/);
    expect(plain(after.text)).toMatch(/grain corridor must reopen/);
    const stored = readFileSync(join(dir, '2025-06-01-sybiha-sets-terms-for-the-memorandum.md'), 'utf8');
    expect(stored).toContain(`added_by: "${USERS.mod.id} (mod)"`);
    expect(modLog().some((l) => l.includes('added') && l.includes('2025-06-01-sybiha-sets-terms-for-the-memorandum'))).toBe(true);
    const audit = readFileSync(join(dir, '.audit.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    expect(audit.at(-1)).toMatchObject({ action: 'add', article: '2025-06-01-sybiha-sets-terms-for-the-memorandum', moderator: { id: USERS.mod.id, name: 'mod' } });
    expect(h.fake.rejections).toEqual([]);
  });

  it('adds by url: HTML reduced to the article, with title, site name and date', async () => {
    const a = await h.command('add-article', { url: `${webBase}/umerov.html` }, USERS.admin);
    expect(a.text).toContain('✅ Added `2025-06-02-umerov-on-the-prisoner-exchange`');
    expect(a.text).toMatch(/Kyiv Wire/);
    expect(a.text).toMatch(/2025-06-02/);
    expect(a.text).toMatch(/Rustem Umerov/);
    expect(a.text).not.toMatch(/Subscribe|Home/);
    const w = await h.command('who-said', { topic: 'lighthouse exchange' });
    expect(w.text).toMatch(/Rustem Umerov/);
  });

  it('adds by modal when no file or url is given', async () => {
    const opened = await h.command('add-article', { title: 'Fidan on the venue' }, USERS.mod);
    expect(opened.modal?.custom_id).toBe('add-article:new');
    const done = await h.submitModal(opened, {
      title: 'Fidan on the venue', source: 'Anadolu', date: '2025-06-03', url: 'https://aa.example/fidan',
      body: 'Turkish Foreign Minister Hakan Fidan said: “Istanbul remains ready to host the marmalade round of talks.”\n\nThe date was not set.',
    }, USERS.mod);
    expect(done.ephemeral).toBe(true);
    expect(done.text).toContain('✅ Added `2025-06-03-fidan-on-the-venue`');
    expect((await h.command('who-said', { topic: 'marmalade' })).text).toMatch(/Hakan Fidan/);
  });

  it('a MOD_ROLE_IDS role is enough without Manage Messages', async () => {
    const editor = user({ name: 'editor', roles: [MOD_ROLE] });
    const a = await h.command('add-article', { file: file('zebra.md', '# Zebra talks\n\nKremlin aide Yuri Ushakov said: “The zebra crossing of positions is possible.”\n') }, editor);
    expect(a.text).toContain('✅ Added `zebra-talks`');
  });

  it('two moderators adding at the same moment both succeed, with distinct ids', async () => {
    const sent = Array.from({ length: 6 }, (_, n) => h.send('add-article', {
      file: file(`same-${n}.txt`, `Breaking: Istanbul round ends\n\nSpokesperson ${['Heorhii Tykhyi', 'Maria Zakharova', 'Dmitry Peskov', 'Andriy Yermak', 'Tammy Bruce', 'Oncu Keceli'][n]} said: “Round ${n} of the quince talks is over.”\n`),
      date: '2025-06-04',
    }, USERS.mod));
    const answers = await Promise.all(sent.map(async (fi) => h.answerOf(await fi.waitSettled(15_000))));
    const ids = answers.map((a) => addedIdOf(a.text));
    expect(new Set(ids).size).toBe(6);
    expect(ids).toContain('2025-06-04-breaking-istanbul-round-ends');
    expect(ids).toContain('2025-06-04-breaking-istanbul-round-ends-6');
    for (const id of ids) expect(existsSync(join(dir, `${id}.md`))).toBe(true);
    expect(h.fake.rejections).toEqual([]);
  });
});

describe('everyone else is refused', () => {
  it('a member without the permission is refused even if Discord showed them the command', async () => {
    const a = await h.command('add-article', { file: file('x.txt', 'Kyiv says yes\n\nSomeone said: “nothing here matters at all.”') }, USERS.alice);
    expect(a.ephemeral).toBe(true);
    expect(a.text).toMatch(/⛔ Only moderators/);
    expect(articleFiles().some((n) => n.startsWith('kyiv-says-yes'))).toBe(false);
    for (const cmd of ['remove-article', 'replace-article']) {
      const r = await h.command(cmd, { id: KREMLIN }, USERS.bob);
      expect(r.text, cmd).toMatch(/⛔/);
    }
    expect((await h.command('reindex', {}, USERS.bob)).text).toMatch(/⛔/);
    // A hand-made modal submit or button press is checked too.
    const m = await h.submitModal('add-article:new', { title: 'Sneaky', body: 'Peskov said the sneaky text was added anyway.' }, USERS.alice);
    expect(m.text).toMatch(/⛔/);
    expect(h.logs.some((l) => l.startsWith('moderation refused: /add-article by user ' + USERS.alice.id))).toBe(true);
  });

  it("another server's administrator is refused: no command, button or form of theirs changes the corpus", async () => {
    const stranger = user({ name: 'stranger-admin', permissions: PERMISSIONS.MEMBER | PERMISSIONS.ADMINISTRATOR | PERMISSIONS.MANAGE_MESSAGES, guildId: STRANGER_GUILD });
    const before = articleFiles().sort();
    const a = await h.command('add-article', { file: file('inject.txt', 'Injected claim\n\nPeskov said: “the injected quote must never be served.”') }, stranger);
    expect(a.ephemeral).toBe(true);
    expect(a.text).toMatch(/⛔ Moderation only works in the server that owns these articles/);
    expect((await h.command('reindex', {}, stranger)).text).toMatch(/⛔ Moderation only works/);
    expect((await h.command('remove-article', { id: KREMLIN }, stranger)).text).toMatch(/⛔/);
    expect((await h.submitModal('add-article:new', { title: 'Sneaky', body: 'Peskov said: “the sneaky form was sent anyway.”' }, stranger)).text).toMatch(/⛔/);
    // A confirmation button copied from the home server and pressed in the other one.
    const ask = await h.command('remove-article', { id: KREMLIN }, USERS.mod);
    expect((await h.click(ask, 'Remove', stranger)).text).toMatch(/⛔/);
    expect(articleFiles().sort()).toEqual(before);
    expect((await h.command('who-said', { topic: 'injected' })).text).not.toContain('injected quote');
    expect(h.logs.some((l) => l.startsWith(`moderation refused: /add-article by user ${stranger.id}`) && l.includes(`guild ${STRANGER_GUILD}`))).toBe(true);
  });

  it('moderation is refused in direct messages', async () => {
    const a = await h.command('add-article', { url: `${webBase}/umerov.html` }, { ...USERS.mod, dm: true });
    expect(a.text).toMatch(/direct messages/);
  });

  it('a confirmation button pressed by a non-moderator removes nothing', async () => {
    const ask = await h.command('remove-article', { id: KREMLIN }, USERS.mod);
    const press = await h.click(ask, 'Remove', USERS.alice);
    expect(press.text).toMatch(/⛔/);
    expect(existsSync(join(dir, `${KREMLIN}.txt`))).toBe(true);
  });
});

describe('bad input gets a clear, private answer and changes nothing', () => {
  const cases: Array<[string, Record<string, unknown>, RegExp]> = [
    ['too large', { file: file('big.txt', `Big\n\n${'Peskov said words. '.repeat(4000)}`) }, /limit is 64 KB/],
    ['binary', { file: file('photo.txt', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13])) }, /PNG image/],
    ['empty', { file: file('empty.txt', '   \n\n  ') }, /no text|empty/],
    ['not text', { file: file('report.pdf', 'Title\n\nSome text said.', 'application/pdf') }, /not an article/],
    ['not http', { url: 'ftp://example.com/article.txt' }, /Only http/],
    ['timeout', { url: '' }, /did not answer within 0\.5 s/],
    ['missing page', { url: '' }, /HTTP 404/],
    ['no paragraphs', { file: file('title-only.txt', 'Just a headline about the talks\n') }, /no paragraphs/],
    ['duplicate', { file: file('copy.txt', '') }, new RegExp(`already in the corpus as \`${KREMLIN}\``)],
    ['file and url', { file: file('a.txt', 'A\n\nB said c d e.'), url: 'https://example.com/' }, /either a file or a url/],
    ['bad date', { file: file('d.txt', 'Dated\n\nPeskov said the date would be set later by the negotiators.'), date: 'next week' }, /not a date/],
  ];
  for (const [name, options, reason] of cases) {
    it(name, async () => {
      if (name === 'timeout') options.url = `${webBase}/slow`;
      if (name === 'missing page') options.url = `${webBase}/nope.html`;
      if (name === 'duplicate') options.file = file('copy.txt', readFileSync(join(dir, `${KREMLIN}.txt`)));
      const files = articleFiles();
      const a = await h.command('add-article', options as Record<string, never>, USERS.mod);
      expect(a.ephemeral).toBe(true);
      expect(a.text).toMatch(reason);
      expect(articleFiles()).toEqual(files);
    });
  }
});

describe('remove, replace, reindex', () => {
  it('remove asks first, then the quote is gone from answers and the file is in .trash/', async () => {
    const choices = await h.autocomplete('remove-article', { id: 'kremlin' }, 'id', USERS.mod);
    expect(choices.choices?.map((c) => c.value)).toContain(KREMLIN);
    const before = await h.command('who-said', { topic: 'peaceful resolution' });
    expect(before.text).toMatch(/Peskov/);
    const ask = await h.command('remove-article', { id: KREMLIN }, USERS.mod);
    expect(ask.text).toMatch(/Remove \*\*Kremlin Confirms/);
    const cancel = await h.click(ask, 'Cancel', USERS.mod);
    expect(cancel.text).toMatch(/Cancelled/);
    expect(existsSync(join(dir, `${KREMLIN}.txt`))).toBe(true);
    const ask2 = await h.command('remove-article', { id: KREMLIN }, USERS.mod);
    const done = await h.click(ask2, 'Remove', USERS.mod);
    expect(done.text).toMatch(/Removed `003_dc2851360bf64447`/);
    expect(existsSync(join(dir, `${KREMLIN}.txt`))).toBe(false);
    expect(readdirSync(join(dir, '.trash')).some((n) => n.startsWith(`${KREMLIN}.`))).toBe(true);
    const after = await h.command('who-said', { topic: 'peaceful resolution' });
    expect(plain(after.text)).not.toMatch(/remain dedicated to pursuing a serious long-term peaceful resolution/);
    expect(modLog().some((l) => l.includes('removed') && l.includes(KREMLIN))).toBe(true);
  });

  it('replace swaps the text under the same id; the old version goes to .trash/', async () => {
    const id = '2025-06-01-sybiha-sets-terms-for-the-memorandum';
    const a = await h.command('replace-article', {
      id, file: file('fixed.txt', 'Sybiha sets terms for the memorandum\n\nForeign Minister Andrii Sybiha said: “The apricot corridor must reopen before any memorandum is signed.”\n'),
      date: '2025-06-01',
    }, USERS.mod);
    expect(a.text).toContain(`Replaced (old version in \`.trash/\`) \`${id}\``);
    expect((await h.command('who-said', { topic: 'apricot corridor' })).text).toMatch(/Andrii Sybiha/);
    expect(plain((await h.command('who-said', { topic: 'grain corridor' })).text)).not.toMatch(/grain corridor must reopen/);
    expect(readdirSync(join(dir, '.trash')).some((n) => n.startsWith(`${id}.`))).toBe(true);
  });

  it('replace by modal is prefilled with the current title', async () => {
    const opened = await h.command('replace-article', { id: 'zebra-talks' }, USERS.mod);
    const inputs = (opened.modal?.components as Array<{ components: Array<{ custom_id: string; value?: string }> }>).map((r) => r.components[0]!);
    expect(inputs.find((c) => c.custom_id === 'title')?.value).toBe('Zebra talks');
    const done = await h.submitModal(opened, { title: 'Zebra talks', body: 'Kremlin aide Yuri Ushakov said: “The okapi crossing of positions is possible.”' }, USERS.mod);
    expect(done.text).toContain('Replaced');
    expect((await h.command('who-said', { topic: 'okapi' })).text).toMatch(/Ushakov/);
  });

  it('/reindex picks up hand edits and reports a badly edited file, the rest keeps working', async () => {
    writeFileSync(join(dir, 'hand-added.txt'), 'Hand added\n\nNATO Secretary General Mark Rutte said: “The pomegranate plan needs guarantees.”\n');
    writeFileSync(join(dir, 'broken.md'), '---\ntitle: "Broken\n---\nPeskov said nothing.\n');
    const a = await h.command('reindex', {}, USERS.mod);
    expect(a.ephemeral).toBe(true);
    expect(a.text).toMatch(/Reindexed: \*\*\d+ articles\*\*/);
    expect(a.text).toMatch(/1 added/);
    expect(a.text).toMatch(/1 file could not be read/);
    expect(a.text).toMatch(/broken\.md/);
    expect((await h.command('who-said', { topic: 'pomegranate' })).text).toMatch(/Mark Rutte/);
    expect((await h.command('who-said', { topic: 'apricot corridor' })).text).toMatch(/Andrii Sybiha/);
    expect(h.logs.some((l) => l.includes('reindex: skipped broken.md'))).toBe(true);
    expect(h.fake.rejections).toEqual([]);
  });
});

describe('with default settings (ALLOW_PRIVATE_URLS off)', () => {
  it('a link to a loopback address is refused; attachments (Discord’s own urls) still work', async () => {
    const dir2 = await copyCorpus();
    const h2 = await startHarness({ corpusDir: dir2 });
    try {
      const a = await h2.command('add-article', { url: `${webBase}/umerov.html` }, USERS.mod);
      expect(a.ephemeral).toBe(true);
      expect(a.text).toMatch(/Refused: .*127\.0\.0\.1, a loopback address/);
      expect(readdirSync(dir2).filter((n) => n.endsWith('.md'))).toEqual([]);
      const b = await h2.command('add-article', { file: file('sybiha.txt', SYBIHA_TXT) }, USERS.mod);
      expect(b.text).toContain('✅ Added `sybiha-sets-terms-for-the-memorandum`');
    } finally {
      await h2.stop();
      await removeDir(dir2);
    }
  });
});
