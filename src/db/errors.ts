// Store errors written for the person at the terminal or the moderator: front ends show the message as is.
import { UserError } from '../errors.js';

export type DatabaseErrorCode = 'db-unavailable' | 'db-schema' | 'db-refused' | 'db-conflict';

export class DatabaseError extends UserError {
  override name = 'DatabaseError';
  constructor(message: string, readonly code: DatabaseErrorCode) {
    super(message);
  }
}
