import { AccordionHeader, AccordionItem, AccordionPanel, Button, Field, Input, makeStyles, tokens } from '@fluentui/react-components';
import { useState, type ReactNode } from 'react';
import { addDays, todayUtc } from '../../../shared/dates';
import { lotsTyped, type ReportPuller } from './puller';

const useStyles = makeStyles({
  panel: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS, paddingBottom: tokens.spacingVerticalS },
  pair: { display: 'grid', gridTemplateColumns: 'minmax(0, 1fr) minmax(0, 1fr)', gap: tokens.spacingHorizontalS },
  input: { minWidth: 0, width: '100%' },
  buttons: { display: 'flex', gap: tokens.spacingHorizontalS, flexWrap: 'wrap' },
});

/**
 * The FDA records request (FSMA 204): the records of a date window, of lots, or both, pulled
 * into a sheet as a sortable table with its explanation.
 */
export function Fsma204Section({ puller, busy, result }: { puller: ReportPuller; busy: boolean; result: ReactNode }) {
  const styles = useStyles();
  const today = todayUtc();
  const [q, setQ] = useState({ from: addDays(today, -30), to: today, sku: '', lots: '' });
  const asked = () => ({ from: q.from || undefined, to: q.to || undefined, sku: q.sku.trim() || undefined, lots: lotsTyped(q.lots) });
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
          <Button appearance="primary" disabled={busy} onClick={() => void puller.fsma204(asked())}>FSMA 204 record</Button>
        </div>
        {result}
      </AccordionPanel>
    </AccordionItem>
  );
}
