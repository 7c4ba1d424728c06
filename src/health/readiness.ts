// When the bot may be sent traffic: the index is loaded, the client logged in and every gateway shard connected.
// Type-only discord.js import: the health server starts before discord.js is loaded (see bot/run.ts).
import type { Client } from 'discord.js';

export interface ReadinessState {
  engine: unknown;
  client: Pick<Client, 'isReady' | 'ws'> | undefined;
  stopping: boolean;
}

/** discord.js's Status.Ready (0): a shard that is connected and identified. */
const SHARD_READY = 0;

/** null when ready; otherwise why not, for /readyz's 503 body. */
export function notReadyReason(s: ReadinessState): string | null {
  if (s.stopping) return 'shutting down';
  if (!s.engine) return 'loading the index';
  if (!s.client?.isReady()) return 'not logged in to Discord';
  const down = [...s.client.ws.shards.values()].filter((shard) => shard.status !== SHARD_READY).map((shard) => shard.id);
  if (down.length) return `gateway shard${down.length === 1 ? '' : 's'} ${down.join(', ')} not connected`;
  return null;
}
