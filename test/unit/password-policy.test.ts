import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { checkPassword, characterClasses, passwordViolationMessage, type PasswordViolation } from '../../src/domain/password-policy.js';

describe('password policy', () => {
  const cases: Array<[string, string, PasswordViolation[]]> = [
    ['Abcdefgh12', 'zhang', []],
    ['abcdefgh12', 'zhang', ['too_few_classes']],
    ['abcdefgh!2', 'zhang', []],
    ['ABCDEFGH!2', 'zhang', []],
    ['Abcdefgh!', 'zhang', ['too_short']],
    ['Ab1!', 'zhang', ['too_short']],
    ['abcdefghijkl', 'zhang', ['too_few_classes']],
    ['1234567890', 'zhang', ['too_few_classes']],
    ['Zhang12345!', 'zhang', ['contains_username']],
    ['xxZHANGxx1!', 'zhang', ['contains_username']],
    ['党建工作平台密码Ab1', 'zhang', []],
    ['党建工作平台密码很长', 'zhang', ['too_few_classes']],
    ['short', 'short', ['too_short', 'too_few_classes', 'contains_username']],
    ['A'.repeat(255) + 'b1', 'zhang', ['too_long']],
  ];
  it.each(cases)('%s (user %s) → %j', (password, username, expected) => {
    expect(checkPassword(password, username)).toEqual(expected);
  });

  it('counts the four classes', () => {
    expect(characterClasses('aA1!')).toBe(4);
    expect(characterClasses('aaaa')).toBe(1);
    expect(characterClasses('中文')).toBe(1);
  });

  it('every violation has a Chinese message', () => {
    for (const v of ['too_short', 'too_long', 'too_few_classes', 'contains_username'] as const) {
      expect(passwordViolationMessage(v)).toMatch(/[\u4e00-\u9fa5]/);
    }
  });

  it('property: a password shorter than 10 code points never passes', () => {
    fc.assert(fc.property(fc.string({ maxLength: 9, unit: 'grapheme' }), (pw) => {
      return checkPassword(pw, 'u').includes('too_short') || [...pw].length >= 10;
    }));
  });

  it('property: appending the user name always fails', () => {
    fc.assert(fc.property(fc.string({ minLength: 1, maxLength: 12 }).filter((s) => s.trim().length > 0), (name) => {
      return checkPassword(`Ab1!Ab1!Ab1!${name}`, name).includes('contains_username');
    }));
  });
});
