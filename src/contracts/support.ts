import { z } from 'zod';
import { DateString, IdString } from './party-org.js';

/** The support ledger of an organisation (docs/support.md): funding, sites, the enterprise's expense, 党费 returned. */
const Text = (max: number) => z.string().trim().min(1).max(max);
const Version = z.number().int().min(1);
const Year = z.coerce.number().int().min(2014).max(2100);

export const FundingInput = z.object({ givenOn: DateString, amountFen: z.number().int().min(1).max(100_000_000_000), source: Text(100), purpose: Text(200) }).strict();
export type FundingInput = z.infer<typeof FundingInput>;
export const FundingUpdate = FundingInput.extend({ version: Version }).strict();
export type FundingUpdate = z.infer<typeof FundingUpdate>;
export const SiteInput = z.object({ address: Text(200), areaM2: z.number().int().min(1).max(100_000), shared: z.boolean() }).strict();
export type SiteInput = z.infer<typeof SiteInput>;
export const SiteUpdate = SiteInput.extend({ version: Version }).strict();
export type SiteUpdate = z.infer<typeof SiteUpdate>;
export const ExpenseInput = z.object({
  year: z.number().int().min(2014).max(2100), payrollFen: z.number().int().min(0).max(100_000_000_000_000), amountFen: z.number().int().min(0).max(100_000_000_000_000),
  /** The version of the year's report when it exists (a second report of a year edits the first). */
  version: Version.optional(),
}).strict();
export type ExpenseInput = z.infer<typeof ExpenseInput>;

export const Funding = z.object({ id: z.string(), givenOn: z.string(), amountFen: z.number(), source: z.string(), purpose: z.string(), version: z.number() });
export const Site = z.object({ id: z.string(), address: z.string(), areaM2: z.number(), shared: z.boolean(), version: z.number() });
export const Expense = z.object({ id: z.string(), year: z.number(), payrollFen: z.number(), amountFen: z.number(), capFen: z.number(), overCap: z.boolean(), version: z.number() });
export const OrgSupport = z.object({
  orgId: z.string(), orgName: z.string(), year: z.number(), manageable: z.boolean(),
  funding: z.array(Funding), fundingFen: z.number(), sites: z.array(Site), siteAreaM2: z.number(),
  expense: Expense.nullable(), duesPaidFen: z.number(), duesReturnedFen: z.number(), returnRatioBp: z.number(), enterpriseOrg: z.boolean(),
  sources: z.object({ expense: z.string(), duesReturn: z.string() }),
});
export type OrgSupport = z.infer<typeof OrgSupport>;
export const SupportYearQuery = z.object({ year: Year }).strict();
export const SupportParams = z.object({ id: IdString });
/** Deleting a site: its version, and the year the page shows (the answer is that year's ledger). */
export const SiteDeleteQuery = z.object({ year: Year, version: z.coerce.number().int().min(1) }).strict();
export const SupportItemParams = z.object({ id: IdString, itemId: IdString });

export const SupportRollupQuery = z.object({
  year: Year, level: z.enum(['street', 'district']).default('street'), region: z.string().regex(/^\d{2,12}$/).optional(),
}).strict();
export type SupportRollupQuery = z.infer<typeof SupportRollupQuery>;
const Sums = { orgs: z.number(), fundingFen: z.number(), sites: z.number(), siteAreaM2: z.number(), expenseFen: z.number(), duesReturnedFen: z.number() };
export const SupportRollup = z.object({
  year: z.number(), level: z.enum(['street', 'district']), returnRatioBp: z.number(),
  rows: z.array(z.object({ regionCode: z.string(), regionName: z.string(), ...Sums })), total: z.object(Sums),
});
export type SupportRollup = z.infer<typeof SupportRollup>;
export const SupportOrgsQuery = z.object({ year: Year, region: z.string().regex(/^\d{2,12}$/).optional() }).strict();
export type SupportOrgsQuery = z.infer<typeof SupportOrgsQuery>;
export const SupportOrgRow = z.object({
  orgId: z.string(), orgName: z.string(), regionCode: z.string().nullable(), fundingFen: z.number(), sites: z.number(), siteAreaM2: z.number(),
  expenseFen: z.number(), duesPaidFen: z.number(), duesReturnedFen: z.number(), access: z.enum(['full', 'partial']),
});
export type SupportOrgRow = z.infer<typeof SupportOrgRow>;
export const SupportOrgs = z.object({ year: z.number(), items: z.array(SupportOrgRow), total: z.number() });
export type SupportOrgs = z.infer<typeof SupportOrgs>;
