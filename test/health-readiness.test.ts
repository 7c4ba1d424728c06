// /readyz's answer through start-up and shutdown: traffic only once the index is loaded and every shard is connected.
import { describe, expect, it } from 'vitest';
import { notReadyReason, type ReadinessState } from '../src/health/readiness.js';

function client(ready: boolean, shards: Array<[id: number, status: number]>): ReadinessState['client'] {
  return {
    isReady: () => ready,
    ws: { shards: new Map(shards.map(([id, status]) => [id, { id, status }])) },
  } as unknown as ReadinessState['client'];
}

describe('readiness', () => {
  it('says why not at each step of start-up, and null once serving', () => {
    expect(notReadyReason({ engine: undefined, client: undefined, stopping: false })).toBe('loading the index');
    expect(notReadyReason({ engine: {}, client: undefined, stopping: false })).toBe('not logged in to Discord');
    expect(notReadyReason({ engine: {}, client: client(false, [[0, 1]]), stopping: false })).toBe('not logged in to Discord');
    expect(notReadyReason({ engine: {}, client: client(true, [[0, 0], [1, 0]]), stopping: false })).toBeNull();
  });

  it('a shard reconnecting or a shutdown makes the process unready', () => {
    expect(notReadyReason({ engine: {}, client: client(true, [[0, 0], [1, 2]]), stopping: false })).toBe('gateway shard 1 not connected');
    expect(notReadyReason({ engine: {}, client: client(true, [[0, 5], [1, 8]]), stopping: false })).toBe('gateway shards 0, 1 not connected');
    expect(notReadyReason({ engine: {}, client: client(true, [[0, 0]]), stopping: true })).toBe('shutting down');
  });
});

describe('health server start', () => {
  it('a port already taken is one line saying what to change, and nothing is left listening', async () => {
    const { startHealthServer } = await import('../src/health/server.js');
    const { BotMetrics } = await import('../src/health/metrics.js');
    const metrics = new BotMetrics({ engine: () => undefined, shardPings: () => new Map() });
    const first = await startHealthServer({ port: 0, host: '127.0.0.1', metrics, notReady: () => 'loading the index' });
    try {
      const port = Number(new URL(first.url).port);
      await expect(startHealthServer({ port, host: '127.0.0.1', metrics, notReady: () => null }))
        .rejects.toThrow(`The health server cannot listen on 127.0.0.1:${port} (EADDRINUSE): change HEALTH_PORT or HEALTH_HOST, or leave HEALTH_PORT empty.`);
      const res = await fetch(`${first.url}/readyz`);
      expect([res.status, await res.text()]).toEqual([503, 'not ready: loading the index\n']);
    } finally {
      await first.close();
    }
  });
});
