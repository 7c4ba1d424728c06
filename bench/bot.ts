// The bot part of the benchmark, parent side: a fake Discord (test/fake-discord) in the parent process, so the
// engine child's memory holds the engine and the real bot but not the fake; and end-to-end answer latency of slash
// commands sent through it (INTERACTION_CREATE sent → the visible answer arrives at the fake).
import { deployCommands } from '../src/bot/deploy.js';
import { MESSAGES } from '../src/bot/router.js';
import { loadConfig } from '../src/config.js';
import { commandOptions, interactionContext, messageText, refusedRequests, USERS } from '../test/fake-discord/harness.js';
import { FakeDiscord, INTERACTION } from '../test/fake-discord/server.js';
import { latency, queryMix, SEARCH_KINDS, type Latency } from './queries.js';

export interface BenchDiscord {
  fake: FakeDiscord;
  /** The settings the child's bot logs in with (loadConfig(env)). */
  env: Record<string, string>;
  stop(): Promise<void>;
}

/** Starts the fake Discord on 127.0.0.1 (random port) and registers the bot's slash commands in its guild. */
export async function startBenchDiscord(corpusDir: string): Promise<BenchDiscord> {
  const fake = await new FakeDiscord().start();
  const env = {
    DISCORD_TOKEN: fake.token,
    DISCORD_CLIENT_ID: fake.applicationId,
    DISCORD_GUILD_ID: fake.guilds[0]!.id,
    DISCORD_API_URL: fake.apiUrl,
    CORPUS_DIR: corpusDir,
    // The same user asks again and again: a cooldown would answer "wait" instead of running the command.
    COOLDOWN_SECONDS: '0',
  };
  try {
    await deployCommands(loadConfig(env));
  } catch (err) {
    await fake.stop();
    throw err;
  }
  let stopped: Promise<void> | undefined;
  return { fake, env, stop: () => (stopped ??= fake.stop()) };
}

/**
 * Commands start at least this far apart. Each answer is two REST calls (defer, then edit), and discord.js holds
 * every call back once 50 were made in a second (its global limit, as Discord's): back to back, the figures would
 * measure that wait, not the bot. 60 ms apart is ~33 calls a second.
 */
const PACE_MS = 60;

export interface AnswerLatency {
  all: Latency;
  byCommand: Record<string, Latency>;
  /** The slowest measured answer, to tell an outlier's cause (e.g. "/search words:…"). */
  slowest: Slowest;
  /** The slowest first answer to a topic (warm-up, not in the percentiles): what the first user to ask waits. */
  slowestFirst: Slowest;
}

export interface Slowest {
  ask: string;
  ms: number;
}

/**
 * Sends `perCommand` /who-said and `perCommand` /search (topics from the benchmark's query mix), one at a time, and
 * times each from dispatching INTERACTION_CREATE until the user-visible answer arrived (for these deferred commands:
 * the edit of the "thinking…" message), paced (PACE_MS). Every topic is asked once first, not in the percentiles,
 * as timeQueries warms up (JIT compilation and the engine's work on a term's first use are not steady-state
 * latency); the slowest of those first answers is reported apart.
 * Throws when an answer is missing or empty, or the fake refused anything the bot sent.
 */
export async function measureAnswers(fake: FakeDiscord, perCommand: number, timeoutMs = 30_000): Promise<AnswerLatency> {
  const mix = queryMix();
  const topics = mix.filter((q) => q.kind === 'who-said').map((q) => q.text);
  const words = mix.filter((q) => SEARCH_KINDS.includes(q.kind)).map((q) => q.text);
  const guildId = fake.guilds[0]!.id;
  const label = (name: string, options: Record<string, string>): string => `/${name} ${Object.entries(options).map(([k, v]) => `${k}:${v}`).join(' ')}`;
  const ask = async (name: string, options: Record<string, string>): Promise<number> => {
    const payload = { type: INTERACTION.command, data: commandOptions(fake, guildId, name, options), ...interactionContext(fake, USERS.alice) };
    const start = performance.now();
    const fi = fake.dispatchInteraction(payload);
    await fi.waitSettled(timeoutMs);
    const ms = performance.now() - start;
    await new Promise((r) => setTimeout(r, Math.max(0, start + PACE_MS - performance.now())));
    const shown = messageText(fi.original ?? fi.followups.at(-1));
    // An apology or a cooldown notice comes fast, but it is not an answer: the figures would flatter the bot.
    if (!shown.trim() || shown.includes(MESSAGES.apology) || shown.includes(MESSAGES.cooldown(1).slice(0, 25))) {
      throw new Error(`${label(name, options)} got no answer (${JSON.stringify(shown.slice(0, 120))})`);
    }
    return ms;
  };
  const samples: Record<string, number[]> = { 'who-said': [], search: [] };
  let slowestFirst: Slowest = { ask: '', ms: -1 };
  for (const [name, options] of [...topics.map((topic) => ['who-said', { topic }] as const), ...words.map((w) => ['search', { words: w }] as const)]) {
    const ms = await ask(name, options);
    if (ms > slowestFirst.ms) slowestFirst = { ask: label(name, options), ms };
  }
  let slowest: Slowest = { ask: '', ms: -1 };
  const timed = async (name: string, options: Record<string, string>): Promise<void> => {
    const ms = await ask(name, options);
    samples[name]!.push(ms);
    if (ms > slowest.ms) slowest = { ask: label(name, options), ms };
  };
  for (let i = 0; i < perCommand; i++) {
    await timed('who-said', { topic: topics[i % topics.length]! });
    await timed('search', { words: words[i % words.length]! });
  }
  const refused = refusedRequests(fake);
  if (refused.length) throw new Error(`the fake Discord refused what the bot sent: ${refused.slice(0, 3).join('; ')}`);
  return {
    all: latency([...samples['who-said']!, ...samples.search!]),
    byCommand: { 'who-said': latency(samples['who-said']!), search: latency(samples.search!) },
    slowest,
    slowestFirst,
  };
}
