// Shared by the moderation tests.
import { ModerationError } from '../src/moderation/errors.js';

/** The ModerationError a promise rejects with; fails the test if it resolves or rejects with anything else. */
export async function refusal(p: Promise<unknown>): Promise<ModerationError> {
  try {
    await p;
  } catch (err) {
    if (err instanceof ModerationError) return err;
    throw err;
  }
  throw new Error('expected a refusal');
}
