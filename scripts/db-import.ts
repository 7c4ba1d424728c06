// npm run db:import (see src/db/tools.ts)
import { dbImport } from '../src/db/tools.js';

process.exitCode = await dbImport(process.argv.slice(2));
