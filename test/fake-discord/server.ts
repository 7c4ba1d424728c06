// A small fake Discord on 127.0.0.1: enough REST + gateway for the real discord.js Client to log in, receive
// interactions and answer them. It records everything the bot sends and rejects what real Discord rejects.
// Use it through harness.ts unless you need the raw protocol.
import { randomBytes } from 'node:crypto';
import { EventEmitter } from 'node:events';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import { checkChoices, checkCommands, checkMessage, checkModal, formError, type FieldError } from './validate.js';

const DISCORD_EPOCH = 1420070400000n;
let increment = 0n;
/** A snowflake carrying the current time, as Discord's do (discord.js derives createdTimestamp from it). */
export function snowflake(at = Date.now()): string {
  increment = (increment + 1n) & 0xfffn;
  return (((BigInt(at) - DISCORD_EPOCH) << 22n) | (1n << 17n) | increment).toString();
}

export const FLAG_EPHEMERAL = 64;
export const CALLBACK = { pong: 1, message: 4, deferMessage: 5, deferUpdate: 6, updateMessage: 7, autocomplete: 8, modal: 9 } as const;
export const INTERACTION = { ping: 1, command: 2, component: 3, autocomplete: 4, modalSubmit: 5 } as const;

export interface FakeRole { id: string; name: string; permissions: string }
export interface FakeChannel { id: string; name: string; type?: number }
export interface FakeGuild { id: string; name: string; ownerId?: string; roles?: FakeRole[]; channels?: FakeChannel[] }

export interface FakeDiscordOptions {
  token?: string;
  applicationId?: string;
  botName?: string;
  guilds?: FakeGuild[];
  /** What /gateway/bot recommends; a shard i of n gets the guilds with (id >> 22) % n === i. */
  shards?: number;
  /** Discord's 3 s to acknowledge an interaction. */
  deadlineMs?: number;
  heartbeatIntervalMs?: number;
}

export interface RecordedRequest {
  method: string;
  /** Path after /api/vN, with %40original decoded. */
  path: string;
  query: URLSearchParams;
  body: unknown;
  status: number;
  response: unknown;
  at: number;
  /** Failed on purpose by failNext(). */
  simulated?: boolean;
}

export interface FakeMessage {
  id: string;
  channel_id: string;
  content: string;
  embeds: Array<Record<string, unknown>>;
  components: Array<Record<string, unknown>>;
  attachments: Array<Record<string, unknown>>;
  flags: number;
  allowed_mentions?: unknown;
  interaction_id?: string;
  webhook_id?: string;
  deleted?: boolean;
  /** A deferred response ("is thinking…") not yet edited into an answer. */
  loading: boolean;
  edits: number;
  /** Files sent with it (multipart), by name. */
  files: Array<{ name: string; data: Buffer }>;
}

export interface HttpFailure { status: number; body?: unknown }

type Listener = () => void;

export class FakeInteraction {
  readonly createdAt: number;
  initial?: { type: number; data: Record<string, unknown>; at: number };
  /** The response message (type 4 / 5), or the component's message after type 7 / an edit after type 6. */
  original?: FakeMessage;
  readonly followups: FakeMessage[] = [];
  /** Something visible was sent after a deferral (an edit of the message or a follow-up). */
  answeredAfterDefer = false;
  /** Requests for this interaction that the fake refused. */
  readonly rejections: RecordedRequest[] = [];
  private readonly listeners = new Set<Listener>();

  constructor(readonly id: string, readonly token: string, readonly payload: Record<string, unknown>, createdAt = Date.now()) {
    this.createdAt = createdAt;
  }

  get type(): number {
    return this.payload.type as number;
  }

  /** Something the user can see has arrived (or, for autocomplete/modals, the answer). */
  get settled(): boolean {
    const t = this.initial?.type;
    if (t === undefined) return false;
    if (t === CALLBACK.deferMessage || t === CALLBACK.deferUpdate) return this.answeredAfterDefer;
    return true;
  }

