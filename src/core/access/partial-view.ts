/**
 * What a reader is shown of a record's links to enterprises (docs/organisations.md, "Seeing partly"):
 * all of them when the record is theirs by its own place, else only those in their scope, with the
 * rest as a count; `shows` keeps findings to the same enterprises. One rule for organisations,
 * unions and instructors.
 */
export function partialLinks<T extends { in_scope: boolean; enterprise_id: string }>(rows: T[], full: boolean) {
  const shown = full ? rows : rows.filter((r) => r.in_scope);
  const inScope = new Set(shown.map((r) => r.enterprise_id));
  return {
    shown,
    hiddenCount: rows.length - shown.length,
    shows: full ? undefined : (enterpriseId: string) => inScope.has(enterpriseId),
  };
}
