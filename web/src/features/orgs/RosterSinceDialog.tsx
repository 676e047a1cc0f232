import { Alert, Form, Input } from 'antd';
import type { PartyOrgDetail } from '../../../../src/contracts/party-org';
import { setRosterSince } from './api';
import { DATE_RULE, FormDialog, today } from './ui';

/**
 * 党员名册启用日期 (docs/members.md, "Counts"): from this date the organisation's 正式/预备党员 are
 * counted from its roster and the typed numbers (填报数) no longer apply. Not after today, not
 * before the founding date; sends the version the page was read at.
 */
export function RosterSinceDialog({ org, open, onClose, onDone, onReload }: { org: PartyOrgDetail; open: boolean; onClose: () => void; onDone: () => void; onReload: () => void }) {
  const rules = [DATE_RULE, {
    validator: (_: unknown, v?: string) => {
      if (v && v > today()) return Promise.reject(new Error('党员名册启用日期不能晚于今天'));
      if (v && org.foundedOn && v < org.foundedOn) return Promise.reject(new Error(`党员名册启用日期不能早于党组织成立日期（${org.foundedOn}）`));
      return Promise.resolve();
    },
  }];
  return (
    <FormDialog<{ rosterSince: string }> title="党员名册启用日期" open={open} onClose={onClose} onDone={onDone} onReload={onReload}
      initialValues={{ rosterSince: org.rosterSince ?? today() }}
      submit={async (v) => { await setRosterSince(org.id, { version: org.version, rosterSince: v.rosterSince }); return '已设定党员名册启用日期'; }}>
      {org.memberCountSource === 'typed' && (
        <Alert type="info" showIcon style={{ marginBottom: 12 }}
          title={`启用后，本组织的正式党员、预备党员人数按党员名册统计，不再使用填报数（现填报 ${org.fullMembers} / ${org.probationaryMembers} 名）。请先在党员名册中登记全部党员。`} />
      )}
      <Form.Item name="rosterSince" label="启用日期" rules={rules}><Input type="date" data-testid="roster-since-input" /></Form.Item>
    </FormDialog>
  );
}
