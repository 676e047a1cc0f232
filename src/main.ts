import { buildApp } from './api/app.js';
import { openConfiguredDatabase } from './bootstrap.js';
import { loadConfig } from './config.js';
import { openReadReplica } from './db/read-replica.js';
import { ensureFirstAdmin } from './core/auth/auth.service.js';
import { startRegionDictionary } from './core/region/region-startup.js';
import { startSnapshotScheduler } from './core/coverage/snapshot-scheduler.js';
import { startTransferSweep } from './core/member-transfer/transfer-sweep.js';
import { AppError } from './domain/errors.js';

async function main(): Promise<void> {
  const config = loadConfig();
  const database = await openConfiguredDatabase(config, `server on port ${config.port}`);
  // Serve at once: a fresh install loads the region dictionary in the background (minutes for the
  // whole country on PGlite), in this process, which alone may open DATA_DIR.
  let listening = (): void => {};
  const regions = await startRegionDictionary(database, config.regionScope, (line) => console.log(line), new Promise<void>((resolve) => (listening = resolve)));
  const admin = await ensureFirstAdmin(database.db);
  // A replica only makes sense beside a server primary; the embedded database has none.
  const readReplica = config.readDatabaseUrl && database.engine === 'postgres' ? openReadReplica(config.readDatabaseUrl) : undefined;
  const app = await buildApp({ database, config, regions, readReplica }, { logger: config.logLevel !== 'silent' });
  const shutdown = async () => {
    await app.close();
    await regions.stop(); // let the chunk in progress commit before the database closes
    await readReplica?.close();
    await database.close();
    process.exit(0);
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
  await app.listen({ port: config.port, host: config.host });
  listening();
  startSnapshotScheduler(database.db, (m) => app.log.info(m));
  startTransferSweep(database.db, (m) => app.log.info(m));
  const where = database.engine === 'pglite' ? `嵌入式数据库 ${config.dataDir}` : 'PostgreSQL';
  console.log(`\n两新党建与工会工作平台 已启动：http://${config.host === '0.0.0.0' ? 'localhost' : config.host}:${config.port}  (${where})`);
  if (admin) {
    console.log('\n首次启动，已创建管理员账号：');
    console.log(`  用户名：${admin.username}`);
    console.log(`  初始密码：${admin.password}`);
    console.log('  请用浏览器打开上面的地址登录；首次登录须修改密码。此密码只显示这一次。\n');
  }
}

main().catch((err: unknown) => {
  if (err instanceof AppError) console.error(`错误 [${err.code}]：${err.message}`);
  else console.error(err);
  process.exit(1);
});
