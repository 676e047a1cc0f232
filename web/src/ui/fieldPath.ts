/**
 * Where a server's field error belongs in a form. The API names fields three ways: a service's
 * `seats[0].closeRelative`, the Zod route schema's `body.seats.0.closeRelative`, and a route's own
 * prefix such as `seat.personId` — all three must land on the same antd field path.
 */
export function formFieldOf(serverField: string, prefixes: readonly string[] = []): (string | number)[] {
  const path = serverField.replace(/\[(\d+)\]/g, '.$1').split('.').filter((p) => p !== '')
    .map((p) => (/^\d+$/.test(p) ? Number(p) : p));
  if (path[0] === 'body') path.shift();
  if (path.length > 1 && prefixes.includes(String(path[0]))) path.shift();
  return path;
}
