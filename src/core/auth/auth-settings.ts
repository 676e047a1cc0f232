/** Sign-in settings from the environment (README "Settings"). */
export type AuthSettings = {
  /** system_admin and org_admin must enrol TOTP before using anything else. */
  requireTotpForAdmins: boolean;
  /** Sign-in attempts per IP per minute (route-level rate limit). */
  signInRateLimit: number;
};

const flag = (v: string | undefined): boolean | undefined => {
  if (v === undefined || v === '') return undefined;
  return ['1', 'true', 'yes', 'on'].includes(v.toLowerCase());
};

/**
 * LX_REQUIRE_TOTP_FOR_ADMINS: default on when NODE_ENV=production, off otherwise so a demo or a
 * development install can be signed into without a phone. Production deployments set NODE_ENV.
 */
export function loadAuthSettings(env: NodeJS.ProcessEnv = process.env): AuthSettings {
  const limit = Number(env.LX_SIGN_IN_RATE_LIMIT ?? 10);
  return {
    requireTotpForAdmins: flag(env.LX_REQUIRE_TOTP_FOR_ADMINS) ?? env.NODE_ENV === 'production',
    signInRateLimit: Number.isInteger(limit) && limit > 0 ? limit : 10,
  };
}
