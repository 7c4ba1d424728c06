// Per-user cooldown on heavy commands: a user may run one heavy command every `seconds`.
export class Cooldowns {
  private readonly last = new Map<string, number>();

  constructor(private readonly seconds: number, private readonly now: () => number = Date.now) {}

  /** 0 when `userId` may go ahead (and the use is recorded), else the milliseconds left to wait. */
  take(userId: string): number {
    if (this.seconds <= 0) return 0;
    const t = this.now();
    const wait = (this.last.get(userId) ?? -Infinity) + this.seconds * 1000 - t;
    if (wait > 0) return wait;
    this.last.set(userId, t);
    if (this.last.size > 10_000) this.prune(t);
    return 0;
  }

  private prune(t: number): void {
    for (const [id, at] of this.last) if (at + this.seconds * 1000 <= t) this.last.delete(id);
  }
}
