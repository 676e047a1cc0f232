import { describe, expect, it } from 'vitest';
import { declarationAnchor, declarationFindings, type DeclarationFacts } from '../../src/domain/declaration-checks.js';

/** 亮身份确认 through the approval engine (docs/approvals.md): the anchor rule and the findings that refuse the last level. */
describe('declarationAnchor', () => {
  it.each([
    ['the organisation chosen wins over any covering one', '7', [{ id: '3', depth: 2 }], '7'],
    ['the deepest covering organisation (a branch before its 党委)', undefined, [{ id: '3', depth: 0 }, { id: '9', depth: 1 }], '9'],
    ['at one depth, the lowest id', null, [{ id: '12', depth: 1 }, { id: '9', depth: 1 }], '9'],
    ['neither: no request', undefined, [], null],
  ] as const)('%s', (_name, chosen, covering, expected) => {
    expect(declarationAnchor(chosen, covering)).toBe(expected);
  });
});

describe('declarationFindings', () => {
  const facts = (membership: DeclarationFacts['membership'], registers: boolean): DeclarationFacts => ({ name: '周亦然', membership, registers });
  it.each([
    ['not on a roll, registering: nothing', facts(null, true), []],
    ['on a roll, not registering (employed at the enterprise): nothing', facts({ status: 'normal' }, false), []],
    ['on a roll while the request registers them: 党章第八条', facts({ status: 'mobile' }, true), ['declaration.alreadyOnRoll']],
    ['recorded as 已出党: verified first, either way', facts({ status: 'left' }, false), ['declaration.leftParty']],
    ['已出党 and registering: the one finding', facts({ status: 'left' }, true), ['declaration.leftParty']],
  ] as const)('%s', (_name, f, ids) => {
    const found = declarationFindings(f);
    expect(found.map((x) => x.ruleId)).toEqual(ids);
    for (const x of found) expect(`${x.title}${x.message}${x.source}`).toMatch(/周亦然|党章|本平台/);
  });
  it('cites its basis in Chinese, never a rule id', () => {
    const [x] = declarationFindings(facts({ status: 'normal' }, true));
    expect(x.source).toBe('《中国共产党章程》第八条：每个党员都必须编入党的一个支部、小组或其他特定组织');
    expect(x.message).not.toMatch(/declaration\./);
  });
});
