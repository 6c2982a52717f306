import { loadConfig } from './config.js';
import { backupSqlite } from './db/backup.js';

// npm run backup -- <file>: a consistent copy of the embedded database, safe while the app runs.
const destination = process.argv[2];
const config = loadConfig();
if (config.database.kind === 'postgres') {
  console.error('The app runs on PostgreSQL: back it up with pg_dump, e.g. pg_dump --format=custom --file=<file> "$DATABASE_URL"');
  process.exit(2);
}
if (!destination) {
  console.error('usage: npm run backup -- <file>');
  process.exit(2);
}
try {
  const { pages } = await backupSqlite(config.database.path, destination);
  console.log(`backed up ${config.database.path} to ${destination} (${pages} pages)`);
} catch (error) {
  console.error(`backup failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
