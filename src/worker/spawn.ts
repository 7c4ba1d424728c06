// Starting a worker thread from a module that may be TypeScript (tests, `npm run dev`) or compiled JavaScript.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';

/**
 * Starts the worker script `name` (no extension) that sits next to the module `from` (its import.meta.url),
 * through tsx when that module is TypeScript (tests, `npm run dev`).
 */
export function spawnSiblingWorker(from: string, name: string, workerData: unknown): Worker {
  const ext = path.extname(fileURLToPath(from));
  const script = new URL(`./${name}${ext}`, from);
  if (ext !== '.ts') return new Worker(script, { workerData });
  // Loader flags (`--import tsx`) do not reach worker threads on Node 20: the worker registers tsx itself,
  // then imports the TypeScript worker module.
  const boot = `import(${JSON.stringify(import.meta.resolve('tsx/esm/api'))})`
    + `.then((tsx) => { tsx.register(); return import(${JSON.stringify(script.href)}); })`;
  return new Worker(boot, { eval: true, workerData });
}
