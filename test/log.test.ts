// The bot's logs: JSON lines a collector can parse, readable lines on a terminal, and no secret in any line,
// whichever field or message carries it. Crash handling: an uncaught exception is logged and exits non-zero.
import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadOpsConfig } from '../src/config.js';
import { createLogger, installCrashHandlers, lineLogger, prettyLine, type CrashTarget } from '../src/log.js';

const TOKEN = 'MTAxMjM0NTY3ODkwMTIzNDU2Nzg5.GhXyZw.abcdefghijklmnopqrstuvwxyz0123456789AB';
const WEBHOOK = 'aW50ZXJhY3Rpb246MTIzNDU2Nzg5MDEyMzQ1Njc4OTpzZWNyZXQ';

function capture(level: 'info' | 'debug' | 'warn' = 'info') {
  const lines: string[] = [];
  const logger = createLogger({ level, token: TOKEN, pretty: false, destination: { write: (s: string) => { lines.push(s); } } });
  return { logger, lines };
}

describe('logger', () => {
  it('writes one JSON object per line with level, time and message', () => {
    const { logger, lines } = capture();
    logger.info({ command: 'who-said', outcome: 'ok', ms: 12 }, 'answered');
    expect(lines).toHaveLength(1);
    expect(lines[0]!.endsWith('\n')).toBe(true);
    expect(JSON.parse(lines[0]!)).toMatchObject({ level: 30, msg: 'answered', command: 'who-said', outcome: 'ok', ms: 12, time: expect.any(Number) });
  });

  it('LOG_LEVEL decides what is written', () => {
    const { logger, lines } = capture('warn');
    logger.info('routine');
    logger.debug('detail');
    logger.warn('rate limited');
    expect(lines.map((l) => (JSON.parse(l) as { msg: string }).msg)).toEqual(['rate limited']);
  });

  it('never prints the bot token or an interaction/webhook token, wherever it hides', () => {
    const { logger, lines } = capture();
    logger.info(`token is ${TOKEN}`);
    logger.info({ token: 'something-else-secret' }, 'a field named token');
    logger.info({ config: { token: TOKEN } }, 'nested');
    logger.info({ headers: { authorization: `Bot ${TOKEN}` } }, 'headers');
    logger.warn({ url: `https://discord.com/api/v10/webhooks/123456789012345678/${WEBHOOK}/messages/@original` }, 'rate limited');
    logger.error({ err: new Error(`POST /interactions/123456789012345678/${WEBHOOK}/callback failed with ${TOKEN}`) }, 'request failed');
    const all = lines.join('');
    expect(lines).toHaveLength(6);
    expect(all).not.toContain(TOKEN);
    expect(all).not.toContain(WEBHOOK);
    expect(all).not.toContain('something-else-secret');
    expect(all).toContain('/webhooks/123456789012345678/[token]');
    expect(all).toContain('/interactions/123456789012345678/[token]');
    for (const l of lines) expect(() => JSON.parse(l)).not.toThrow();
  });

  it('plain lines for callers that take lines carry the message and the error, scrubbed', () => {
    const got: string[] = [];
    const logger = lineLogger((l) => got.push(l), TOKEN);
    logger.info(`logged in with ${TOKEN}`);
    logger.error({ err: new Error('boom') }, 'failed');
    expect(got[0]).toBe('logged in with [token]');
    expect(got[1]).toMatch(/^failed: Error: boom\n\s+at /);
  });

  it('a terminal gets one readable line per record, never raw JSON', () => {
    const line = prettyLine('{"level":40,"time":0,"msg":"rate limited","route":"/channels/:id","ms":12}\n');
    expect(line).toBe('00:00:00.000 WARN  rate limited route=/channels/:id ms=12\n');
    expect(prettyLine('not json')).toBe('not json');
  });
});

describe('crash handling', () => {
  function fakeProcess(): CrashTarget & EventEmitter & { codes: number[] } {
    const p = new EventEmitter() as EventEmitter & CrashTarget & { codes: number[] };
    p.codes = [];
    p.exit = (code: number) => { p.codes.push(code); };
    return p;
  }

  it('an uncaught exception is logged as fatal and the process exits non-zero', () => {
    const { logger, lines } = capture();
    const p = fakeProcess();
    installCrashHandlers(logger, p);
    p.emit('uncaughtException', new Error(`broken with ${TOKEN}`));
    expect(p.codes).toEqual([1]);
    const rec = JSON.parse(lines[0]!) as { level: number; msg: string; err: { message: string } };
    expect(rec.level).toBe(60);
    expect(rec.err.message).toBe('broken with [token]');
  });

  it('an unhandled rejection is logged and the bot runs on', () => {
    const { logger, lines } = capture();
    const p = fakeProcess();
    installCrashHandlers(logger, p);
    p.emit('unhandledRejection', 'socket hang up');
    expect(p.codes).toEqual([]);
    expect(JSON.parse(lines[0]!)).toMatchObject({ level: 50, msg: 'unhandled rejection', reason: 'socket hang up' });
  });
});

describe('LOG_LEVEL, HEALTH_PORT, HEALTH_HOST', () => {
  it('defaults: info, no health server, 127.0.0.1', () => {
    expect(loadOpsConfig({})).toEqual({ logLevel: 'info', healthPort: null, healthHost: '127.0.0.1' });
    expect(loadOpsConfig({ LOG_LEVEL: ' Debug ', HEALTH_PORT: '9464', HEALTH_HOST: '0.0.0.0' }))
      .toEqual({ logLevel: 'debug', healthPort: 9464, healthHost: '0.0.0.0' });
    expect(loadOpsConfig({ HEALTH_HOST: '[::1]' }).healthHost).toBe('::1');
  });

  it('a mistake is one line naming the setting', () => {
    const message = (env: Record<string, string>) => {
      try {
        loadOpsConfig(env);
      } catch (err) {
        expect(err).toBeInstanceOf(ConfigError);
        return (err as Error).message;
      }
      return 'accepted';
    };
    expect(message({ LOG_LEVEL: 'verbose' })).toBe('LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent; got "verbose".');
    expect(message({ HEALTH_PORT: '80a' })).toBe('HEALTH_PORT must be a whole number from 0 to 65535; got "80a".');
    expect(message({ HEALTH_PORT: '70000' })).toMatch(/^HEALTH_PORT must be a whole number/);
    expect(message({ HEALTH_HOST: 'http://0.0.0.0:80/' })).toMatch(/^HEALTH_HOST must be an address to listen on/);
  });
});
