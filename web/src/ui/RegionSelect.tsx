import { useEffect, useMemo, useRef, useState, type CSSProperties } from 'react';
import { TreeSelect } from 'antd';
import { apiGet } from '../api/client';

/** A region as /api/regions answers it (children, search results, single region). */
export type Region = {
  code: string;
  name: string;
  level: number;
  hasChildren?: boolean;
  prefix?: string;
  fullName?: string;
  path?: string | Array<{ name: string }>;
  ancestors?: Array<{ code: string; name: string }>;
};

type Node = { id: string; pId?: string; value: string; title: string; isLeaf: boolean };

const SIGNIFICANT = [2, 4, 6, 9, 12];

/**
 * The significant digits of a 12-digit code (440305000000 → 440305): the prefix every code inside
 * the region starts with. Real codes never use an all-zero group below their own level.
 */
export function regionPrefix(code: string): string {
  for (const len of SIGNIFICANT) if (/^0*$/.test(code.slice(len))) return code.slice(0, len);
  return code;
}

/** Levels 1..5 have 2/4/6/9/12 significant digits. */
export const prefixLevel = (prefix: string): number => SIGNIFICANT.indexOf(prefix.length) + 1;

const listOf = (answer: Region[] | { items: Region[] }): Region[] => (Array.isArray(answer) ? answer : answer.items);

function longName(r: Region): string {
  if (r.fullName) return r.fullName;
  if (typeof r.path === 'string') return r.path;
  if (Array.isArray(r.path) && r.path.length) return r.path.map((p) => p.name).join(' / ');
  if (r.ancestors?.length) return [...r.ancestors.map((a) => a.name), r.name].join(' / ');
  return r.name;
}

const toNode = (r: Region, maxLevel: number, parent?: string): Node => ({
  id: r.code, pId: parent, value: r.code, title: r.name, isLeaf: r.level >= maxLevel || r.hasChildren === false,
});

type Props = {
  value?: string;
  onChange: (code: string | undefined) => void;
  placeholder?: string;
  style?: CSSProperties;
  /** Deepest level offered (5 = community). */
  maxLevel?: number;
  allowClear?: boolean;
  'data-testid'?: string;
};

/**
 * Region picker: a lazily loaded tree (province → … → community) plus search by Chinese name or
 * pinyin initials (e.g. "dhm" → 东华门街道). The value is a 12-digit region code.
 */
export function RegionSelect({ value, onChange, placeholder = '选择或搜索行政区划', style, maxLevel = 5, allowClear = true, ...rest }: Props) {
  const [nodes, setNodes] = useState<Node[]>([]);
  const [found, setFound] = useState<Node[] | null>(null);
  const [labels, setLabels] = useState<Record<string, string>>({});
  const searchSeq = useRef(0);

  useEffect(() => {
    apiGet<Region[] | { items: Region[] }>('/api/regions').then((answer) => setNodes(listOf(answer).map((r) => toNode(r, maxLevel))), () => setNodes([]));
  }, [maxLevel]);

  useEffect(() => {
    if (!value || labels[value]) return;
    apiGet<Region>(`/api/regions/${value}`).then((r) => setLabels((l) => ({ ...l, [value]: longName(r) })), () => undefined);
  }, [value, labels]);

  const loadData = async ({ value: id }: { value?: string | number }) => {
    const code = String(id);
    if (nodes.some((n) => n.pId === code)) return;
    const children = listOf(await apiGet<Region[] | { items: Region[] }>('/api/regions', { parent: code }));
    setNodes((all) => [...all, ...children.map((r) => toNode(r, maxLevel, code))]);
  };

  const onSearch = (text: string) => {
    const seq = ++searchSeq.current;
    if (!text.trim()) {
      setFound(null);
      return;
    }
    setTimeout(() => {
      if (seq !== searchSeq.current) return;
      apiGet<Region[] | { items: Region[] }>('/api/regions/search', { q: text.trim() }).then((answer) => {
        if (seq !== searchSeq.current) return;
        const regions = listOf(answer).filter((r) => r.level <= maxLevel);
        setLabels((l) => ({ ...l, ...Object.fromEntries(regions.map((r) => [r.code, longName(r)])) }));
        setFound(regions.map((r) => ({ id: `s${r.code}`, value: r.code, title: longName(r), isLeaf: true })));
      }, () => setFound([]));
    }, 250);
  };

  const selected = useMemo(() => (value ? { value, label: labels[value] ?? nodes.find((n) => n.value === value)?.title ?? value } : undefined), [value, labels, nodes]);

  return (
    <TreeSelect<{ value: string; label: string } | undefined>
      {...rest}
      style={{ minWidth: 220, ...style }}
      treeDataSimpleMode
      treeData={found ?? nodes}
      loadData={found ? undefined : loadData}
      labelInValue
      value={selected}
      showSearch={{ filterTreeNode: false, onSearch }}
      allowClear={allowClear}
      placeholder={placeholder}
      notFoundContent={found ? '没有匹配的区划' : '加载中…'}
      popupMatchSelectWidth={false}
      onChange={(v) => {
        setFound(null);
        if (v) setLabels((l) => ({ ...l, [v.value]: l[v.value] ?? v.label }));
        onChange(v?.value);
      }}
    />
  );
}
