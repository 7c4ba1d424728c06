// npm run db:migrate (see src/db/tools.ts)
import { dbMigrate } from '../src/db/tools.js';

process.exitCode = await dbMigrate(process.argv.slice(2));
