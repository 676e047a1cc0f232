import { printImportBench, runImportBench, type Engine } from './import.bench.js';

/**
 * `npm run bench -- <name> [options]`:
 *   import [--rows N] [--json] [--engines pglite,postgres]   (docs/benchmarks.md)
 *   rules  [--rows N] [--json]                                (bench/rules.bench.ts)
 *   coverage [--rows N,M] [--json] [--engines pglite,postgres] (bench/coverage.bench.ts)
 *   first-start [--scope 4403] [--timeout S] [--json] (bench/first-start.bench.ts)
 *   scoped-list [--rows N] [--engines postgres] [--seconds S] [--rounds R] [--concurrency C] [--json] (bench/scoped-list.bench.ts)
 *   members [--rows N] [--orgs K] [--heap MB] [--dues-only] [--dues-members N] [--engine postgres|pglite] [--json]
 *                                                              (bench/members.bench.ts, PostgreSQL)
 *   member-import [--rows N] [--orgs K] [--engines pglite,postgres] [--json] (bench/member-import.bench.ts)
 *   union-members [--rows N] [--json]                           (bench/union-members.bench.ts, PostgreSQL)
 *   inbox [--rows 10000,100000,1000000] [--json]                 (bench/inbox.bench.ts, PostgreSQL)
 *   load [--json] [--minutes N] [--users N] [--enterprises N] [--think-ms N] [--faults] (bench/load.bench.ts, PostgreSQL)
 */
function option(argv: string[], name: string): string | undefined {
  const at = argv.indexOf(name);
  return at >= 0 ? argv[at + 1] : undefined;
}

async function main(argv: string[]): Promise<void> {
  const [name] = argv;
  if (name === 'import') {
    const rows = option(argv, '--rows');
    const sizes = rows ? rows.split(',').map(Number) : [100_000, 1_000_000];
    if (sizes.some((n) => !Number.isInteger(n) || n < 1)) throw new Error('--rows 应为正整数（可用逗号分隔多个）');
    const engines = (option(argv, '--engines') ?? 'pglite,postgres').split(',') as Engine[];
    if (engines.some((e) => e !== 'pglite' && e !== 'postgres')) throw new Error('--engines 只能是 pglite、postgres');
    const json = argv.includes('--json');
    const report = await runImportBench({ sizes, engines, log: (m) => (json ? process.stderr.write(m + '\n') : console.log(m)) });
    if (json) console.log(JSON.stringify(report));
    else printImportBench(report);
    return;
  }
  if (name === 'rules') {
    const { main: rules } = await import('./rules.bench.js');
    return rules(argv.slice(1));
  }
  if (name === 'coverage') {
    const { main: coverage } = await import('./coverage.bench.js');
    return coverage(argv.slice(1));
  }
  if (name === 'first-start') {
    const { main: firstStart } = await import('./first-start.bench.js');
    return firstStart(argv.slice(1));
  }
  if (name === 'life') {
    const { main: life } = await import('./life.bench.js');
    return life(argv.slice(1));
  }
  if (name === 'members') {
    const { main: members } = await import('./members.bench.js');
    return members(argv.slice(1));
  }
  if (name === 'member-import') {
    const { main: memberImport } = await import('./member-import.bench.js');
    return memberImport(argv.slice(1));
  }
  if (name === 'union-members') {
    const { main: unionMembers } = await import('./union-members.bench.js');
    return unionMembers(argv.slice(1));
  }
  if (name === 'inbox') {
    const { main: inbox } = await import('./inbox.bench.js');
    return inbox(argv.slice(1));
  }
  if (name === 'load') {
    const { main: loadBench } = await import('./load.bench.js');
    return loadBench(argv.slice(1));
  }
  if (name === 'scoped-list') {
    const { main: scopedList } = await import('./scoped-list.bench.js');
    return scopedList(argv.slice(1));
  }
  console.error('用法：npm run bench -- import [--rows N] [--json] [--engines pglite,postgres] | rules [--rows N] [--json] | coverage [--rows N,M] [--json] [--engines pglite,postgres] | scoped-list [--rows N] [--engines postgres] [--json] | first-start [--scope 4403] [--timeout S] [--json]');
  process.exitCode = 2;
}

main(process.argv.slice(2)).catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
