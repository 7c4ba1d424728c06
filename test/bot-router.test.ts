// The bot's Discord behaviour, end to end against the fake Discord, over a stub engine (canned quotes) so each case
// is exact: paging and who may page, stale buttons, unknown commands, failing handlers, limits, load, cooldowns.
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import type { CommandModule } from '../src/bot/command.js';
import { MESSAGES } from '../src/bot/router.js';
import { LIMITS, limitViolations } from '../src/bot/limits.js';
import { USERS, user, startHarness, type Answer, type Harness, refusedRequests } from './fake-discord/harness.js';
import { snowflake as snowflakeAt } from './fake-discord/server.js';
import { stubEngine, type StubQuote } from './fake-discord/stub-engine.js';
import { EngineError } from '../src/engine.js';
import { ModerationError } from '../src/moderation/errors.js';
import { commandOptions, interactionContext } from './fake-discord/harness.js';
import { INTERACTION } from './fake-discord/server.js';

const boom: CommandModule = {
  data: { name: 'boom', description: 'always fails' },
  // An error message that carries the token, as a careless library might.
  async execute(_i, ctx) { throw new Error(`kaboom ${ctx.config.token}`); },
};
const boomLate: CommandModule = {
  data: { name: 'boom-late', description: 'fails after a public deferral' },
  defer: true,
  async execute() { throw new Error('late kaboom'); },
};
const picky: CommandModule = {
  data: { name: 'picky', description: 'refuses the question' },
  defer: true,
  async execute() { throw new EngineError('Give me a topic: an empty one matches nothing.', 'empty-query'); },
};
// A UserError of any kind is shown; an error merely named like one is a bug (generic apology).
const refusesFile: CommandModule = {
  data: { name: 'refuses-file', description: 'a moderation refusal escapes the handler' },
  async execute() { throw new ModerationError('binary', 'That file is not text.'); },
};
const lookalike: CommandModule = {
  data: { name: 'lookalike', description: 'throws an error named EngineError that is not one' },
  async execute() {
    const err = Object.assign(new Error('internal path /srv/secret leaked'), { code: 'empty-query' });
    Object.defineProperty(err, 'constructor', { value: { name: 'EngineError' } });
    throw err;
  },
};
// A confirmation whose button is refused: after acknowledging the press as an update (late), or before (early).
const confirm: CommandModule = {
  data: { name: 'confirm', description: 'asks, then refuses on the button' },
  async execute() {
    return {
      content: 'Sure?',
      components: [{ type: 1, components: [
        { type: 2, style: 4, label: 'Yes', custom_id: 'confirm:late' },
        { type: 2, style: 2, label: 'Early', custom_id: 'confirm:early' },
      ] }],
    };
  },
  async button(i, ctx, [when]) {
    if (when === 'late') await ctx.deferUpdate(i);
    throw new ModerationError('disk-full', 'The disk is full.');
  },
};
const quick: CommandModule = {
  data: { name: 'quick', description: 'answers at once, without deferring' },
  async execute() { return { content: 'quick answer' }; },
};
// A modal round trip and a file upload, the way moderation commands use them.
const form: CommandModule = {
  data: { name: 'form', description: 'opens a form' },
  async execute(i) {
    await i.showModal({
      custom_id: 'form:new', title: 'Paste an article',
      components: [
        { type: 1, components: [{ type: 4, custom_id: 'title', label: 'Title', style: 1, required: true }] },
        { type: 1, components: [{ type: 4, custom_id: 'body', label: 'Text', style: 2, required: true }] },
      ],
    });
  },
  async modal(i, _ctx, args) {
    const body = i.fields.getTextInputValue('body');
    return {
      content: `got ${args.join(',')}: ${i.fields.getTextInputValue('title')} (${body.length} chars)`,
      files: [{ attachment: Buffer.from(body), name: 'article.txt' }],
      ephemeral: true,
    };
  },
};
const greedy: CommandModule = {
  data: { name: 'greedy', description: 'too many choices', options: [{ name: 'q', description: 'q', type: 3, autocomplete: true }] },
  async execute() { return { content: 'ok' }; },
  async autocomplete() {
    return Array.from({ length: 60 }, (_, i) => ({ name: `${i} ${'very long speaker name '.repeat(10)}`, value: `v${i}` }));
  },
};

