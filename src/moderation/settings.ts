// Moderation settings from the environment, parsed once into plain data (pure: pass any env).

export interface ModerationSettings {
  /** Largest attachment or fetched page accepted, in bytes. */
  maxAttachmentBytes: number;
  /** Allow urls that resolve to private/loopback addresses (tests only). */
  allowPrivateUrls: boolean;
  /** Largest web page fetched for `url:`, in bytes (pages carry more markup than text files). */
  maxUrlBytes: number;
  /** Time limit for fetching a url, whole redirect chain included. */
  urlTimeoutMs: number;
  /** Time one article may take to parse, clean and extract its quotes (on the parse thread); slower is refused. */
  articleTimeoutMs: number;
  /** Role ids whose holders may moderate; empty = rely on the Manage Messages permission. */
  modRoleIds: string[];
  /** Channel to post the audit trail to, if any. */
  modLogChannelId?: string;
}

export const DEFAULT_MAX_ATTACHMENT_BYTES = 2 * 1024 * 1024;
export const DEFAULT_MAX_URL_BYTES = 5 * 1024 * 1024;
export const DEFAULT_URL_TIMEOUT_MS = 10_000;
export const DEFAULT_ARTICLE_TIMEOUT_MS = 10_000;

export function moderationSettings(env: Record<string, string | undefined> = process.env): ModerationSettings {
  return {
    maxAttachmentBytes: positiveInt(env.MAX_ATTACHMENT_BYTES, DEFAULT_MAX_ATTACHMENT_BYTES),
    maxUrlBytes: positiveInt(env.MAX_URL_BYTES, DEFAULT_MAX_URL_BYTES),
    allowPrivateUrls: /^(1|true|yes)$/i.test(env.ALLOW_PRIVATE_URLS?.trim() ?? ''),
    urlTimeoutMs: positiveInt(env.URL_TIMEOUT_MS, DEFAULT_URL_TIMEOUT_MS),
    articleTimeoutMs: positiveInt(env.ARTICLE_TIMEOUT_MS, DEFAULT_ARTICLE_TIMEOUT_MS),
    modRoleIds: (env.MOD_ROLE_IDS ?? '').split(/[\s,]+/).filter((s) => /^\d{1,25}$/.test(s)),
    modLogChannelId: /^\d{1,25}$/.test(env.MOD_LOG_CHANNEL_ID?.trim() ?? '') ? env.MOD_LOG_CHANNEL_ID!.trim() : undefined,
  };
}

function positiveInt(value: string | undefined, fallback: number): number {
  const n = Number(value);
  return Number.isInteger(n) && n > 0 ? n : fallback;
}

export function formatBytes(n: number): string {
  if (n >= 1024 * 1024) return `${(n / (1024 * 1024)).toFixed(n % (1024 * 1024) === 0 ? 0 : 1)} MB`;
  if (n >= 1024) return `${Math.round(n / 1024)} KB`;
  return `${n} bytes`;
}
