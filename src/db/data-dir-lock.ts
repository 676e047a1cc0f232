import fs from 'node:fs';
import path from 'node:path';
import { AppError } from '../domain/errors.js';

/**
 * A PGlite directory opened by two processes is destroyed, so whoever opens it holds
 * `<dataDir>/liangxin.lock` (O_EXCL, with its pid). A lock whose process is gone is taken over.
 */
export function acquireDataDirLock(dataDir: string, purpose: string): () => void {
  fs.mkdirSync(dataDir, { recursive: true });
  const file = path.join(dataDir, 'liangxin.lock');
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = fs.openSync(file, 'wx');
      fs.writeSync(fd, JSON.stringify({ pid: process.pid, purpose, since: new Date().toISOString() }));
      fs.closeSync(fd);
      return () => {
        try {
          const held = JSON.parse(fs.readFileSync(file, 'utf8')) as { pid: number };
          if (held.pid === process.pid) fs.unlinkSync(file);
        } catch {
          /* already gone */
        }
      };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      const holder = readHolder(file);
      if (holder && holder.pid !== process.pid && isAlive(holder.pid)) {
        throw new AppError(
          'DATA_DIR_LOCKED',
          `数据目录 ${dataDir} 正被另一个进程（PID ${holder.pid}，${holder.purpose}）使用。` +
            '嵌入式数据库不能被两个进程同时打开：请先停止该进程（例如运行中的服务），或改用 DATABASE_URL 连接 PostgreSQL 服务器。',
        );
      }
      fs.rmSync(file, { force: true }); // stale: its process is gone
    }
  }
  throw new AppError('DATA_DIR_LOCKED', `无法锁定数据目录 ${dataDir}`);
}

function readHolder(file: string): { pid: number; purpose: string } | null {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8')) as { pid: number; purpose: string };
  } catch {
    return null;
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}