  notify(): void {
    for (const l of [...this.listeners]) l();
  }

  /** Resolves once settled; then waits `quietMs` more for follow-ups that come right after. */
  async waitSettled(timeoutMs = 10_000, quietMs = 0): Promise<this> {
    await this.waitFor(() => this.settled, timeoutMs, 'an answer');
    if (quietMs > 0) await new Promise((r) => setTimeout(r, quietMs));
    return this;
  }

  waitFor(pred: () => boolean, timeoutMs: number, what: string): Promise<void> {
    if (pred()) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const done = () => {
        if (!pred()) return;
        clearTimeout(timer);
        this.listeners.delete(done);
        resolve();
      };
      const timer = setTimeout(() => {
        this.listeners.delete(done);
        const why = this.rejections.map((r) => `${r.method} ${r.path} → ${r.status} ${JSON.stringify(r.response)}`).join('; ');
        reject(new Error(`interaction ${this.id} (type ${this.type}): no ${what} within ${timeoutMs} ms${why ? `; rejected: ${why}` : ''}`));
      }, timeoutMs);
      this.listeners.add(done);
    });
  }
}

interface Connection {
  ws: WebSocket;
  seq: number;
  shard: [number, number] | null;
  sessionId: string;
}

export class FakeDiscord extends EventEmitter {
  readonly token: string;
  readonly applicationId: string;
  readonly botUser: { id: string; username: string; discriminator: string; global_name: null; avatar: null; bot: true };
  readonly guilds: FakeGuild[];
  shards: number;
  deadlineMs: number;
  /** Delay every REST answer by this much (simulate a slow Discord). */
  latencyMs = 0;

  readonly requests: RecordedRequest[] = [];
  readonly interactions = new Map<string, FakeInteraction>();
  readonly messages = new Map<string, FakeMessage>();
  /** Registered commands by scope: 'global' or a guild id. */
  readonly commands = new Map<string, Array<Record<string, unknown>>>();
  /** Every IDENTIFY received (shard info, intents). */
  readonly identifies: Array<Record<string, unknown>> = [];
  /** Files served at /attachments/<id>/<name> (for attachment options). */
  readonly files = new Map<string, { name: string; contentType: string; data: Buffer }>();

  private readonly byToken = new Map<string, FakeInteraction>();
  private readonly failures: Array<{ match: RegExp; failure: HttpFailure }> = [];
  private readonly connections = new Set<Connection>();
  /** Sessions that can be resumed: session id → shard. */
  private readonly sessions = new Map<string, [number, number]>();
  /** Heartbeats received (op 1), all connections together. */
  heartbeats = 0;
  /** RESUMEs received (op 6). */
  resumes = 0;
  private server?: Server;
  private wss?: WebSocketServer;
  private heartbeatMs: number;
  port = 0;

  constructor(opts: FakeDiscordOptions = {}) {
    super();
    this.token = opts.token ?? `${Buffer.from(snowflake()).toString('base64url')}.${randomBytes(4).toString('base64url')}.${randomBytes(27).toString('base64url')}`;
    this.applicationId = opts.applicationId ?? snowflake();
    this.botUser = { id: this.applicationId, username: opts.botName ?? 'talks-bot', discriminator: '0', global_name: null, avatar: null, bot: true };
    this.guilds = opts.guilds ?? [{ id: snowflake(), name: 'Peace Talks Watchers' }];
    this.shards = opts.shards ?? 1;
    this.deadlineMs = opts.deadlineMs ?? 3000;
    this.heartbeatMs = opts.heartbeatIntervalMs ?? 41_250;
    for (const g of this.guilds) {
      g.roles ??= [];
      if (!g.roles.some((r) => r.id === g.id)) g.roles.unshift({ id: g.id, name: '@everyone', permissions: '104324673' });
      g.channels ??= [{ id: snowflake(), name: 'general', type: 0 }];
      g.ownerId ??= snowflake();
    }
  }

