// Prometheus metrics of one bot process (prom-client, in a registry of its own so that several bots in one
// process — tests — do not collide): commands by name and outcome, answer latency, what is indexed, gateway ping
// per shard, and prom-client's default process metrics (CPU, memory, event-loop lag, GC).
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { CommandEvent } from '../bot/router.js';
import type { Engine } from '../engine.js';

/** What the gauges read when scraped. */
export interface MetricsSource {
  engine(): Pick<Engine, 'sources'> | undefined;
  /** Gateway ping per shard id, in ms (negative or missing = not measured yet). */
  shardPings(): ReadonlyMap<number, number>;
}

export class BotMetrics {
  readonly registry = new Registry();
  private readonly commands: Counter<'command' | 'outcome'>;
  private readonly latency: Histogram<'command'>;

  constructor(source: MetricsSource) {
    const registers = [this.registry];
    collectDefaultMetrics({ register: this.registry });
    this.commands = new Counter({
      name: 'talks_bot_commands_total', help: 'Slash commands handled, by command and outcome.',
      labelNames: ['command', 'outcome'], registers,
    });
    this.latency = new Histogram({
      name: 'talks_bot_answer_seconds', help: 'Time from receiving a slash command to its answer being sent.',
      labelNames: ['command'], buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10], registers,
    });
    const indexed = (name: string, help: string, pick: (s: ReturnType<Engine['sources']>) => number) => new Gauge({
      name, help, registers,
      collect() {
        const engine = source.engine();
        if (engine) this.set(pick(engine.sources()));
      },
    });
    indexed('talks_bot_articles_indexed', 'Articles in the index.', (s) => s.articles);
    indexed('talks_bot_quotes_indexed', 'Quotes in the index.', (s) => s.quotes);
    indexed('talks_bot_speakers_indexed', 'Distinct speakers in the index.', (s) => s.speakers);
    new Gauge({
      name: 'talks_bot_gateway_ping_seconds', help: 'Latest gateway heartbeat round trip, per shard.',
      labelNames: ['shard'], registers,
      collect() {
        this.reset();
        for (const [shard, ms] of source.shardPings()) if (ms >= 0) this.set({ shard: String(shard) }, ms / 1000);
      },
    });
  }

  command(e: CommandEvent): void {
    this.commands.inc({ command: e.command, outcome: e.outcome });
    this.latency.observe({ command: e.command }, e.ms / 1000);
  }

  /** The text a Prometheus scrape receives. */
  text(): Promise<string> {
    return this.registry.metrics();
  }
}
