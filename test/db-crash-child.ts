// Child process for the kill -9 test: stores an add and stops just before COMMIT, saying "ready", until killed.
import { applyArticleChange } from '../src/db/changes.js';
import { openDb } from '../src/db/connect.js';

const [url, id] = process.argv.slice(2);
const db = openDb(url);
await applyArticleChange(db, { op: 'add', id, text: 'Crash test article\n\n"Half-written words," said Nobody Ever.\n', format: 'txt' }, {
  moderator: { id: '1', name: 'crash' },
  beforeCommit: async () => {
    process.stdout.write('ready\n');
    await new Promise(() => undefined);
  },
});
