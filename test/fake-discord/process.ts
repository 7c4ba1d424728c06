// Runs one of the project's entry points in a child process (as `npm start` would) and waits for a log line.
import { spawn, type ChildProcess } from 'node:child_process';
import { compiled } from '../compiled.js';

export interface RunningScript {
  child: ChildProcess;
  /** Everything the process printed so far (stdout and stderr). */
  output(): string;
  /** Resolves with the exit code. */
  exited: Promise<number | null>;
}

/** Starts `script` (a path under src/) compiled, with plain node, and resolves once its stdout matches `ready`. */
export async function startScript(
  script: string, opts: { env: NodeJS.ProcessEnv; cwd: string; ready: RegExp; timeoutMs?: number },
): Promise<RunningScript> {
  const child = spawn(process.execPath, [compiled(script)], { cwd: opts.cwd, env: opts.env });
  let out = '';
  child.stdout.on('data', (d) => { out += d; });
  child.stderr.on('data', (d) => { out += d; });
  const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
  const running: RunningScript = { child, output: () => out, exited };
  try {
    await new Promise<void>((resolve, reject) => {
      const t = setTimeout(() => reject(new Error(`${script} not ready; output:\n${out}`)), opts.timeoutMs ?? 30_000);
      child.stdout.on('data', () => { if (opts.ready.test(out)) { clearTimeout(t); resolve(); } });
      child.once('exit', (code) => { clearTimeout(t); reject(new Error(`${script} exited (${code}); output:\n${out}`)); });
    });
  } catch (err) {
    if (child.exitCode === null) child.kill('SIGKILL');
    throw err;
  }
  return running;
}
