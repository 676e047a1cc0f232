/**
 * Password policy (issue 4, sign-in): at least 10 characters, at least three of the four classes
 * (lower case, upper case, digit, other), and not the user name (nor containing it). Applied when a
 * user is created, when an administrator resets a password and when a user changes their own.
 */
export const PASSWORD_MIN_LENGTH = 10;
export const PASSWORD_MAX_LENGTH = 256;

export type PasswordViolation = 'too_short' | 'too_long' | 'too_few_classes' | 'contains_username';

const VIOLATION_MESSAGE: Record<PasswordViolation, string> = {
  too_short: `密码至少 ${PASSWORD_MIN_LENGTH} 个字符`,
  too_long: `密码不能超过 ${PASSWORD_MAX_LENGTH} 个字符`,
  too_few_classes: '密码须包含大写字母、小写字母、数字、其他符号中的至少三类',
  contains_username: '密码不能是用户名，也不能包含用户名',
};

export const passwordViolationMessage = (v: PasswordViolation): string => VIOLATION_MESSAGE[v];

export function characterClasses(password: string): number {
  const classes = [/[a-z]/, /[A-Z]/, /[0-9]/, /[^a-zA-Z0-9]/];
  return classes.filter((re) => re.test(password)).length;
}

/** Every rule the password breaks; empty when it is acceptable. Length counts code points. */
export function checkPassword(password: string, username: string): PasswordViolation[] {
  const out: PasswordViolation[] = [];
  const length = [...password].length;
  if (length < PASSWORD_MIN_LENGTH) out.push('too_short');
  if (length > PASSWORD_MAX_LENGTH) out.push('too_long');
  if (characterClasses(password) < 3) out.push('too_few_classes');
  const name = username.trim().toLowerCase();
  if (name.length > 0 && password.toLowerCase().includes(name)) out.push('contains_username');
  return out;
}
