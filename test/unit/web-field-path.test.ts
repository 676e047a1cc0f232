import { describe, expect, it } from 'vitest';
import { formFieldOf } from '../../web/src/ui/fieldPath.js';

// The union committee's forms show the server's refusal (e.g. 《工会法》第十条 on a close relative) by
// the field it names; the three spellings the API uses must reach the same form field.
describe('formFieldOf', () => {
  it.each([
    ['seats[0].closeRelative', [], ['seats', 0, 'closeRelative']],
    ['body.seats.0.closeRelative', [], ['seats', 0, 'closeRelative']],
    ['seats[12].personId', [], ['seats', 12, 'personId']],
    ['seat.closeRelative', ['seat'], ['closeRelative']],
    ['body.seat.personId', ['seat'], ['personId']],
    ['heldOn', [], ['heldOn']],
    ['body.present', [], ['present']],
    ['seat', ['seat'], ['seat']],
  ] as const)('%s → %j', (field, prefixes, path) => {
    expect(formFieldOf(field, prefixes)).toEqual(path);
  });
});
