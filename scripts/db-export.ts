// npm run db:export (see src/db/tools.ts)
import { dbExport } from '../src/db/tools.js';

process.exitCode = await dbExport(process.argv.slice(2));