  get apiUrl(): string {
    return `http://127.0.0.1:${this.port}/api`;
  }

  get gatewayUrl(): string {
    return `ws://127.0.0.1:${this.port}/gateway`;
  }

  async start(): Promise<this> {
    this.server = createServer((req, res) => void this.onHttp(req, res));
    this.wss = new WebSocketServer({ noServer: true });
    this.server.on('upgrade', (req, socket, head) => {
      if (!req.url?.startsWith('/gateway')) return socket.destroy();
      this.wss!.handleUpgrade(req, socket, head, (ws) => this.onSocket(ws));
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.port = (this.server.address() as AddressInfo).port;
    return this;
  }

  async stop(): Promise<void> {
    for (const c of this.connections) c.ws.terminate();
    this.connections.clear();
    await new Promise<void>((resolve) => this.wss ? this.wss.close(() => resolve()) : resolve());
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => this.server ? this.server.close(() => resolve()) : resolve());
  }

  /** Requests the fake refused (status ≥ 400, failNext() excepted), for asserting that the bot never broke a rule. */
  get rejections(): RecordedRequest[] {
    return this.requests.filter((r) => r.status >= 400 && !r.simulated);
  }

  /** Make the next request whose "METHOD path" matches fail (e.g. /POST \/interactions/ with status 500). */
  failNext(match: RegExp, failure: HttpFailure): void {
    this.failures.push({ match, failure });
  }

  /** Serve a file like Discord's CDN; returns the attachment object to put in an interaction's resolved data. */
  addFile(name: string, data: Buffer | string, contentType = 'text/plain; charset=utf-8'): Record<string, unknown> {
    const id = snowflake();
    const buf = Buffer.isBuffer(data) ? data : Buffer.from(data);
    this.files.set(id, { name, contentType, data: buf });
    const url = `http://127.0.0.1:${this.port}/attachments/${id}/${encodeURIComponent(name)}`;
    return { id, filename: name, size: buf.length, url, proxy_url: url, content_type: contentType };
  }

  /** Drop every gateway connection as a network failure would (close code 4000, resumable). */
  dropConnections(code = 4000): void {
    for (const c of this.connections) c.ws.close(code, 'Unknown error');
  }

  /** Shards currently identified, as "i/n". */
  get connectedShards(): string[] {
    return [...this.connections].filter((c) => c.shard).map((c) => `${c.shard![0]}/${c.shard![1]}`);
  }

  shardFor(guildId: string | undefined): number {
    if (!guildId) return 0;
    return Number((BigInt(guildId) >> 22n) % BigInt(this.shards));
  }

  /**
   * Send INTERACTION_CREATE to the shard serving the interaction's guild; returns the record to await.
   * `ageMs`: the interaction reaches the bot this late (gateway lag): it was created that long ago, which its id
   * says (discord.js reads the time from it) and from when Discord's 3 s deadline counts.
   */
  dispatchInteraction(payload: Record<string, unknown>, opts: { ageMs?: number } = {}): FakeInteraction {
    const createdAt = Date.now() - (opts.ageMs ?? 0);
    const id = snowflake(createdAt);
    const token = `aW50ZXJhY3Rpb246${id}:${randomBytes(24).toString('base64url')}`;
    const full: Record<string, unknown> = {
      id,
      application_id: this.applicationId,
      token,
      version: 1,
      locale: 'en-US',
      entitlements: [],
      authorizing_integration_owners: {},
      attachment_size_limit: 10 * 1024 * 1024,
      ...payload,
    };
    const fi = new FakeInteraction(id, token, full, createdAt);
    this.interactions.set(id, fi);
    this.byToken.set(token, fi);
    const shard = this.shardFor(full.guild_id as string | undefined);
    this.dispatch(shard, 'INTERACTION_CREATE', full);
    return fi;
  }

  /** Send a dispatch event to shard `shard`. */
  dispatch(shard: number, t: string, d: unknown): void {
    const conn = [...this.connections].find((c) => c.shard && c.shard[0] === shard);
    if (!conn) throw new Error(`no bot connected on shard ${shard} (connected: ${this.connectedShards.join(', ') || 'none'})`);
    this.send(conn, { op: 0, t, s: ++conn.seq, d });
  }

  // ---------------------------------------------------------------- gateway

  private send(conn: Connection, packet: Record<string, unknown>): void {
    conn.ws.send(JSON.stringify({ s: null, t: null, ...packet }));
  }

  private onSocket(ws: WebSocket): void {
    const conn: Connection = { ws, seq: 0, shard: null, sessionId: randomBytes(16).toString('hex') };
    this.connections.add(conn);
    ws.on('close', () => this.connections.delete(conn));
    ws.on('error', () => this.connections.delete(conn));
    ws.on('message', (raw) => {
      let packet: { op: number; d: Record<string, unknown> };
      try {
        packet = JSON.parse(raw.toString());
      } catch {
        return ws.close(4002, 'Decode error');
      }
      this.onPacket(conn, packet);
    });
    this.send(conn, { op: 10, d: { heartbeat_interval: this.heartbeatMs } });
  }

  private onPacket(conn: Connection, packet: { op: number; d: Record<string, unknown> }): void {
    switch (packet.op) {
      case 1: // heartbeat
        this.heartbeats += 1;
        this.send(conn, { op: 11 });
        return;
      case 2: { // identify
        const d = packet.d;
        this.identifies.push(d);
        if (d.token !== this.token) return conn.ws.close(4004, 'Authentication failed.');
        const shard = (d.shard as [number, number] | undefined) ?? [0, 1];
        if (shard[0] < 0 || shard[0] >= shard[1]) return conn.ws.close(4010, 'Invalid shard.');
        if (this.guilds.length > 2500 * shard[1]) return conn.ws.close(4011, 'Sharding required.');
        conn.shard = shard;
        this.sessions.set(conn.sessionId, shard);
        const mine = this.guilds.filter((g) => Number((BigInt(g.id) >> 22n) % BigInt(shard[1])) === shard[0]);
        this.send(conn, {
          op: 0, t: 'READY', s: ++conn.seq, d: {
            v: 10,
            user: this.botUser,
            guilds: mine.map((g) => ({ id: g.id, unavailable: true })),
            session_id: conn.sessionId,
            resume_gateway_url: this.gatewayUrl,
            shard,
            application: { id: this.applicationId, flags: 0 },
          },
        });
        for (const g of mine) this.send(conn, { op: 0, t: 'GUILD_CREATE', s: ++conn.seq, d: this.guildPayload(g) });
        this.emit('identify', d);
        return;
      }
      case 6: { // resume: same session, same shard; nothing was missed in between
        const d = packet.d as { token?: string; session_id?: string; seq?: number };
        const shard = this.sessions.get(String(d.session_id));
        if (d.token !== this.token) return conn.ws.close(4004, 'Authentication failed.');
        // Unknown session: op 9 (invalid session, not resumable) makes the client identify afresh.
        if (!shard) return this.send(conn, { op: 9, d: false });
        this.resumes += 1;
        conn.shard = shard;
        conn.sessionId = String(d.session_id);
        conn.seq = d.seq ?? 0;
        this.send(conn, { op: 0, t: 'RESUMED', s: ++conn.seq, d: {} });
        return;
      }
      default: // presence updates, member requests: nothing to do
        return;
    }
  }

  private guildPayload(g: FakeGuild): Record<string, unknown> {
    return {
      id: g.id, name: g.name, icon: null, splash: null, discovery_splash: null, owner_id: g.ownerId,
      afk_channel_id: null, afk_timeout: 300, verification_level: 0, default_message_notifications: 0,
      explicit_content_filter: 0, mfa_level: 0, system_channel_id: null, system_channel_flags: 0, rules_channel_id: null,
      vanity_url_code: null, description: null, banner: null, premium_tier: 0, preferred_locale: 'en-US',
      public_updates_channel_id: null, nsfw_level: 0, premium_progress_bar_enabled: false, features: [], emojis: [], stickers: [],
      roles: g.roles!.map((r, i) => ({ id: r.id, name: r.name, permissions: r.permissions, position: i, color: 0, hoist: false, managed: false, mentionable: false, flags: 0 })),
      channels: g.channels!.map((c, i) => ({ id: c.id, name: c.name, type: c.type ?? 0, position: i, guild_id: g.id, permission_overwrites: [] })),
      joined_at: new Date().toISOString(), large: false, unavailable: false, member_count: 2,
      members: [], voice_states: [], presences: [], threads: [], stage_instances: [], guild_scheduled_events: [], soundboard_sounds: [],
    };
  }

  // ---------------------------------------------------------------- REST

  private async onHttp(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const raw = Buffer.concat(chunks);

    if (url.pathname.startsWith('/attachments/')) {
      const f = this.files.get(url.pathname.split('/')[2] ?? '');
      if (!f) return void res.writeHead(404).end();
      res.writeHead(200, { 'content-type': f.contentType, 'content-length': f.data.length });
      return void res.end(f.data);
    }

    const path = decodeURIComponent(url.pathname.replace(/^\/api(\/v\d+)?/, ''));
    const method = req.method ?? 'GET';
    let body: unknown = undefined;
    const files: Array<{ name: string; data: Buffer }> = [];
    const ct = req.headers['content-type'] ?? '';
    try {
      if (ct.startsWith('multipart/form-data')) {
        const form = await new Response(raw, { headers: { 'content-type': ct } }).formData();
        for (const [key, value] of form.entries()) {
          if (key === 'payload_json') body = JSON.parse(String(value));
          else if (typeof value !== 'string') files.push({ name: value.name, data: Buffer.from(await value.arrayBuffer()) });
        }
      } else if (raw.length) {
        body = JSON.parse(raw.toString('utf8'));
      }
    } catch {
      return this.reply(res, { method, path, query: url.searchParams, body: raw.toString('utf8').slice(0, 200), status: 0, response: null, at: Date.now() },
        400, { code: 50109, message: 'The request body contains invalid JSON.' });
    }
    const rec: RecordedRequest = { method, path, query: url.searchParams, body, status: 0, response: null, at: Date.now() };
    if (this.latencyMs > 0) await new Promise((r) => setTimeout(r, this.latencyMs));

    const failure = this.failures.findIndex((f) => f.match.test(`${method} ${path}`));
    if (failure >= 0) {
      const f = this.failures.splice(failure, 1)[0]!.failure;
      rec.simulated = true;
      return this.reply(res, rec, f.status, f.body ?? { code: 0, message: `${f.status}: simulated failure` });
    }
    if (path !== '/gateway/bot' && path !== '/gateway' && !path.startsWith('/interactions/') && !path.startsWith('/webhooks/')) {
      if (req.headers.authorization !== `Bot ${this.token}`) return this.reply(res, rec, 401, { code: 0, message: '401: Unauthorized' });
    }
    const [status, response] = this.route(method, path, url.searchParams, body, files, req);
    this.reply(res, rec, status, response);
  }

  private reply(res: ServerResponse, rec: RecordedRequest, status: number, response: unknown): void {
    rec.status = status;
    rec.response = response;
    this.requests.push(rec);
    if (status >= 400) {
      const fi = this.interactionOf(rec.path);
      fi?.rejections.push(rec);
      this.emit('rejected', rec);
      fi?.notify();
    }
    this.emit('request', rec);
    if (status === 204) {
      res.writeHead(204).end();
      return;
    }
    const text = JSON.stringify(response);
    res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
    res.end(text);
  }

  private interactionOf(path: string): FakeInteraction | undefined {
    const m = /^\/interactions\/(\d+)\//.exec(path);
    if (m) return this.interactions.get(m[1]!);
    const w = /^\/webhooks\/\d+\/([^/]+)/.exec(path);
    return w ? this.byToken.get(w[1]!) : undefined;
  }

  private route(method: string, path: string, query: URLSearchParams, body: unknown, files: FakeMessage['files'], req: IncomingMessage): [number, unknown] {
    let m: RegExpExecArray | null;
    if (method === 'GET' && (path === '/gateway/bot' || path === '/gateway')) {
      if (path === '/gateway/bot' && req.headers.authorization !== `Bot ${this.token}`) return [401, { code: 0, message: '401: Unauthorized' }];
      return [200, {
        url: this.gatewayUrl, shards: this.shards,
        // max_concurrency 16: shards identify together instead of 5 s apart (as for large bots on Discord).
        session_start_limit: { total: 1000, remaining: 999, reset_after: 14_400_000, max_concurrency: 16 },
      }];
    }
    if (method === 'GET' && path === '/users/@me') return [200, this.botUser];
    if (method === 'GET' && path === '/applications/@me') {
      return [200, { id: this.applicationId, name: this.botUser.username, flags: 0, bot_public: true, bot_require_code_grant: false, verify_key: 'x', description: '', icon: null }];
    }
    if ((m = /^\/applications\/(\d+)(?:\/guilds\/(\d+))?\/commands$/.exec(path))) {
      if (m[1] !== this.applicationId) return [403, { code: 50001, message: 'Missing Access' }];
      const scope = m[2] ?? 'global';
      if (m[2] && !this.guilds.some((g) => g.id === m![2])) return [403, { code: 50001, message: 'Missing Access' }];
      if (method === 'GET') return [200, this.commands.get(scope) ?? []];
      if (method === 'PUT') {
        const errors = checkCommands(body);
        if (errors.length) return [400, formError(errors)];
        const saved = (body as Array<Record<string, unknown>>).map((c) => ({
          id: snowflake(), application_id: this.applicationId, version: snowflake(), type: 1,
          ...(m![2] ? { guild_id: m![2] } : {}), ...c,
        }));
        this.commands.set(scope, saved);
        return [200, saved];
      }
    }
    if ((m = /^\/interactions\/(\d+)\/([^/]+)\/callback$/.exec(path)) && method === 'POST') {
      return this.callback(m[1]!, m[2]!, body, query, files);
    }
    if ((m = /^\/webhooks\/(\d+)\/([^/]+)(?:\/messages\/([^/]+))?$/.exec(path))) {
      return this.webhook(method, m[1]!, m[2]!, m[3], body, query, files);
    }
    if ((m = /^\/channels\/(\d+)\/messages$/.exec(path)) && method === 'POST') {
      const channel = m[1]!;
      if (!this.guilds.some((g) => g.channels!.some((c) => c.id === channel))) return [404, { code: 10003, message: 'Unknown Channel' }];
      const check = checkMessage(body, [], { create: true, attachments: files.length });
      if (check.errors.length) return [400, formError(check.errors)];
      if (check.empty) return [400, { code: 50006, message: 'Cannot send an empty message' }];
      const msg = this.newMessage(channel, body as Record<string, unknown>, files);
      return [200, this.messageJson(msg)];
    }
    return [404, { code: 0, message: '404: Not Found' }];
  }

  private callback(id: string, token: string, body: unknown, query: URLSearchParams, files: FakeMessage['files']): [number, unknown] {
    const fi = this.interactions.get(id);
    if (!fi || fi.token !== token) return [404, { code: 10062, message: 'Unknown interaction' }];
    if (fi.initial) return [400, { code: 40060, message: 'Interaction has already been acknowledged.' }];
    if (Date.now() - fi.createdAt > this.deadlineMs) return [404, { code: 10062, message: 'Unknown interaction' }];
    const b = (body ?? {}) as { type?: number; data?: Record<string, unknown> };
    const type = b.type ?? -1;
    const data = b.data ?? {};
    const it = fi.type;
    const allowed: Record<number, number[]> = {
      [INTERACTION.command]: [CALLBACK.message, CALLBACK.deferMessage, CALLBACK.modal],
      [INTERACTION.component]: [CALLBACK.message, CALLBACK.deferMessage, CALLBACK.deferUpdate, CALLBACK.updateMessage, CALLBACK.modal],
      [INTERACTION.autocomplete]: [CALLBACK.autocomplete],
      [INTERACTION.modalSubmit]: [CALLBACK.message, CALLBACK.deferMessage, CALLBACK.deferUpdate, CALLBACK.updateMessage],
    };
    if (!allowed[it]?.includes(type)) {
      return [400, formError([{ path: ['type'], code: 'INTERACTION_RESPONSE_TYPE_INVALID', message: `Response type ${type} is not valid for interaction type ${it}` }])];
    }
    if (type === CALLBACK.updateMessage && it === INTERACTION.modalSubmit && !fi.payload.message) {
      return [400, { code: 50035, message: 'Invalid Form Body', errors: { type: { _errors: [{ code: 'INTERACTION_RESPONSE_TYPE_INVALID', message: 'No message to update' }] } } }];
    }
    let errors: FieldError[] = [];
    if (type === CALLBACK.message || type === CALLBACK.updateMessage) {
      const check = checkMessage(data, ['data'], { create: type === CALLBACK.message, attachments: files.length });
      errors = check.errors;
      if (!errors.length && check.empty) return [400, { code: 50006, message: 'Cannot send an empty message' }];
    } else if (type === CALLBACK.autocomplete) errors = checkChoices(data);
    else if (type === CALLBACK.modal) errors = checkModal(data);
    if (errors.length) return [400, formError(errors)];

    fi.initial = { type, data, at: Date.now() };
    const channel = String(fi.payload.channel_id ?? '0');
    if (type === CALLBACK.message || type === CALLBACK.deferMessage) {
      const content = type === CALLBACK.message ? data : { content: '', flags: data.flags };
      fi.original = this.newMessage(channel, content, files, fi);
      fi.original.loading = type === CALLBACK.deferMessage;
    } else if (type === CALLBACK.updateMessage || type === CALLBACK.deferUpdate) {
      const target = this.messages.get(String((fi.payload.message as { id?: string } | undefined)?.id));
      if (target) {
        fi.original = target;
        if (type === CALLBACK.updateMessage) this.applyEdit(target, data, files);
      }
    }
    fi.notify();
    this.emit('callback', fi);
    if (query.get('with_response') === 'true') {
      return [200, {
        interaction: { id: fi.id, type: fi.type, activity_instance_id: null, response_message_id: fi.original?.id ?? null, response_message_loading: type === CALLBACK.deferMessage, response_message_ephemeral: !!((fi.original?.flags ?? 0) & FLAG_EPHEMERAL) },
        resource: fi.original ? { type, message: this.messageJson(fi.original) } : { type },
      }];
    }
    return [204, null];
  }

  private webhook(method: string, app: string, token: string, messageId: string | undefined, body: unknown, query: URLSearchParams, files: FakeMessage['files']): [number, unknown] {
    const fi = this.byToken.get(token);
    if (app !== this.applicationId || !fi) return [401, { code: 50027, message: 'Invalid Webhook Token' }];
    if (!fi.initial) return [404, { code: 10015, message: 'Unknown Webhook' }];
    if (messageId === undefined) {
      if (method !== 'POST') return [405, { code: 0, message: '405: Method Not Allowed' }];
      const check = checkMessage(body, [], { create: true, attachments: files.length });
      if (check.errors.length) return [400, formError(check.errors)];
      if (check.empty) return [400, { code: 50006, message: 'Cannot send an empty message' }];
      const msg = this.newMessage(String(fi.payload.channel_id ?? '0'), body as Record<string, unknown>, files, fi);
      fi.followups.push(msg);
      fi.answeredAfterDefer = true;
      fi.notify();
      return query.get('wait') === 'false' ? [204, null] : [200, this.messageJson(msg)];
    }
    const msg = messageId === '@original' ? fi.original : fi.followups.find((f) => f.id === messageId);
    if (!msg || msg.deleted) return [404, { code: 10008, message: 'Unknown Message' }];
    if (method === 'GET') return [200, this.messageJson(msg)];
    if (method === 'DELETE') {
      msg.deleted = true;
      fi.notify();
      return [204, null];
    }
    if (method === 'PATCH') {
      const check = checkMessage(body, [], { create: false, attachments: files.length });
      if (check.errors.length) return [400, formError(check.errors)];
      const before = { ...msg };
      this.applyEdit(msg, body as Record<string, unknown>, files);
      if (!msg.content.trim() && !msg.embeds.length && !msg.components.length && !msg.attachments.length && !msg.files.length) {
        Object.assign(msg, before);
        return [400, { code: 50006, message: 'Cannot send an empty message' }];
      }
      fi.answeredAfterDefer = true;
      fi.notify();
      return [200, this.messageJson(msg)];
    }
    return [405, { code: 0, message: '405: Method Not Allowed' }];
  }

  private newMessage(channel: string, data: Record<string, unknown>, files: FakeMessage['files'], fi?: FakeInteraction): FakeMessage {
    const msg: FakeMessage = {
      id: snowflake(),
      channel_id: channel,
      content: String(data.content ?? ''),
      embeds: (data.embeds as FakeMessage['embeds']) ?? [],
      components: (data.components as FakeMessage['components']) ?? [],
      attachments: files.map((f) => ({ id: snowflake(), filename: f.name, size: f.data.length })),
      flags: Number(data.flags ?? 0),
      allowed_mentions: data.allowed_mentions,
      interaction_id: fi?.id,
      webhook_id: fi ? this.applicationId : undefined,
      loading: false,
      edits: 0,
      files,
    };
    this.messages.set(msg.id, msg);
    return msg;
  }

  private applyEdit(msg: FakeMessage, data: Record<string, unknown>, files: FakeMessage['files']): void {
    if (data.content !== undefined) msg.content = String(data.content ?? '');
    if (data.embeds !== undefined) msg.embeds = (data.embeds as FakeMessage['embeds']) ?? [];
    if (data.components !== undefined) msg.components = (data.components as FakeMessage['components']) ?? [];
    if (data.allowed_mentions !== undefined) msg.allowed_mentions = data.allowed_mentions;
    if (files.length) msg.files = files;
    msg.loading = false;
    msg.edits += 1;
  }

  /** The message as Discord's API returns it. */
  messageJson(msg: FakeMessage): Record<string, unknown> {
    const fi = msg.interaction_id ? this.interactions.get(msg.interaction_id) : undefined;
    const user = fi ? ((fi.payload.member as { user?: unknown } | undefined)?.user ?? fi.payload.user) : undefined;
    return {
      id: msg.id, channel_id: msg.channel_id, type: fi?.type === INTERACTION.command ? 20 : 0,
      author: this.botUser, content: msg.content, embeds: msg.embeds, components: msg.components,
      attachments: msg.attachments, mentions: [], mention_roles: [], mention_everyone: false, pinned: false, tts: false,
      timestamp: new Date().toISOString(), edited_timestamp: null, flags: msg.flags,
      ...(msg.webhook_id ? { webhook_id: msg.webhook_id, application_id: this.applicationId } : {}),
      ...(fi && user ? { interaction_metadata: { id: fi.id, type: fi.type, user, authorizing_integration_owners: {} } } : {}),
    };
  }
}
