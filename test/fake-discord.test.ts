// The fake Discord itself: the e2e tests can only be trusted if it refuses what real Discord refuses.
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import WebSocket from 'ws';
import { FakeDiscord, INTERACTION, snowflake, type FakeInteraction } from './fake-discord/server.js';

let fake: FakeDiscord;
let sockets: WebSocket[] = [];

beforeEach(async () => {
  fake = await new FakeDiscord({ guilds: [{ id: snowflake(), name: 'one' }, { id: snowflake(Date.now() + 1), name: 'two' }] }).start();
});
afterEach(async () => {
  for (const s of sockets) s.terminate();
  sockets = [];
  await fake.stop();
});

// Raw JSON from the fake, read loosely: the assertions say what shape is expected.
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- loose on purpose, see above
type Json = Record<string, any>;

/** A minimal gateway client: HELLO → IDENTIFY → collect dispatches. */
async function connect(shard?: [number, number], token = fake.token): Promise<{ ws: WebSocket; events: Array<{ t: string; d: Json }>; closed: Promise<number> }> {
  const ws = new WebSocket(`${fake.gatewayUrl}?v=10&encoding=json`);
  sockets.push(ws);
  const events: Array<{ t: string; d: Json }> = [];
  const closed = new Promise<number>((r) => ws.on('close', (code) => r(code)));
  await new Promise<void>((resolve) => {
    ws.on('message', (raw) => {
      const p = JSON.parse(raw.toString());
      if (p.op === 10) ws.send(JSON.stringify({ op: 2, d: { token, intents: 1, properties: {}, ...(shard ? { shard } : {}) } }));
      if (p.op === 0) events.push({ t: p.t, d: p.d });
      if (p.op === 11) events.push({ t: 'ACK', d: {} });
      if (p.t === 'READY') resolve();
    });
    ws.on('close', () => resolve());
  });
  return { ws, events, closed };
}

async function post(path: string, body: unknown, method = 'POST'): Promise<{ status: number; body: Json }> {
  const res = await fetch(`${fake.apiUrl}/v10${path}`, {
    method, headers: { 'content-type': 'application/json', authorization: `Bot ${fake.token}` }, body: JSON.stringify(body),
  });
  return { status: res.status, body: res.status === 204 ? {} : await res.json() };
}

const callback = (fi: FakeInteraction, body: unknown) => post(`/interactions/${fi.id}/${fi.token}/callback?with_response=false`, body);
const command = () => fake.dispatchInteraction({ type: INTERACTION.command, data: { id: snowflake(), name: 'x', type: 1 }, guild_id: fake.guilds[0]!.id, channel_id: '1' });
const long = (n: number) => 'a'.repeat(n);

describe('gateway', () => {
  test('hello, identify, ready with the guilds, heartbeat acknowledged', async () => {
    const c = await connect();
    expect(c.events[0]!.t).toBe('READY');
    expect(c.events[0]!.d.user.id).toBe(fake.applicationId);
    expect(c.events.filter((e) => e.t === 'GUILD_CREATE').map((e) => e.d.name).sort()).toEqual(['one', 'two']);
    c.ws.send(JSON.stringify({ op: 1, d: 1 }));
    await new Promise((r) => setTimeout(r, 50));
    expect(c.events.some((e) => e.t === 'ACK')).toBe(true);
  });

  test('a wrong token is refused with close code 4004', async () => {
    const c = await connect(undefined, 'nope');
    expect(await c.closed).toBe(4004);
  });

  test('shards get the guilds (id >> 22) % n routes to them, and interactions go to the right shard', async () => {
    fake.shards = 2;
    const a = await connect([0, 2]);
    const b = await connect([1, 2]);
    const names = (c: typeof a) => c.events.filter((e) => e.t === 'GUILD_CREATE').map((e) => e.d.id);
    const all = [...names(a), ...names(b)].sort();
    expect(all).toEqual(fake.guilds.map((g) => g.id).sort());
    for (const g of fake.guilds) expect((fake.shardFor(g.id) === 0 ? names(a) : names(b))).toContain(g.id);
    const res = await fetch(`${fake.apiUrl}/v10/gateway/bot`, { headers: { authorization: `Bot ${fake.token}` } });
    expect((await res.json()).shards).toBe(2);
    expect(fake.identifies.map((i) => i.shard)).toEqual([[0, 2], [1, 2]]);
  });
});

