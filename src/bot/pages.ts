// Paged answers: pages live in memory for a while; the buttons carry who may use them, so a foreign or stale click
// gets a polite answer even after the pages are gone (restart, expiry).
import { randomBytes } from 'node:crypto';
import type { APIActionRowComponent, APIButtonComponentWithCustomId } from 'discord.js';
import type { Reply } from './command.js';
import { customId } from './limits.js';

export const PAGE_PREFIX = 'pg';

interface Entry {
  owner: string;
  command: string;
  pages: Reply[];
  expires: number;
}

export interface PageButton {
  key: string;
  command: string;
  owner: string;
  page: number;
}

export class PageStore {
  private readonly entries = new Map<string, Entry>();

  constructor(readonly ttlMs: number, private readonly now: () => number = Date.now, private readonly max = 2000) {}

  /** Keep `pages` for `owner`; returns the key used in the buttons. */
  put(owner: string, command: string, pages: Reply[]): string {
    this.sweep();
    const key = randomBytes(6).toString('base64url');
    this.entries.set(key, { owner, command, pages, expires: this.now() + this.ttlMs });
    // Oldest first out when full (Map keeps insertion order).
    while (this.entries.size > this.max) this.entries.delete(this.entries.keys().next().value!);
    return key;
  }

  get(key: string): Entry | undefined {
    const e = this.entries.get(key);
    if (!e) return undefined;
    if (e.expires <= this.now()) {
      this.entries.delete(key);
      return undefined;
    }
    return e;
  }

  private sweep(): void {
    const t = this.now();
    for (const [k, e] of this.entries) if (e.expires <= t) this.entries.delete(k);
  }
}

export function parsePageButton(id: string): PageButton | null {
  const [prefix, command, key, owner, page] = id.split(':');
  if (prefix !== PAGE_PREFIX || !command || !key || !owner || page === undefined) return null;
  const n = Number(page);
  if (!Number.isInteger(n) || n < 0) return null;
  return { command, key, owner, page: n };
}

/** Previous/Next for page `index` of `count` (ids are unique within the message: they point at different pages). */
export function pageButtons(command: string, key: string, owner: string, index: number, count: number): APIActionRowComponent<APIButtonComponentWithCustomId> {
  const prev = Math.max(0, index - 1);
  const next = Math.min(count - 1, index + 1);
  return {
    type: 1,
    components: [
      { type: 2, style: 2, label: '◀ Previous', custom_id: customId(PAGE_PREFIX, command, key, owner, prev), disabled: index === 0 },
      // The middle button only shows the position; its id differs from the others by the trailing marker.
      { type: 2, style: 2, label: `${index + 1} / ${count}`, custom_id: customId(PAGE_PREFIX, command, key, owner, index, 'at'), disabled: true },
      { type: 2, style: 2, label: 'Next ▶', custom_id: customId(PAGE_PREFIX, command, key, owner, next), disabled: index >= count - 1 },
    ],
  };
}
