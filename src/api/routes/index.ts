import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppContext } from '../context.js';
import { auditRoutes } from './audit.routes.js';
import { authRoutes } from './auth.routes.js';
import { healthRoutes } from './health.routes.js';
import { userRoutes } from './user.routes.js';
import { personRoutes } from './person.routes.js';
import { regionRoutes } from './region.routes.js';

/** Every route module, one line each. New modules add themselves here (and to the permission matrix). */
export const routeModules: Array<(ctx: AppContext) => FastifyPluginAsyncZod> = [
  healthRoutes,
  authRoutes,
  userRoutes,
  auditRoutes,
  personRoutes,
  regionRoutes,
];
