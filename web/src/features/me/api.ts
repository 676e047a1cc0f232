import { apiGet } from '../../api/client';
import type { MyMember } from '../../../../src/contracts/member-transfer';

export const getMyMember = () => apiGet<MyMember>('/api/me/member');
