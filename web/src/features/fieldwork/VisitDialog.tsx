import { Checkbox, Form, Input } from 'antd';
import { VISIT_FINDING_LABEL, VISIT_FINDINGS, type VisitFinding } from '../../../../src/domain/fieldwork';
import { DATE_RULE, FormDialog, today } from '../orgs/ui';
import { logVisit } from './api';

type Values = { visitedOn: string; findings: VisitFinding[]; notes: string };

/**
 * 登记走访 on the phone: the date (today), what was found (ticks), a note — one screen, one button.
 * 问题已整改 is ticked alone: ticking it clears the problems, ticking a problem clears it.
 */
export function VisitDialog({ enterprise, onClose, onDone }: { enterprise: { id: string; name: string } | null; onClose: () => void; onDone: () => void }) {
  return (
    <FormDialog<Values> title={`登记走访：${enterprise?.name ?? ''}`} open={!!enterprise} onClose={onClose} onDone={onDone} okText="提交" testId="visit-form"
      initialValues={{ visitedOn: today(), findings: [], notes: '' }} serverFields={['visitedOn', 'findings', 'notes']}
      submit={async (v) => {
        const out = await logVisit({ enterpriseId: enterprise!.id, visitedOn: v.visitedOn, findings: v.findings ?? [], notes: v.notes ?? '' });
        if (out.findings.includes('resolved')) return out.taskId ? '已登记走访，待办已办结（实地核实已整改）' : '已登记走访';
        return out.taskId ? '已登记走访，发现的问题已转街道待办' : '已登记走访';
      }}>
      {(form) => (
        <>
          <Form.Item name="visitedOn" label="走访日期" rules={[DATE_RULE]}><Input type="date" max={today()} /></Form.Item>
          <Form.Item name="findings" label="发现情况（可多选）">
            <Checkbox.Group style={{ display: 'flex', flexDirection: 'column', gap: 8 }} onChange={(next) => {
              const prev: VisitFinding[] = form.getFieldValue('findings') ?? [];
              const added = (next as VisitFinding[]).find((f) => !prev.includes(f));
              if (added === 'resolved') form.setFieldValue('findings', ['resolved']);
              else if (added) form.setFieldValue('findings', (next as VisitFinding[]).filter((f) => f !== 'resolved'));
            }} options={VISIT_FINDINGS.map((f) => ({ value: f, label: VISIT_FINDING_LABEL[f] }))} />
          </Form.Item>
          <Form.Item name="notes" label="走访记录"><Input.TextArea rows={3} maxLength={4000} placeholder="见到了谁、谈了什么、下一步" /></Form.Item>
        </>
      )}
    </FormDialog>
  );
}
