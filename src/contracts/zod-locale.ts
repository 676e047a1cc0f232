import { z } from 'zod';

/**
 * Zod's own messages (a wrong type, a number too small) in Chinese for every schema, so a detail
 * that no schema worded itself still reads as Chinese to the person who sent the request.
 * Imported for its effect by the server and the CLI (the web validates nothing with Zod).
 */
z.config(z.locales.zhCN());
