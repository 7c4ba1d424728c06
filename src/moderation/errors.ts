// One error type for every refusal a moderator can read: `reason` is shown as is in Discord.
import { UserError } from '../errors.js';

export type ModerationErrorCode =
  | 'too-large' | 'binary' | 'empty' | 'not-text' | 'no-paragraphs' | 'duplicate'
  | 'bad-url' | 'private-address' | 'timeout' | 'fetch-failed' | 'too-many-redirects'
  | 'bad-id' | 'unknown-article' | 'not-allowed' | 'bad-date' | 'write-failed' | 'disk-full';

export class ModerationError extends UserError {
  override name = 'ModerationError';
  constructor(readonly code: ModerationErrorCode, readonly reason: string, readonly details?: Record<string, unknown>) {
    super(reason);
  }

  // `reason` rather than `message`: a caller may reword the reason (e.g. a feed's own size limit).
  override get userMessage(): string {
    return `⚠️ ${this.reason}`;
  }
}

export function isModerationError(err: unknown): err is ModerationError {
  return err instanceof ModerationError;
}
