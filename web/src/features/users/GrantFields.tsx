import { Form, Select } from 'antd';
import { ROLE_LABEL, ROLES } from '../../../../src/domain/permissions';
import { RegionSelect, regionPrefix } from '../../ui/RegionSelect';

/** Role + scope fields of a grant. Region is picked from the tree; ids are typed (comma separated). */
export function GrantFields() {
  return (
    <>
      <Form.Item name="role" label="角色" rules={[{ required: true, message: '请选择角色' }]}>
        <Select options={ROLES.map((r) => ({ value: r, label: ROLE_LABEL[r] }))} data-testid="grant-role" />
      </Form.Item>
      <Form.Item name="region" label="管理区划" extra="所选区划及其全部下级">
        <RegionSelect onChange={() => undefined} data-testid="grant-region" />
      </Form.Item>
      <Form.Item name="parkIds" label="园区编号"><Select mode="tags" tokenSeparators={[',', '，', ' ']} /></Form.Item>
      <Form.Item name="associationIds" label="行业协会（商会）编号"><Select mode="tags" tokenSeparators={[',', '，', ' ']} /></Form.Item>
      <Form.Item name="enterpriseIds" label="企业编号"><Select mode="tags" tokenSeparators={[',', '，', ' ']} /></Form.Item>
    </>
  );
}

export type GrantForm = { role: string; region?: string; parkIds?: string[]; associationIds?: string[]; enterpriseIds?: string[] };

export const grantOfForm = (f: GrantForm) => ({
  role: f.role as (typeof ROLES)[number],
  allRegions: false,
  regionPrefixes: f.region ? [regionPrefix(f.region)] : [],
  parkIds: f.parkIds ?? [],
  associationIds: f.associationIds ?? [],
  partyOrgIds: [],
  enterpriseIds: f.enterpriseIds ?? [],
});
