// Run before `npm start`: builds the client with Vite when dist/client is missing or older than its sources.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';

const root = fileURLToPath(new URL('..', import.meta.url));
const output = join(root, 'dist/offline/offline.js');
// The client also bundles the shared contracts and the domain code they use.
const sources = ['client', 'server/contracts', 'server/domain'].map((folder) => join(root, folder));

function newestChange(path: string): number {
  const stats = statSync(path);
  if (!stats.isDirectory()) return stats.mtimeMs;
  return Math.max(stats.mtimeMs, ...readdirSync(path).map((entry) => newestChange(join(path, entry))));
}

const builtAt = existsSync(output) ? statSync(output).mtimeMs : 0;
if (builtAt < Math.max(...sources.map(newestChange))) {
  console.log('building the client…');
  await build({ configFile: join(root, 'client/vite.config.ts'), logLevel: 'warn' });
  await build({ configFile: join(root, 'client/vite.offline.config.ts'), logLevel: 'warn' });
}
