import { Badge, Button, Caption1, Field, Input, Text, makeStyles, tokens } from '@fluentui/react-components';
import { useEffect, useMemo, useState, useSyncExternalStore } from 'react';
import type { ApiClient } from '../api/client';
import { BatchesView, type BatchEntry } from '../session/batches';
import type { PostedRows } from '../session/posted';
import type { WorkbookPort } from '../workbook/port';
import { NoticeBar } from './StatusBars';

const useStyles = makeStyles({
  list: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS, margin: 0, padding: 0, listStyle: 'none' },
  entry: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXXS, paddingBottom: tokens.spacingVerticalS, borderBottom: `1px solid ${tokens.colorNeutralStroke2}` },
  head: { display: 'flex', gap: tokens.spacingHorizontalS, alignItems: 'center', flexWrap: 'wrap' },
  buttons: { display: 'flex', gap: tokens.spacingHorizontalS, flexWrap: 'wrap', alignItems: 'flex-end' },
});

const when = (iso: string) => new Date(iso).toLocaleString('en-GB', { day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit', timeZone: 'UTC' });

/** This workbook's posts and the workspace's latest; Go to rows; Void (clerk) with a reason. */
export function BatchesPanel({ port, api, posted, canVoid, connected }: {
  port: WorkbookPort; api: () => ApiClient | null; posted: PostedRows; canVoid: boolean; connected: boolean;
}) {
  const styles = useStyles();
  const view = useMemo(() => new BatchesView(port, api, posted), [port, api, posted]);
  const state = useSyncExternalStore((cb) => view.subscribe(cb), () => view.state);
  const [voiding, setVoiding] = useState<string | null>(null);
  const [reason, setReason] = useState('');
  useEffect(() => { if (connected) void view.refresh(); }, [view, connected]);

  const entry = (b: BatchEntry) => (
    <li key={b.batchId} className={styles.entry} aria-label={`Batch ${b.batchId}`}>
      <div className={styles.head}>
        <Text weight="semibold">{b.batchId}</Text>
        {b.voidedBy ? <Badge color="danger" appearance="tint">Voided by {b.voidedBy}</Badge> : <Badge color="success" appearance="tint">Posted</Badge>}
      </div>
      <Caption1>{when(b.postedAt)} by {b.postedBy} · {b.rows} {b.rows === 1 ? 'row' : 'rows'}{b.sheet ? ` · ${b.sheet}!${b.range ?? ''}` : ''}</Caption1>
      <div className={styles.buttons}>
        {b.here && b.sheet && <Button size="small" onClick={() => void view.goTo(b)}>Go to rows</Button>}
        {canVoid && !b.voidedBy && voiding !== b.batchId && <Button size="small" onClick={() => { setVoiding(b.batchId); setReason(''); }}>Void</Button>}
      </div>
      {voiding === b.batchId && (
        <div className={styles.buttons}>
          <Field label="Reason" size="small">
            <Input size="small" value={reason} onChange={(_, d) => setReason(d.value)} placeholder="e.g. posted twice" />
          </Field>
          <Button size="small" appearance="primary" disabled={state.busy}
            onClick={() => void view.void(b.batchId, reason).then((ok) => { if (ok) setVoiding(null); })}>
            Void {b.batchId}
          </Button>
          <Button size="small" onClick={() => setVoiding(null)}>Cancel</Button>
        </div>
      )}
    </li>
  );

  return (
    <>
      <div className={styles.buttons}>
        <Button size="small" disabled={!connected || state.busy} onClick={() => void view.refresh()}>Reload batches</Button>
      </div>
      {state.notice && <NoticeBar notice={state.notice} />}
      <Text weight="semibold" size={200}>Posted from this workbook</Text>
      {state.mine.length ? <ul className={styles.list} aria-label="This workbook's batches">{state.mine.map(entry)}</ul>
        : <Caption1>Nothing posted from this workbook yet.</Caption1>}
      <Text weight="semibold" size={200}>Latest in the workspace</Text>
      {state.latest.length ? <ul className={styles.list} aria-label="The workspace's latest batches">{state.latest.map(entry)}</ul>
        : <Caption1>No other batches in the last 30 days.</Caption1>}
    </>
  );
}
