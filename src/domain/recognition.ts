/** Recognition of Party organisations (docs/standards.md "Recognition"): kinds and levels with their labels. */
export const RECOGNITION_KINDS = ['modelSite', 'contactPoint', 'orgAward', 'personAward'] as const;
export type RecognitionKind = (typeof RECOGNITION_KINDS)[number];
export const RECOGNITION_KIND_LABELS: Record<RecognitionKind, string> = {
  modelSite: '党建示范点', contactPoint: '党建工作联系点', orgAward: '组织表彰（先进基层党组织、五星党组织等）', personAward: '个人表彰（优秀共产党员、优秀党务工作者）',
};
export const RECOGNITION_LEVELS = ['street', 'district', 'city', 'province', 'national'] as const;
export type RecognitionLevel = (typeof RECOGNITION_LEVELS)[number];
export const RECOGNITION_LEVEL_LABELS: Record<RecognitionLevel, string> = { street: '街道（乡镇）级', district: '区（县）级', city: '市级', province: '省级', national: '全国' };