describe('interaction responses are refused like Discord refuses them', () => {
  beforeEach(async () => { await connect(); });

  test('a valid reply is accepted and recorded', async () => {
    const fi = command();
    expect((await callback(fi, { type: 4, data: { content: 'hi', allowed_mentions: { parse: [] } } })).status).toBe(204);
    expect(fi.settled).toBe(true);
    expect(fi.original!.content).toBe('hi');
    expect(fi.original!.allowed_mentions).toEqual({ parse: [] });
  });

  test('with_response=true returns the created message, as discord.js expects for withResponse', async () => {
    const fi = command();
    const r = await post(`/interactions/${fi.id}/${fi.token}/callback?with_response=true`, { type: 4, data: { content: 'hi', flags: 64 } });
    expect(r.status).toBe(200);
    expect(r.body.interaction).toMatchObject({ id: fi.id, response_message_ephemeral: true });
    expect(r.body.resource.message).toMatchObject({ id: fi.original!.id, content: 'hi', flags: 64 });
  });

  test('content over 2000 characters', async () => {
    const r = await callback(command(), { type: 4, data: { content: long(2001) } });
    expect(r.status).toBe(400);
    expect(r.body.code).toBe(50035);
    expect(r.body.errors.data.content._errors[0].code).toBe('BASE_TYPE_MAX_LENGTH');
  });

  test.each([
    ['title', { embeds: [{ title: long(257) }] }],
    ['description', { embeds: [{ description: long(4097) }] }],
    ['26 fields', { embeds: [{ fields: Array.from({ length: 26 }, () => ({ name: 'n', value: 'v' })) }] }],
    ['field value', { embeds: [{ fields: [{ name: 'n', value: long(1025) }] }] }],
    ['empty field value', { embeds: [{ fields: [{ name: 'n', value: '' }] }] }],
    ['11 embeds', { embeds: Array.from({ length: 11 }, () => ({ description: 'x' })) }],
    ['6000 over all embeds', { embeds: Array.from({ length: 2 }, () => ({ description: long(3001) })) }],
    ['custom_id', { components: [{ type: 1, components: [{ type: 2, style: 1, label: 'x', custom_id: long(101) }] }] }],
    ['duplicate custom_id', { components: [{ type: 1, components: [{ type: 2, style: 1, label: 'x', custom_id: 'a' }, { type: 2, style: 1, label: 'y', custom_id: 'a' }] }] }],
  ])('%s', async (_what, data) => {
    const r = await callback(command(), { type: 4, data });
    expect(r.status).toBe(400);
    expect(r.body.code).toBe(50035);
  });

  test('an empty message', async () => {
    const r = await callback(command(), { type: 4, data: { content: '' } });
    expect(r.body.code).toBe(50006);
  });

  test('a second initial response', async () => {
    const fi = command();
    await callback(fi, { type: 5 });
    const r = await callback(fi, { type: 4, data: { content: 'again' } });
    expect(r.status).toBe(400);
    expect(r.body.code).toBe(40060);
  });

  test('an initial response after the 3 s deadline', async () => {
    fake.deadlineMs = 20;
    const fi = command();
    await new Promise((r) => setTimeout(r, 40));
    const r = await callback(fi, { type: 4, data: { content: 'late' } });
    expect(r.status).toBe(404);
    expect(r.body.code).toBe(10062);
  });

  test('a deferral is answered by editing @original (arrives as %40original)', async () => {
    const fi = command();
    await callback(fi, { type: 5, data: { flags: 64 } });
    expect(fi.settled).toBe(false);
    const r = await post(`/webhooks/${fake.applicationId}/${fi.token}/messages/%40original`, { content: 'done' }, 'PATCH');
    expect(r.status).toBe(200);
    expect(r.body.content).toBe('done');
    expect(fi.settled).toBe(true);
    expect(fi.original!.flags & 64).toBe(64);
    const bad = await post(`/webhooks/${fake.applicationId}/${fi.token}/messages/%40original`, { content: long(2001) }, 'PATCH');
    expect(bad.status).toBe(400);
  });

  test('autocomplete: more than 25 choices, or names over 100 characters', async () => {
    const ac = () => fake.dispatchInteraction({ type: INTERACTION.autocomplete, data: { id: snowflake(), name: 'x', type: 1, options: [] }, guild_id: fake.guilds[0]!.id, channel_id: '1' });
    const many = await callback(ac(), { type: 8, data: { choices: Array.from({ length: 26 }, (_, i) => ({ name: `n${i}`, value: `v${i}` })) } });
    expect(many.body.errors.data.choices._errors[0].code).toBe('BASE_TYPE_MAX_LENGTH');
    const longName = await callback(ac(), { type: 8, data: { choices: [{ name: long(101), value: 'v' }] } });
    expect(longName.status).toBe(400);
    expect((await callback(ac(), { type: 8, data: { choices: [{ name: 'ok', value: 'v' }] } })).status).toBe(204);
    // A message is not an answer to autocomplete.
    expect((await callback(ac(), { type: 4, data: { content: 'x' } })).status).toBe(400);
  });

  test('command registration is checked', async () => {
    const route = `/applications/${fake.applicationId}/commands`;
    expect((await post(route, [{ name: 'Bad Name', description: 'x' }], 'PUT')).status).toBe(400);
    expect((await post(route, [{ name: 'ok', description: long(101) }], 'PUT')).status).toBe(400);
    expect((await post(route, [{ name: 'ok', description: 'd', options: [{ name: 'a', description: 'a', type: 3 }, { name: 'b', description: 'b', type: 3, required: true }] }], 'PUT')).status).toBe(400);
    const ok = await post(route, [{ name: 'ok', description: 'd' }], 'PUT');
    expect(ok.status).toBe(200);
    expect(fake.commands.get('global')!.map((c) => c.name)).toEqual(['ok']);
  });

  test('REST without the bot token is unauthorized', async () => {
    const res = await fetch(`${fake.apiUrl}/v10/gateway/bot`);
    expect(res.status).toBe(401);
  });
});
