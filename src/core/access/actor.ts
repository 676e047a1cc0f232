/** Who is acting. Built once per request (api/plugins/auth.ts) or per CLI run (cli/context.ts). */
export type RoleGrant = {
  role: string;
  allRegions: boolean;
  regionPrefixes: string[];
  parkIds: string[];
  associationIds: string[];
  partyOrgIds: string[];
  enterpriseIds: string[];
};

export type Actor = {
  kind: 'user' | 'system';
  userId: string | null;
  username: string;
  ip: string | null;
  userAgent: string | null;
  grants: RoleGrant[];
};

/** The CLI and background jobs act as the system over everything; their changes are audited as such. */
export const systemActor = (username = 'system'): Actor => ({
  kind: 'system',
  userId: null,
  username,
  ip: null,
  userAgent: null,
  grants: [
    { role: 'system_admin', allRegions: true, regionPrefixes: [], parkIds: [], associationIds: [], partyOrgIds: [], enterpriseIds: [] },
  ],
});
