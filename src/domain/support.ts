import { DOC, PLATFORM_SETTING } from './rules/citations.js';

/**
 * The reserve talent pool and the support ledger (issue 15 items 4 and 7; docs/reserve-pool.md,
 * docs/support.md): the words people read and the 1%-of-payroll measure with its source.
 * The database mirrors the enums in 0033_reserve_pool_support.sql.
 */
export const AVAILABILITIES = ['fullTime', 'partTime', 'unavailable'] as const;
export type Availability = typeof AVAILABILITIES[number];
export const AVAILABILITY_LABELS: Record<Availability, string> = { fullTime: '可专职', partTime: '可兼职', unavailable: '暂不能任职' };

export const TALENT_STATUSES = ['active', 'placed', 'withdrawn'] as const;
export type TalentStatus = typeof TALENT_STATUSES[number];
export const TALENT_STATUS_LABELS: Record<TalentStatus, string> = { active: '储备中', placed: '已使用', withdrawn: '已退出' };

export const PLACEMENT_POSITIONS = ['secretary', 'deputySecretary', 'committeeMember'] as const;
export type PlacementPosition = typeof PLACEMENT_POSITIONS[number];
export const PLACEMENT_POSITION_LABELS: Record<PlacementPosition, string> = { secretary: '书记', deputySecretary: '副书记', committeeMember: '委员' };

/**
 * 非公有制企业党组织工作经费 may be booked as the enterprise's management expense and deducted before
 * corporate income tax up to 1% of the year's payroll (domain-rules §2, ◐: 中组部、财政部、税务总局
 * 2014-12-05, seen through a local implementing notice). The share is a platform setting.
 */
export const MANAGEMENT_EXPENSE_RATIO_BP = 100;
export const MANAGEMENT_EXPENSE_SINCE = '2014-12-05';
export const MANAGEMENT_EXPENSE_SOURCE = `中共中央组织部、财政部、国家税务总局关于非公有制企业党组织工作经费问题的通知（2014年12月5日，经地方实施文件转引：党组织工作经费纳入企业管理费列支，不超过职工年度工资薪金总额1%的部分可在企业所得税前扣除）；比例为${PLATFORM_SETTING}`;
export const DUES_RETURN_SOURCE = `${DOC.duesRegulation}；返还比例为地方规定（如成都市成组通〔2015〕49号对非公企业党员交纳的党费全额返还），在“党费设置”中设定`;

/** The source as cited when the province set its own ratio (培训和党建保障设置). */
export const expenseSourceFor = (ratioBp: number): string => (ratioBp === MANAGEMENT_EXPENSE_RATIO_BP
  ? MANAGEMENT_EXPENSE_SOURCE : `本辖区设置：按职工年度工资薪金总额的${ratioBp / 100}%计算列支上限（默认1%，${MANAGEMENT_EXPENSE_SOURCE}）`);

/** The cap of the deductible expense: payroll × ratio, half up to the fen. */
export const expenseCapFen = (payrollFen: number, ratioBp = MANAGEMENT_EXPENSE_RATIO_BP): number =>
  Math.floor((payrollFen * ratioBp + 5_000) / 10_000);
