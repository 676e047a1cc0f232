import { buildApp } from '../../src/api/app.js';
import { loadConfig } from '../../src/config.js';
import { openDatabase } from '../../src/db/database.js';

/**
 * The load bench's server process: the app as buildApp makes it, on the bench's PostgreSQL, on a
 * loopback port chosen by the system. Its own process so the bench can read its RSS and kill -9 it
 * (bench/load/server.ts). Prints `LISTENING <port>` once it serves.
 */
async function main(): Promise<void> {
  const config = loadConfig();
  const database = await openDatabase({ databaseUrl: config.databaseUrl, purpose: 'load bench server' });
  const app = await buildApp({ database, config }, { logger: false });
  await app.listen({ host: '127.0.0.1', port: config.port });
  const address = app.server.address();
  if (!address || typeof address === 'string') throw new Error('no port');
  console.log(`LISTENING ${address.port}`);
  const stop = async () => {
    await app.close();
    await database.close();
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop());
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
