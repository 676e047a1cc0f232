import { useState } from 'react';
import { Link } from 'react-router-dom';
import { Alert, App, Button, Flex, Typography } from 'antd';
import type { BulkPlacementResult, PlacementQueueItem } from '../../../../src/contracts/placement-queue';
import { errorMessage } from '../../ui/ErrorAlert';
import { RegionSelect, regionPrefix } from '../../ui/RegionSelect';
import { acceptSuggestions, placeMany, type QueueFilters } from './api';

/**
 * The queue's bulk actions: accept the selected rows' suggestions, accept every suggestion of the
 * current filter (after a confirmation naming the count), or place the selected rows in one chosen
 * township or community. Each answers with a result per row, shown until the next action.
 */
type Props = {
  selected: PlacementQueueItem[];
  filters: QueueFilters;
  /** Rows with a suggestion under the current filter (what "全部接受" would accept). */
  suggestedTotal: number;
  filterLabel: string;
  onDone: () => void;
};

const OUTCOME_TITLE = (r: BulkPlacementResult) =>
  r.skipped ? `已认定 ${r.placed} 家，${r.skipped} 家未处理（见下表原因，仍留在待认定名单中）` : `已认定 ${r.placed} 家企业的属地`;

function BulkResult({ result, onClose }: { result: BulkPlacementResult; onClose: () => void }) {
  const skipped = result.rows.filter((r) => r.outcome !== 'placed');
  return (
    <Alert type={result.skipped ? 'warning' : 'success'} showIcon closable onClose={onClose} style={{ marginBottom: 12 }} data-testid="bulk-result"
      message={OUTCOME_TITLE(result)}
      description={skipped.length ? (
        <ul style={{ margin: 0, paddingLeft: 20 }}>
          {skipped.slice(0, 50).map((r) => (
            <li key={r.id}><Link to={`/enterprises/${r.id}`}>{r.name ?? '（无权查看的企业）'}</Link>：{r.message}{r.regionName ? `（建议：${r.regionName}）` : ''}</li>
          ))}
          {skipped.length > 50 && <li>另有 {skipped.length - 50} 家未列出</li>}
        </ul>
      ) : undefined} />
  );
}

export function PlacementBulkBar({ selected, filters, suggestedTotal, filterLabel, onDone }: Props) {
  const { modal, message } = App.useApp();
  const [busy, setBusy] = useState<string | null>(null);
  /** How many rows the running request decides, for the progress line. */
  const [working, setWorking] = useState(0);
  const [result, setResult] = useState<BulkPlacementResult | null>(null);
  const [street, setStreet] = useState<string | undefined>();
  const withSuggestion = selected.filter((i) => i.suggestion);
  const refs = (items: PlacementQueueItem[]) => items.map((i) => ({ id: i.id, version: i.version }));

  const run = async (key: string, count: number, action: () => Promise<BulkPlacementResult>) => {
    setBusy(key);
    setWorking(count);
    setResult(null);
    try {
      setResult(await action());
      onDone();
    } catch (err) {
      message.error(errorMessage(err));
      // A queue changed since it was counted: show it as it is now.
      onDone();
    } finally {
      setBusy(null);
    }
  };
  const acceptAll = () => modal.confirm({
    title: `接受${filterLabel}全部 ${suggestedTotal} 家企业的建议属地？`,
    content: '按道路名推测的建议也将一并接受。每家企业的认定都记入变更记录和审计日志；已被他人修改的企业不会被覆盖。',
    okText: `接受 ${suggestedTotal} 家`, cancelText: '取消',
    onOk: () => run('all', suggestedTotal, () => acceptSuggestions({ all: { filter: filters, expectedTotal: suggestedTotal } })),
  });
  const placeChosen = () => modal.confirm({
    title: `将所选 ${selected.length} 家企业认定到所选街道（社区）？`,
    okText: '认定', cancelText: '取消',
    onOk: () => run('place', selected.length, () => placeMany({ regionCode: street!, items: refs(selected) })),
  });

  return (
    <>
      {busy && <Alert type="info" showIcon style={{ marginBottom: 12 }} message={`正在认定 ${working} 家企业的属地，请稍候…`} data-testid="bulk-progress" />}
      {result && <BulkResult result={result} onClose={() => setResult(null)} />}
      <Flex gap={8} wrap align="center" style={{ marginBottom: 12 }} data-testid="bulk-bar">
        <Button type="primary" disabled={!withSuggestion.length} loading={busy === 'selected'} data-testid="accept-selected"
          onClick={() => run('selected', withSuggestion.length, () => acceptSuggestions({ items: refs(withSuggestion) }))}>
          接受所选建议 ({withSuggestion.length})
        </Button>
        <Button disabled={!suggestedTotal || suggestedTotal > 1000} loading={busy === 'all'} onClick={acceptAll} data-testid="accept-all"
          title={suggestedTotal > 1000 ? '一次最多 1000 家，请先按建议街道筛选' : undefined}>
          全部接受当前筛选的建议 ({suggestedTotal})
        </Button>
        <Typography.Text type="secondary">或将所选认定为</Typography.Text>
        <RegionSelect value={street} onChange={setStreet} placeholder="选择街道（乡镇）或社区（村）" style={{ width: 'min(100%, 260px)' }} data-testid="bulk-street" />
        <Button disabled={!selected.length || !street || regionPrefix(street).length < 9} loading={busy === 'place'} onClick={placeChosen} data-testid="place-selected">
          认定所选 ({selected.length})
        </Button>
      </Flex>
    </>
  );
}
