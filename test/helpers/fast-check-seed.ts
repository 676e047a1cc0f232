import fc from 'fast-check';

/**
 * CI runs every property test with one pinned seed, so a landing never depends on luck; anywhere
 * else each run explores new cases. A failure prints its seed: LX_FC_SEED=<seed> replays it.
 */
const pinned = process.env.LX_FC_SEED ?? (process.env.CI ? '20261122' : undefined);
if (pinned !== undefined) fc.configureGlobal({ seed: Number(pinned) });
