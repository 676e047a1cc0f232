/**
 * 学习 (issue 17 item 6; docs/study.md): the topics and kinds of study materials, in the words a
 * district's organisation department uses. The database mirrors these in 0058_study.sql.
 *
 * A rule of the product (反对"指尖上的形式主义"): the platform never measures reading — no time quotas,
 * no points, no ranking of people. Nothing here names such a figure, and nothing may be added that does.
 */
export const STUDY_TOPICS = ['theory', 'charter', 'history', 'law', 'union', 'business'] as const;
export type StudyTopic = typeof STUDY_TOPICS[number];

export const STUDY_TOPIC_LABELS: Record<StudyTopic, string> = {
  theory: '党的理论', charter: '党章党规', history: '党史学习', law: '法律法规', union: '工会知识', business: '业务培训',
};

export const STUDY_KINDS = ['document', 'audio', 'video', 'text'] as const;
export type StudyKind = typeof STUDY_KINDS[number];

export const STUDY_KIND_LABELS: Record<StudyKind, string> = { document: '文件', audio: '音频', video: '视频', text: '图文' };

export const STUDY_STATUSES = ['published', 'withdrawn'] as const;
export type StudyStatus = typeof STUDY_STATUSES[number];
export const STUDY_STATUS_LABELS: Record<StudyStatus, string> = { published: '已发布', withdrawn: '已撤回' };

/** Audio and video are links to where they are published (a player of the official site). */
export const studyNeedsUrl = (kind: StudyKind): boolean => kind === 'audio' || kind === 'video';

/** What a material lacks for its kind, as the form's field and Chinese message; null when complete. */
export function studyContentMissing(m: { kind: StudyKind; url?: string | null; body?: string | null }): { field: 'url' | 'body'; message: string } | null {
  if (studyNeedsUrl(m.kind) && !m.url) return { field: 'url', message: `${STUDY_KIND_LABELS[m.kind]}资料请填写播放地址（链接）` };
  if (m.kind === 'text' && !m.body) return { field: 'body', message: '图文资料请填写正文' };
  return null;
}
