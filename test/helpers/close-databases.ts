import { afterAll } from 'vitest';
import { closeOpenDatabases } from './db.js';

// Registered before the file's own hooks, so it runs after them (vitest runs after-hooks as a stack).
afterAll(closeOpenDatabases);
