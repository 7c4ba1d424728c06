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
