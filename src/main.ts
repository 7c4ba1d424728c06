// `npm start`: the Discord bot when DISCORD_TOKEN is set; otherwise the terminal front end over the corpus.
import type { Engine } from './engine.js';
import { corpusSettings, loadEnv, snapshotSettings } from './settings.js';

const NO_TOKEN = `DISCORD_TOKEN is not set, so the Discord bot is not started.
To run the bot: copy .env.example to .env, fill in DISCORD_TOKEN and DISCORD_CLIENT_ID (README: "Run it on Discord"),
run \`npm run deploy\` once, then \`npm start\` again.
Meanwhile, here is the terminal front end over the corpus: type "help", or e.g. "who-said ceasefire".`;

async function main(): Promise<void> {
  const env = loadEnv();
  if (env.DISCORD_TOKEN?.trim()) {
    // Loaded only here: the terminal front end does not need discord.js.
    const { runBot } = await import('./bot/run.js');
    try {
      await runBot({ env });
    } catch (err) {
      process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
      process.exitCode = 1;
    }
    return;
  }
  process.stderr.write(`${NO_TOKEN}\n`);
  // Loaded only here: the bot loads them itself, after discord.js (its login comes first).
  const [{ runRepl }, { openCorpus }, { EngineError }] = await Promise.all([
    import('./cli/repl.js'), import('./snapshot/open.js'), import('./engine.js'),
  ]);
  let engine: Engine;
  try {
    engine = await openCorpus(corpusSettings(env).dir, { snapshot: snapshotSettings(env), log: (line) => process.stderr.write(`${line}\n`) });
  } catch (err) {
    if (err instanceof EngineError) {
      process.stderr.write(`${err.message} (set CORPUS_DIR to the folder of articles)\n`);
      process.exitCode = 1;
      return;
    }
    throw err;
  }
  const s = engine.sources();
  process.stderr.write(`Corpus ${engine.dir}: ${s.articles} articles, ${s.paragraphs} paragraphs, ${s.quotes} quotes, ${s.speakers} speakers.\n`);
  await runRepl(engine);
}

await main();
