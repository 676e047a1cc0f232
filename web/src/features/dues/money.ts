/** Fen → “12.34” for a table cell (the amounts are integer fen everywhere else). */
export const yuanText = (fen: number | null | undefined): string => (fen === null || fen === undefined ? '—' : (fen / 100).toFixed(2));

/** “12.5” → 1250; null when not an amount with at most two decimals. */
export function parseYuanInput(text: string): number | null {
  const m = /^(\d{1,7})(?:\.(\d{1,2}))?$/.exec(text.trim());
  return m ? Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0')) : null;
}

/** The month before this one, `YYYY-MM` (the month a ledger is usually kept for). */
export function lastMonth(now = new Date()): string {
  const d = new Date(now.getFullYear(), now.getMonth() - 1, 1);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}`;
}
