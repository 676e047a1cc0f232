import path from 'node:path';
import '../contracts/zod-locale.js';
import { pathToFileURL } from 'node:url';
import { Command } from 'commander';
import { registerAuditCommands } from './commands/audit.js';
import { registerDbCommands } from './commands/db.js';
import { registerExportCommands } from './commands/export.js';
import { registerImportCommands } from './commands/import.js';
import { registerKeysCommands } from './commands/keys.js';
import { registerRulesCommands } from './commands/rules.js';
import { registerDemoCommand } from './commands/demo.js';
import { registerGenCommands } from './commands/gen.js';
import { registerRegionCommands } from './commands/region.js';
import { registerUserCommands } from './commands/user.js';
import { registerOrgImportCommands } from './commands/org-import.js';
import { registerMemberCommands } from './commands/member-import.js';
import { registerSnapshotCommands } from './commands/snapshot.js';
import { registerReportCommands } from './commands/report.js';
import { registerDuesCommands } from './commands/dues.js';
import { registerTaskCommands } from './commands/tasks.js';
import { registerBackupCommands } from './commands/backup.js';
import { registerDigestCommands } from './commands/digest.js';
import { reportCliError } from './output.js';

/** `liangxin` — every command calls core services; none writes SQL. Commands register themselves here. */
export function buildProgram(): Command {
  const program = new Command('liangxin')
    .description('两新党建与工会工作平台 命令行工具')
    .showHelpAfterError();
  registerDbCommands(program);
  registerImportCommands(program);
  registerExportCommands(program);
  registerOrgImportCommands(program);
  registerAuditCommands(program);
  registerKeysCommands(program);
  registerRulesCommands(program);
  registerRegionCommands(program);
  registerUserCommands(program);
  registerGenCommands(program);
  registerMemberCommands(program);
  registerDemoCommand(program);
  registerSnapshotCommands(program);
  registerReportCommands(program);
  registerDuesCommands(program);
  registerTaskCommands(program);
  registerDigestCommands(program);
  registerBackupCommands(program);
  return program;
}

/** Runs the CLI on `argv` (bin/liangxin.js calls this, whatever name npm's link gives the bin). */
export async function runCli(argv: string[]): Promise<void> {
  await buildProgram().parseAsync(argv).catch((err: unknown) => reportCliError(err, argv.includes('--json')));
}

// `tsx src/cli/index.ts …` (npm run cli, the tests) runs it directly. The package's bin does not rely
// on this: npx and npm link it under another name (node_modules/.bin/liangxin), which no path test
// can foresee, so it calls runCli itself.
const isMain = !!process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href;
if (isMain) await runCli(process.argv);
