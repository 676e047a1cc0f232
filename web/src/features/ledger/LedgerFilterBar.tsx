import { useEffect, useState } from 'react';
import { Button, Flex, Input, Select } from 'antd';
import { ClearOutlined } from '@ant-design/icons';
import { RegionSelect, regionPrefix } from '../../ui/RegionSelect';
import { listAssociations, listParks } from './api';
import { OPERATING_STATUS_LABEL, PLACEMENT_LABEL, SIZE_CLASS_LABEL } from './labels';
import type { LedgerFilters, Named } from './types';

const options = (labels: Record<string, string>) => Object.entries(labels).map(([value, label]) => ({ value, label }));
const named = (items: Named[]) => items.map((i) => ({ value: String(i.id), label: i.name }));

/** 12-digit code for the region picker from a filter prefix (4403 → 440300000000). */
const codeOf = (prefix?: string) => (prefix ? prefix.padEnd(12, '0') : undefined);

type Props = { filters: LedgerFilters; onChange: (next: LedgerFilters) => void };

export function LedgerFilterBar({ filters, onChange }: Props) {
  const [parks, setParks] = useState<Named[]>([]);
  const [associations, setAssociations] = useState<Named[]>([]);
  const [q, setQ] = useState(filters.q ?? '');
  useEffect(() => {
    listParks().then(setParks, () => setParks([]));
    listAssociations().then(setAssociations, () => setAssociations([]));
  }, []);
  useEffect(() => setQ(filters.q ?? ''), [filters.q]);
  const set = (patch: Partial<LedgerFilters>) => onChange({ ...filters, ...patch });
  const wide = { width: 'min(100%, 240px)' };
  const narrow = { width: 'min(100%, 140px)' };
  return (
    <Flex wrap gap={8} style={{ marginBottom: 16 }} data-testid="ledger-filters">
      <Input.Search placeholder="企业名称、拼音首字母或信用代码" allowClear value={q} onChange={(e) => setQ(e.target.value)}
        onSearch={(v) => set({ q: v.trim() || undefined })} style={{ width: 'min(100%, 280px)' }} data-testid="ledger-search" />
      <RegionSelect value={codeOf(filters.regionPrefix)} onChange={(code) => set({ regionPrefix: code ? regionPrefix(code) : undefined })}
        placeholder="属地（行政区划）" style={wide} data-testid="region-filter" />
      {parks.length > 0 && <Select allowClear placeholder="所在园区" options={named(parks)} value={filters.parkId} onChange={(v?: string) => set({ parkId: v })} style={narrow} />}
      {associations.length > 0 && <Select allowClear placeholder="行业协会" options={named(associations)} value={filters.associationId} onChange={(v?: string) => set({ associationId: v })} style={narrow} />}
      <Select allowClear placeholder="企业规模" options={options(SIZE_CLASS_LABEL)} value={filters.sizeClass} onChange={(v?: LedgerFilters['sizeClass']) => set({ sizeClass: v })} style={narrow} />
      <Select allowClear placeholder="规模以上" options={[{ value: 'true', label: '规模以上' }, { value: 'false', label: '规模以下' }]} value={filters.aboveDesignatedSize}
        onChange={(v?: LedgerFilters['aboveDesignatedSize']) => set({ aboveDesignatedSize: v })} style={narrow} />
      <Select allowClear placeholder="登记状态" options={options(OPERATING_STATUS_LABEL)} value={filters.operatingStatus} onChange={(v?: LedgerFilters['operatingStatus']) => set({ operatingStatus: v })} style={narrow} />
      <Select allowClear placeholder="属地认定" options={options(PLACEMENT_LABEL)} value={filters.placement} onChange={(v?: LedgerFilters['placement']) => set({ placement: v })} style={narrow} />
      <Button icon={<ClearOutlined />} onClick={() => onChange({ sort: filters.sort, order: filters.order })}>清空条件</Button>
    </Flex>
  );
}
