/**
 * "超过半数": strictly more than half. The 支部大会's quorum and vote (支部工作条例第十一条, and the
 * admission vote of 发展党员工作细则) count against the members with a vote who should attend.
 */
export const moreThanHalf = (part: number, whole: number): boolean => part * 2 > whole;