// 40 speakers, each with a few long quotes mentioning the topic, plus hostile text.
const quotes: StubQuote[] = [];
for (let s = 0; s < 40; s++) {
  for (let q = 0; q < 3; q++) {
    quotes.push({
      speaker: `Speaker Number ${s} ${'Longname'.repeat(s % 5)}`,
      text: `The ceasefire ${'must hold and the talks must go on, '.repeat(40)}said in part ${q}.`,
      title: `Article ${s}-${q} ${'with a very long headline '.repeat(8)}`,
      source: 'Wire',
      url: `https://example.com/${s}/${q}_(x)`,
      paragraph: q + 1,
      kind: q === 2 ? 'partial' : 'direct',
    });
  }
}
quotes.push({ speaker: 'Troll', text: 'truce **bold** __under__ @everyone <@123> <@&456> [click](https://evil.example) ||hidden||', paragraph: 7, title: 'Hostile', url: 'https://example.com/h' });
quotes.push({ speaker: 'Solo', text: 'armistice is possible', paragraph: 2, title: 'Solo article' });

let h: Harness;

function assertWithinLimits(a: Answer): void {
  for (const m of a.messages) {
    expect(limitViolations({ content: m.content, embeds: m.embeds as never, components: m.components as never })).toEqual([]);
  }
}

beforeAll(async () => {
  h = await startHarness({ engine: stubEngine(quotes), extraCommands: [boom, boomLate, greedy, picky, form, refusesFile, lookalike, quick, confirm], pageTtlMs: 60_000 });
});
afterAll(async () => { await h?.stop(); });
afterEach(() => {
  // Nothing the bot sent was refused by (fake) Discord.
  expect(refusedRequests(h.fake)).toEqual([]);
});

