// The bot's settings live in src/settings.ts (one module for every setting); this name stays for existing imports.
export { ConfigError, loadConfig, loadDotenvFile, loadOpsConfig, type BotConfig, type Env, type OpsConfig } from './settings.js';
