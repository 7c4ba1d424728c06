// Moderation settings are parsed and validated with every other setting in src/settings.ts; re-exported here for
// the moderation modules, with the byte formatting they share.
export {
  DEFAULT_ARTICLE_TIMEOUT_MS, DEFAULT_MAX_ATTACHMENT_BYTES, DEFAULT_MAX_URL_BYTES, DEFAULT_URL_TIMEOUT_MS, moderationSettings, type ModerationSettings,
} from '../settings.js';

export function formatBytes(n: number): string {
  if (n >= 1024 * 1024) return `${(n / (1024 * 1024)).toFixed(n % (1024 * 1024) === 0 ? 0 : 1)} MB`;
  if (n >= 1024) return `${Math.round(n / 1024)} KB`;
  return `${n} bytes`;
}
