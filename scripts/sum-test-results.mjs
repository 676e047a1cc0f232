// Prints one closing line over all suites' vitest JSON reports: "Tests: N passed, N failed, N skipped".
import fs from 'node:fs';

// Above it, each failed test by suite, file and name: the end of a long log is what is read first.
let passed = 0, failed = 0, skipped = 0;
for (const file of process.argv.slice(2)) {
  const r = JSON.parse(fs.readFileSync(file, 'utf8'));
  passed += r.numPassedTests;
  failed += r.numFailedTests;
  skipped += r.numPendingTests + (r.numTodoTests ?? 0);
  for (const t of r.testResults ?? []) {
    for (const a of t.assertionResults ?? []) {
      if (a.status !== 'failed') continue;
      const where = t.name.replace(/^.*?\/test\//, 'test/');
      console.log(`FAILED (${file.replace(/^.*\//, '').replace(/\.json$/, '')}) ${where} > ${a.fullName ?? a.title}`);
      const first = (a.failureMessages ?? [])[0];
      if (first) console.log(`  ${first.split('\n').slice(0, 3).join('\n  ').slice(0, 600)}`);
    }
  }
}
console.log(`Tests: ${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(failed > 0 || passed === 0 ? 1 : 0);
