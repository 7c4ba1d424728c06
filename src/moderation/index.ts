// Public surface of the moderation library (used by the Discord commands).
export * from './errors.js';
export * from './settings.js';
export * from './permissions.js';
export * from './netguard.js';
export * from './fetch-url.js';
export * from './input.js';
export * from './text.js';
export * from './html.js';
export * from './draft.js';
export * from './ids.js';
export * from './duplicates.js';
export * from './store.js';
export * from './audit.js';
export * from './journal.js';
export * from './corpus-lock.js';
export * from './service.js';
export * from './reindex.js';
