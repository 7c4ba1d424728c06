// The terminal front end: one command a line, from the keyboard or piped stdin; ends at end of input.
import { createInterface } from 'node:readline';
import type { Engine } from '../engine.js';
import { parseArgs, splitLine, UsageError } from './args.js';
import { ANSI, PLAIN, printable } from './render.js';
import { runRequest } from './run.js';

export async function runRepl(engine: Engine, input: NodeJS.ReadableStream = process.stdin, output: NodeJS.WritableStream = process.stdout): Promise<void> {
  const interactive = Boolean((input as { isTTY?: boolean }).isTTY);
  const rl = createInterface({ input, output: interactive ? output : undefined, terminal: interactive });
  const style = (output as { isTTY?: boolean }).isTTY ? ANSI : PLAIN;
  if (interactive) {
    rl.setPrompt('talks-bot> ');
    output.write('Type a command (e.g. who-said ceasefire), "help", or "exit".\n');
    rl.prompt();
  }
  for await (const line of rl) {
    const words = splitLine(line.trim());
    if (words.length && ['exit', 'quit'].includes(words[0])) break;
    if (words.length) {
      try {
        const req = parseArgs(words);
        if (req.corpus) output.write('--corpus is chosen at start; ignoring it here.\n');
        const out = runRequest(engine, req, style);
        output.write(`${[out.stdout, out.stderr].filter(Boolean).join('\n')}\n`);
      } catch (err) {
        output.write(`${printable(err instanceof UsageError ? err.message : `error: ${(err as Error).message}`)}\n`);
      }
    }
    if (interactive) rl.prompt();
  }
  rl.close();
}
