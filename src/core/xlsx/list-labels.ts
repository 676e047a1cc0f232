/** Words shared by the organisation, union and instructor exports. */
export const STATUS_LABEL: Record<string, string> = { active: '正常', dissolved: '已撤销', inactive: '已停用' };
/** How the reader sees a record: by its own place, or only through a link to an enterprise in their scope. */
export const ACCESS_LABEL: Record<string, string> = { full: '本辖区', partial: '经关联企业可见' };
export const yesNo = (v: boolean): string => (v ? '是' : '否');
