#!/usr/bin/env node
// Runs the TypeScript CLI through tsx's loader, so `npx liangxin` works without a build step.
import { register } from 'tsx/esm/api';
import { fileURLToPath, pathToFileURL } from 'node:url';
import path from 'node:path';

register();
const here = path.dirname(fileURLToPath(import.meta.url));
const { runCli } = await import(pathToFileURL(path.join(here, '..', 'src', 'cli', 'index.ts')).href);
await runCli(process.argv);
