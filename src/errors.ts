// The one base class for errors whose message is written for the person who asked (a refused question, a refused
// moderator change): front ends show the message as is. Anything else is a bug and gets the generic apology.
export class UserError extends Error {
  override name = 'UserError';

  /** What Discord shows; a subclass may dress the message (e.g. a warning sign for a refused change). */
  get userMessage(): string {
    return this.message;
  }
}
