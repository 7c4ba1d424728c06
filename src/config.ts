// The bot's settings live in src/settings.ts (one module for every setting); this name stays for existing imports.
export { ConfigError, loadConfig, loadDotenvFile, type BotConfig, type Env } from './settings.js';
