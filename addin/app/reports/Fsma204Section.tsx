import { AccordionHeader, AccordionItem, AccordionPanel, Button, Field, Input, makeStyles, tokens } from '@fluentui/react-components';
import { useState, type ReactNode } from 'react';
import { addDays, todayUtc } from '../../../shared/dates';
import type { ApiClient } from '../../api/client';
import type { Notice } from '../../session/notices';
import { NoticeBar } from '../StatusBars';
import { downloadFile, exportEpcis } from './epcis-export';
import { lotsTyped, type ReportPuller } from './puller';

const useStyles = makeStyles({
  panel: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS, paddingBottom: tokens.spacingVerticalS },
  pair: { display: 'grid', gridTemplateColumns: 'minmax(0, 1fr) minmax(0, 1fr)', gap: tokens.spacingHorizontalS },
  input: { minWidth: 0, width: '100%' },
  buttons: { display: 'flex', gap: tokens.spacingHorizontalS, flexWrap: 'wrap' },
});

/**
 * The FDA records request (FSMA 204): the records of a date window, of lots, or both, pulled
 * into a sheet as a sortable table with its explanation; or the same events as an EPCIS 2.0
 * document saved as a file.
 */
export function Fsma204Section({ puller, api, busy, result }: { puller: ReportPuller; api: () => ApiClient | null; busy: boolean; result: ReactNode }) {
  const styles = useStyles();
  const [saving, setSaving] = useState(false);
  const [saved, setSaved] = useState<Notice | null>(null);
  const today = todayUtc();
  const [q, setQ] = useState({ from: addDays(today, -30), to: today, sku: '', lots: '' });
  const asked = () => ({ from: q.from || undefined, to: q.to || undefined, sku: q.sku.trim() || undefined, lots: lotsTyped(q.lots) });
  async function saveEpcis() {
    const client = api();
    if (!client) return setSaved({ intent: 'warning', title: 'Not connected', text: 'Connect with your access token first: the events come from the ledger.' });
    setSaving(true);
    setSaved(null);
    try {
      setSaved(await exportEpcis(client, asked(), downloadFile));
    } finally {
      setSaving(false);
    }
  }
  return (
    <AccordionItem value="fsma204">
      <AccordionHeader size="small">FSMA 204 (FDA records request)</AccordionHeader>
      <AccordionPanel className={styles.panel}>
        <div className={styles.pair}>
          <Field label="From"><Input className={styles.input} type="date" value={q.from} onChange={(_, d) => setQ({ ...q, from: d.value })} /></Field>
          <Field label="To"><Input className={styles.input} type="date" value={q.to} onChange={(_, d) => setQ({ ...q, to: d.value })} /></Field>
        </div>
        <div className={styles.pair}>
          <Field label="Item (optional)"><Input className={styles.input} value={q.sku} onChange={(_, d) => setQ({ ...q, sku: d.value })} /></Field>
          <Field label="Lots (optional)" hint="Clear From and To for every date of these lots.">
            <Input className={styles.input} value={q.lots} onChange={(_, d) => setQ({ ...q, lots: d.value })} />
          </Field>
        </div>
        <div className={styles.buttons}>
          <Button appearance="primary" disabled={busy} onClick={() => { setSaved(null); void puller.fsma204(asked()); }}>FSMA 204 record</Button>
          <Button disabled={saving} onClick={() => void saveEpcis()}>EPCIS export</Button>
        </div>
        {result}
        {saved && <div role="status" aria-label="EPCIS result"><NoticeBar notice={saved} /></div>}
      </AccordionPanel>
    </AccordionItem>
  );
}
