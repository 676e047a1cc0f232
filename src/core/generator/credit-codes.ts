import { CREDIT_CODE_CHARSET, creditCodeCheckChar, orgCodeCheckChar } from '../../domain/credit-code.js';

/**
 * Unique, valid 统一社会信用代码 for generated enterprises. The body is an affine permutation of
 * the enterprise's ordinal, so codes never repeat within a run (no set of issued codes to keep)
 * and stay the same for the same seed. New-style bodies start "MA" + 6 chars (issued since 2015);
 * older ones are 8 digits (the old 组织机构代码). Both carry a valid GB 11714 check char.
 */
const NEW_SPACE = 31 ** 6;
const OLD_SPACE = 10 ** 8;

export type CreditCodeMaker = (ordinal: number, county6: string, modern: boolean) => string;

export function creditCodeMaker(seed: number): CreditCodeMaker {
  // Multipliers coprime with the spaces (not divisible by 31, resp. by 2 or 5) make the maps bijective.
  const aNew = 1_000_003 + (seed % 1000) * 62;
  const bNew = (seed * 7919) % NEW_SPACE;
  const aOld = 3_141_593 + (seed % 1000) * 10;
  const bOld = (seed * 104_729) % OLD_SPACE;
  return (ordinal, county6, modern) => {
    const body8 = modern
      ? `MA${toBase31(Number((BigInt(aNew) * BigInt(ordinal) + BigInt(bNew)) % BigInt(NEW_SPACE)), 6)}`
      : String(Number((BigInt(aOld) * BigInt(ordinal) + BigInt(bOld)) % BigInt(OLD_SPACE))).padStart(8, '0');
    return withChecks('91', county6, body8);
  };
}

export function withChecks(authorityAndType: string, county6: string, body8: string): string {
  const first17 = `${authorityAndType}${county6}${body8}${orgCodeCheckChar(body8)}`;
  return first17 + creditCodeCheckChar(first17);
}

function toBase31(n: number, width: number): string {
  let out = '';
  for (let i = 0; i < width; i++) {
    out = CREDIT_CODE_CHARSET[n % 31] + out;
    n = Math.floor(n / 31);
  }
  return out;
}