describe('paging', () => {
  test('a huge result is split into pages that each stay within every limit', async () => {
    const a = await h.command('who-said', { topic: 'ceasefire', limit: 50 });
    assertWithinLimits(a);
    expect(a.embeds.length).toBeGreaterThan(0);
    expect(a.embeds.length).toBeLessThanOrEqual(LIMITS.embeds);
    // Besides the pager, only the "Show paragraphs" picker.
    expect(a.buttons.filter((b) => !b.custom_id?.startsWith('para:')).map((b) => b.label)).toEqual(['◀ Previous', expect.stringMatching(/^1 \/ \d+$/), 'Next ▶']);
    expect(a.buttons.find((b) => b.label === '◀ Previous')!.disabled).toBe(true);
    const footer = (a.embeds.at(-1)!.footer as { text: string }).text;
    expect(footer).toMatch(/^120 quotes from 40 speakers matched; best 50 shown \(raise limit: for more\) · page 1\/\d+$/);
    // Long quotes are cut at a word with an ellipsis inside the quote marks.
    expect(a.embeds[0]!.description).toMatch(/ …”|\S…”/);

    const next = await h.click(a, 'Next ▶');
    assertWithinLimits(next);
    expect(next.message!.id).toBe(a.message!.id); // the same message turns its page
    expect(next.buttons.find((b) => b.custom_id?.endsWith(':at'))!.label).toMatch(/^2 \//);
    expect(next.text).not.toBe(a.text);
    const back = await h.click(next, '◀ Previous');
    expect(back.text).toBe(a.text);
  });

  test('only the asker can turn the pages; others are told so privately', async () => {
    const a = await h.command('who-said', { topic: 'ceasefire' }, USERS.alice);
    const before = a.text;
    const bob = await h.click(a, 'Next ▶', USERS.bob);
    expect(bob.ephemeral).toBe(true);
    expect(bob.content).toBe(MESSAGES.notYourPages('who-said'));
    expect(h.answerOf(a.interaction).text).toBe(before);
  });

  test('buttons expire politely: they are removed and the asker is told to ask again', async () => {
    const a = await h.command('who-said', { topic: 'ceasefire' });
    h.advance(61_000);
    const late = await h.click(a, 'Next ▶');
    expect(late.message!.components).toEqual([]);
    const notice = await h.followUp(late);
    expect(notice.content).toBe(MESSAGES.expiredPages('who-said'));
    expect(notice.flags & 64).toBe(64);
  });

  test('a button from before a restart (unknown page set) and a foreign custom_id get polite answers', async () => {
    const a = await h.command('who-said', { topic: 'ceasefire' });
    const msg = { ...a.message!, components: [{ type: 1, components: [{ type: 2, style: 2, label: 'Old', custom_id: `pg:who-said:gone:${USERS.alice.id}:1` }, { type: 2, style: 2, label: 'Weird', custom_id: 'nonsense:1' }] }] };
    const old = await h.click(msg, 'Old');
    expect((await h.followUp(old)).content).toBe(MESSAGES.expiredPages('who-said'));
    const weird = await h.click(msg, 'Weird');
    expect(weird.content).toBe(MESSAGES.staleButton);
    expect(weird.ephemeral).toBe(true);
  });

  test('a private question gets a private answer, paging included', async () => {
    const a = await h.command('who-said', { topic: 'ceasefire', private: true });
    expect(a.ephemeral).toBe(true);
    const next = await h.click(a, 'Next ▶');
    expect(next.ephemeral).toBe(true);
  });
});

describe('hostile article text', () => {
  test('pings no one and formats nothing', async () => {
    const a = await h.command('who-said', { topic: 'truce' });
    const d = String(a.embeds[0]!.description);
    expect(a.message!.allowed_mentions).toEqual({ parse: [] });
    expect(d).toContain('\\@everyone');
    expect(d).toContain('\\<\\@123\\>');
    expect(d).toContain('\\*\\*bold\\*\\*');
    expect(d).toContain('\\[click\\](https://evil.example)');
    expect(d).toContain('\\|\\|hidden\\|\\|');
    expect(d).not.toMatch(/(^|[^\\])<@/);
  });
});

describe('failures', () => {
  test('a handler that throws still answers, privately, and the log has the details but not the token', async () => {
    const a = await h.command('boom');
    expect(a.content).toBe(MESSAGES.apology);
    expect(a.ephemeral).toBe(true);
    const line = h.logs.find((l) => l.includes('kaboom'));
    expect(line).toContain(`error in /boom by user ${USERS.alice.id}`);
    expect(line).toContain('kaboom [token]');
    expect(h.logs.join('\n')).not.toContain(h.config.token);
  });

  test('a failure after a public deferral replaces the "thinking…" message with a private apology', async () => {
    const a = await h.command('boom-late');
    expect(a.interaction.original!.deleted).toBe(true);
    expect(a.message!.content).toBe(MESSAGES.apology);
    expect(a.ephemeral).toBe(true);
  });

  test("a question the engine refuses gets the engine's explanation, privately", async () => {
    const a = await h.command('picky');
    expect(a.content).toBe('Give me a topic: an empty one matches nothing.');
    expect(a.ephemeral).toBe(true);
  });

  test("any user-facing refusal (a moderator's bad file too) is shown as is; a look-alike error gets the apology", async () => {
    const a = await h.command('refuses-file');
    expect(a.content).toBe('⚠️ That file is not text.');
    expect(a.ephemeral).toBe(true);
    const b = await h.command('lookalike');
    expect(b.content).toBe(MESSAGES.apology);
    expect(b.text).not.toContain('/srv/secret');
  });

  test('a refusal thrown by a button handler is answered by the router: on the pressed message once acknowledged, privately before', async () => {
    const ask = await h.command('confirm');
    await h.click(ask, 'Yes');
    const card = h.fake.messages.get(ask.message!.id);
    // The message stays (buttons included), with the reason on top; nothing else was posted.
    expect(card?.content).toBe('⚠️ The disk is full.');
    expect(JSON.stringify(card?.components)).toContain('confirm:late');
    const early = await h.click(ask, 'Early');
    expect(early.ephemeral).toBe(true);
    expect(early.content).toBe('⚠️ The disk is full.');
    expect(h.fake.messages.get(ask.message!.id)).toBeDefined();
    expect(h.logs.some((l) => /component confirm:late by user \d+ in guild \d+ refused \(disk-full\): The disk is full\./.test(l))).toBe(true);
  });

  test('an answer in flight when the automatic deferral is due stays the only first response (late arrival, slow REST)', async () => {
    h.fake.latencyMs = 400;
    try {
      for (let n = 0; n < 3; n++) {
        // Already 1.9 s old on arrival: the auto-defer timer fires while the reply is still on its way.
        const fi = h.fake.dispatchInteraction({
          type: INTERACTION.command, data: commandOptions(h.fake, h.guildId, 'quick', {}), ...interactionContext(h.fake, USERS.alice),
        }, { ageMs: 1900 });
        const a = h.answerOf(await fi.waitSettled(10_000, 600));
        expect(a.content).toBe('quick answer');
        expect(a.interaction.initial!.type).toBe(4);
      }
    } finally {
      h.fake.latencyMs = 0;
    }
  });

  test('an unknown command (e.g. removed but still registered) gets a polite answer', async () => {
    const a = await h.command('no-such-command');
    expect(a.content).toBe(MESSAGES.unknownCommand('no-such-command'));
    expect(a.ephemeral).toBe(true);
  });

  test('questions from a DM are answered too', async () => {
    const a = await h.command('who-said', { topic: 'armistice' }, USERS.dm);
    expect(a.text).toContain('Solo');
  });

  test('no match says so and suggests something', async () => {
    const a = await h.command('who-said', { topic: 'zzzz' });
    expect(a.text).toContain('I found no quotes matching **zzzz**');
    expect(a.text).toContain('You could try: ceasefire');
  });

  test('when Discord refuses the answer itself, the user still gets an apology', async () => {
    h.fake.failNext(/^PATCH \/webhooks\/.*@original$/, { status: 400, body: { code: 50035, message: 'Invalid Form Body', errors: {} } });
    const a = await h.command('who-said', { topic: 'armistice' });
    expect(a.content).toBe(MESSAGES.apology);
    expect(a.ephemeral).toBe(true);
    expect(h.logs.some((l) => /error in \/who-said .*Invalid Form Body/.test(l))).toBe(true);
  });

  test('a slow Discord (REST latency) still gets every answer in time', async () => {
    h.fake.latencyMs = 300;
    try {
      const a = await h.command('who-said', { topic: 'armistice' });
      expect(a.text).toContain('Solo');
    } finally {
      h.fake.latencyMs = 0;
    }
  });
});

describe('moderation with no owning server', () => {
  test('is off: every moderation command says how to turn it on, and the start-up log says it is off', async () => {
    const off = await startHarness({ engine: stubEngine(quotes), env: { DISCORD_GUILD_ID: '' } });
    try {
      expect(off.fake.commands.get('global')!.map((c) => c.name)).not.toContain('add-article');
      for (const name of ['add-article', 'remove-article', 'reindex']) {
        const a = await off.command(name, name === 'remove-article' ? { id: 'x' } : {}, USERS.admin);
        expect(a.ephemeral).toBe(true);
        expect(a.text, name).toMatch(/^⛔ Moderation is off: .*set MOD_GUILD_IDS \(or DISCORD_GUILD_ID\)/);
      }
      expect(off.logs).toContain('moderation is off (set MOD_GUILD_IDS or DISCORD_GUILD_ID to turn it on)');
      expect(refusedRequests(off.fake)).toEqual([]);
    } finally {
      await off.stop();
    }
  });
});

describe('modals and files', () => {
  test('a command opens a modal; its submission reaches the module with its fields, and a file can be sent back', async () => {
    const opened = await h.command('form');
    expect(opened.modal).toMatchObject({ custom_id: 'form:new', title: 'Paste an article' });
    const done = await h.submitModal(opened, { title: 'Peace talks', body: 'Some text here.' });
    expect(done.content).toBe('got new: Peace talks (15 chars)');
    expect(done.ephemeral).toBe(true);
    expect(done.message!.files.map((f) => [f.name, f.data.toString()])).toEqual([['article.txt', 'Some text here.']]);
  });
});

describe('autocomplete', () => {
  test('a module returning too many, too long choices is clamped to Discord limits', async () => {
    const a = await h.autocomplete('greedy', { q: '' }, 'q');
    expect(a.choices).toHaveLength(LIMITS.choices);
    for (const c of a.choices!) expect(c.name.length).toBeLessThanOrEqual(LIMITS.choiceName);
  });
});

describe('load', () => {
  test('100 interactions sent at once are all answered', async () => {
    const sent = Array.from({ length: 100 }, (_, i) =>
      h.send(i % 2 ? 'who-said' : 'help', i % 2 ? { topic: i % 4 === 1 ? 'ceasefire' : 'armistice' } : {}, user()));
    const answers = await Promise.all(sent.map((fi) => fi.waitSettled(30_000).then(() => h.answerOf(fi))));
    expect(answers.filter((a) => a.text.length > 0)).toHaveLength(100);
    for (const a of answers) assertWithinLimits(a);
    expect(answers.filter((a) => a.text.includes('Solo'))).toHaveLength(25);
  });
});

describe('cooldowns and slow handlers', () => {
  let h2: Harness;
  const slow: CommandModule = {
    data: { name: 'slow', description: 'takes longer than Discord waits' },
    async execute() {
      await new Promise((r) => setTimeout(r, 1500));
      return { content: 'finally' };
    },
  };
  beforeAll(async () => {
    h2 = await startHarness({
      engine: stubEngine(quotes), env: { COOLDOWN_SECONDS: '30' }, extraCommands: [slow],
      autoDeferMs: 100, fake: { deadlineMs: 1000 },
    });
  });
  afterAll(async () => { await h2?.stop(); });
  afterEach(() => { expect(h2.fake.rejections).toEqual([]); });

  test('heavy commands have a per-user cooldown; others and other users are not held back', async () => {
    const carol = user();
    expect((await h2.command('who-said', { topic: 'armistice' }, carol)).text).toContain('Solo');
    const again = await h2.command('who-said', { topic: 'armistice' }, carol);
    expect(again.ephemeral).toBe(true);
    expect(again.content).toMatch(/^You're asking a bit fast: please wait (30|29) more seconds\.$/);
    expect((await h2.command('help', {}, carol)).text).toContain('/who-said');
    expect((await h2.command('who-said', { topic: 'armistice' }, user())).text).toContain('Solo');
    h2.advance(31_000);
    expect((await h2.command('who-said', { topic: 'armistice' }, carol)).text).toContain('Solo');
  });

  test('a handler slower than the deadline is deferred in time and its answer still arrives', async () => {
    const a = await h2.command('slow');
    expect(a.interaction.initial!.type).toBe(5);
    expect(a.content).toBe('finally');
  });
});

describe('sharding (one process, two shards)', () => {
  test('each shard identifies with [i, n], gets its guilds, and answers interactions from its guilds', async () => {
    const now = Date.now();
    // Consecutive millisecond timestamps: (id >> 22) % 2 puts the two guilds on different shards.
    const guilds = [{ id: snowflakeAt(now), name: 'even' }, { id: snowflakeAt(now + 1), name: 'odd' }];
    const hs = await startHarness({ engine: stubEngine(quotes), env: { SHARD_COUNT: '2' }, fake: { shards: 2, guilds } });
    try {
      expect(hs.fake.identifies.map((i) => i.shard).sort()).toEqual([[0, 2], [1, 2]]);
      expect(new Set(guilds.map((g) => hs.fake.shardFor(g.id))).size).toBe(2);
      for (const g of guilds) {
        const a = await hs.command('who-said', { topic: 'armistice' }, user({ guildId: g.id }));
        expect(a.text).toContain('Solo');
      }
      expect(hs.bot.client.guilds.cache.size).toBe(2);
      expect(hs.fake.rejections).toEqual([]);
    } finally {
      await hs.stop();
    }
  });
});

describe('logging in', () => {
  test('a token Discord refuses gives one clear error and no running client', async () => {
    const { FakeDiscord } = await import('./fake-discord/server.js');
    const { startBot } = await import('../src/bot/start.js');
    const { loadConfig } = await import('../src/config.js');
    const fake = await new FakeDiscord().start();
    try {
      const wrong = `${fake.token.slice(0, -4)}abcd`;
      const config = loadConfig({ DISCORD_TOKEN: wrong, DISCORD_CLIENT_ID: fake.applicationId, DISCORD_API_URL: fake.apiUrl });
      const logs: string[] = [];
      await expect(startBot({ config, engine: stubEngine([]), log: (l) => logs.push(l) }))
        .rejects.toThrow('Could not log in to Discord: Discord refused the token: check DISCORD_TOKEN (Developer Portal → Bot → Reset Token).');
      expect(logs.join('\n')).not.toContain(wrong);
    } finally {
      await fake.stop();
    }
  });
});

describe('gateway life', () => {
  test('heartbeats are acknowledged, and after a dropped connection the bot resumes and keeps answering', async () => {
    const hs = await startHarness({ engine: stubEngine(quotes), fake: { heartbeatIntervalMs: 50 } });
    try {
      await waitUntil(() => hs.fake.heartbeats >= 3, 'three heartbeats');
      hs.fake.dropConnections();
      await waitUntil(() => hs.fake.resumes === 1 && hs.fake.connectedShards.length === 1, 'a resume');
      expect(hs.fake.identifies).toHaveLength(1); // resumed, not a new session
      const a = await hs.command('who-said', { topic: 'armistice' });
      expect(a.text).toContain('Solo');
      expect(hs.fake.rejections).toEqual([]);
    } finally {
      await hs.stop();
    }
  });
});

async function waitUntil(cond: () => boolean, what: string, timeoutMs = 10_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!cond()) {
    if (Date.now() > end) throw new Error(`no ${what} within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 20));
  }
}
