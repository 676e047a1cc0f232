import { ENTERPRISE_FACT_FIELDS } from '../../domain/enterprise-facts.js';

/** factKey → its Chinese column header, for summaries and history shown to people. */
export const FACT_LABEL: Record<string, string> = Object.fromEntries(ENTERPRISE_FACT_FIELDS.map((f) => [f.key, f.label]));
