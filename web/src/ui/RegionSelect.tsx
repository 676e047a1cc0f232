import { useEffect, useMemo, useRef, useState, type CSSProperties } from 'react';
import { TreeSelect } from 'antd';
import type { RegionDetailOut, RegionOut } from '../../../src/contracts/region';
import { apiGet } from '../api/client';
import { useAuth } from '../app/auth';

type RegionList = { items: RegionOut[] };

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

const LEVEL_LABEL = ['', '省', '市', '区县', '街道乡镇', '社区村'];

/** "广东省 / 深圳市 / 南山区" from a region's path (province down to itself). */
const pathName = (r: RegionDetailOut): string => (r.path.length ? r.path.map((p) => p.name).join(' / ') : r.name);

const toNode = (r: RegionOut, maxLevel: number, parent?: string): Node => ({
  id: r.code, pId: parent, value: r.code, title: r.name, isLeaf: r.level >= maxLevel,
});

type Props = {
  value?: string;
  onChange: (code: string | undefined) => void;
  placeholder?: string;
  style?: CSSProperties;
  /** Deepest level offered (5 = community). */
  maxLevel?: number;
  allowClear?: boolean;
  /**
   * Where the tree starts. Default: the person's own areas (a district account browses from its
   * district, not from 31 provinces), or the dictionary's roots for anyone holding an unrestricted grant.
   */
  roots?: Array<{ code: string; name: string; level: number }>;
  'data-testid'?: string;
};

/**
 * Region picker: a lazily loaded tree (province → … → community) plus search by Chinese name or
 * pinyin initials (e.g. "dhm" → 东华门街道). The value is a 12-digit region code.
 */
export function RegionSelect({ value, onChange, placeholder = '选择或搜索行政区划', style, maxLevel = 5, allowClear = true, roots: given, ...rest }: Props) {
  const { me } = useAuth();
  const roots = given ?? (me && !me.grants.some((g) => g.allRegions) ? me.areas : undefined);
  const [nodes, setNodes] = useState<Node[]>([]);
  const [found, setFound] = useState<Node[] | null>(null);
  // Full path names, fetched once per selected code; short names seen in the tree or search meanwhile.
  const [labels, setLabels] = useState<Record<string, string>>({});
  const [short, setShort] = useState<Record<string, string>>({});
  const searchSeq = useRef(0);

  const rootKey = roots?.map((r) => r.code).join(',');
  useEffect(() => {
    if (roots?.length) {
      setNodes(roots.map((r) => ({ id: r.code, value: r.code, title: r.name, isLeaf: r.level >= maxLevel })));
      return;
    }
    apiGet<RegionList>('/api/regions').then((answer) => setNodes(answer.items.map((r) => toNode(r, maxLevel))), () => setNodes([]));
    // rootKey stands for roots: a new array with the same regions is no change.
  }, [maxLevel, rootKey]);

  useEffect(() => {
    if (!value || labels[value]) return;
    apiGet<RegionDetailOut>(`/api/regions/${value}`).then((r) => setLabels((l) => ({ ...l, [value]: pathName(r) })), () => undefined);
  }, [value, labels]);

  const loadData = async ({ value: id }: { value?: string | number }) => {
    const code = String(id);
    if (nodes.some((n) => n.pId === code)) return;
    const { items } = await apiGet<RegionList>('/api/regions', { parent: code });
    setNodes((all) => [...all, ...items.map((r) => toNode(r, maxLevel, code))]);
  };

  const onSearch = (text: string) => {
    const seq = ++searchSeq.current;
    if (!text.trim()) {
      setFound(null);
      return;
    }
    setTimeout(() => {
      if (seq !== searchSeq.current) return;
      apiGet<RegionList>('/api/regions/search', { q: text.trim() }).then(({ items }) => {
        if (seq !== searchSeq.current) return;
        const regions = items.filter((r) => r.level <= maxLevel);
        setShort((l) => ({ ...l, ...Object.fromEntries(regions.map((r) => [r.code, r.name])) }));
        // The full path tells apart same-named places (两个南山区; a town and its community often share
        // a name); the server puts the person's own area first.
        setFound(regions.map((r) => ({ id: `s${r.code}`, value: r.code, title: `${r.pathName ?? r.name}（${LEVEL_LABEL[r.level]}）`, isLeaf: true })));
      }, () => setFound([]));
    }, 250);
  };

  const selected = useMemo(() => (value ? { value, label: labels[value] ?? short[value] ?? nodes.find((n) => n.value === value)?.title ?? value } : undefined), [value, labels, short, nodes]);

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
        onChange(v?.value);
      }}
    />
  );
}
