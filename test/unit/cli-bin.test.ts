import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildProgram } from '../../src/cli/index.js';

/**
 * The CLI as people run it: through the package's bin, under the name npm links it with
 * (node_modules/.bin/liangxin, no ".js"), and through `npx liangxin` in the project. It once
 * printed nothing there, because it only started when its path ended in "liangxin.js".
 */
const root = path.resolve('.');
const commands = buildProgram().commands.map((c) => c.name());
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'lx-bin-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

const expectHelp = (r: ReturnType<typeof spawnSync>) => {
  expect(r.status, String(r.stderr)).toBe(0);
  const out = String(r.stdout);
  expect(out).toContain('两新党建与工会工作平台 命令行工具');
  for (const name of commands) expect(out, name).toMatch(new RegExp(`^\\s+${name}\\b`, 'm'));
};

describe('liangxin through its installed bin', () => {
  it('lists every command when run through the link npm makes (node_modules/.bin/liangxin)', () => {
    // the layout `npm install` leaves: the package in node_modules/liangxin, its bin linked by name
    fs.mkdirSync(path.join(tmp, 'node_modules', '.bin'), { recursive: true });
    fs.symlinkSync(root, path.join(tmp, 'node_modules', 'liangxin'), 'dir');
    fs.symlinkSync(path.join('..', 'liangxin', 'bin', 'liangxin.js'), path.join(tmp, 'node_modules', '.bin', 'liangxin'));
    expectHelp(spawnSync(path.join(tmp, 'node_modules', '.bin', 'liangxin'), ['--help'], { cwd: tmp, encoding: 'utf8', timeout: 60_000 }));
  });

  it('lists every command through `npx liangxin --help` in the project', () => {
    expectHelp(spawnSync('npx', ['--offline', 'liangxin', '--help'], { cwd: root, encoding: 'utf8', timeout: 90_000 }));
  });

  it('exits non-zero for an unknown command', () => {
    const r = spawnSync(path.join(root, 'bin', 'liangxin.js'), ['no-such-command'], { encoding: 'utf8', timeout: 60_000 });
    expect(r.status).not.toBe(0);
  });
});
