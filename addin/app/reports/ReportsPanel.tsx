import {
  Accordion, AccordionHeader, AccordionItem, AccordionPanel, Button, Checkbox, Field, Input, Text, makeStyles, tokens,
} from '@fluentui/react-components';
import { useEffect, useMemo, useRef, useState, useSyncExternalStore } from 'react';
import { todayUtc, addDays } from '../../../shared/dates';
import type { WorkbookPort } from '../../workbook/port';
import { ReportPuller, type PullPlace, type PullState } from './puller';
import { NoticeBar, ProgressField } from '../StatusBars';
import { Fsma204Section } from './Fsma204Section';
import type { ApiClient } from '../../api/client';
import type { Role } from '../../../shared/api-types';
import { lotList } from '../../reports/recall';
import { RefreshBar } from './RefreshBar';

const useStyles = makeStyles({
  section: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  buttons: { display: 'flex', gap: tokens.spacingHorizontalS, flexWrap: 'wrap' },
  // Two fields side by side that still fit a 320-pixel pane: the inputs may shrink below their natural width.
  pair: { display: 'grid', gridTemplateColumns: 'minmax(0, 1fr) minmax(0, 1fr)', gap: tokens.spacingHorizontalS },
  input: { minWidth: 0, width: '100%' },
  panel: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS, paddingBottom: tokens.spacingVerticalS },
});

/**
 * The Reports part of the pane: trace a lot or serial and run a recall from the selection,
 * or pull expiring lots, stock on hand, the movement record and the FSMA 204 record into new sheets.
 */
export function ReportsPanel({ port, api, role }: { port: WorkbookPort; api: () => ApiClient | null; role: Role | null }) {
  const styles = useStyles();
  const puller = useMemo(() => new ReportPuller(port, api), [port]); // eslint-disable-line react-hooks/exhaustive-deps
  const state: PullState = useSyncExternalStore((cb) => puller.subscribe(cb), () => puller.state);
  const today = todayUtc();
  const [days, setDays] = useState('30');
  const [onHand, setOnHand] = useState({ sku: '', location: '', asOf: '' });
  const [span, setSpan] = useState({ from: addDays(today, -30), to: today, sku: '', lot: '' });
  const [reason, setReason] = useState('');
  const [withDerived, setWithDerived] = useState(true);
  const f = state.fields;
  useEffect(() => puller.follow(), [puller]);
  /** The progress and result of a pull, beside the buttons that started it. */
  const result = (at: PullPlace) => (state.at === at ? <PullResult state={state} /> : null);
  const r = state.recalled;
  const canHold = role === 'clerk' || role === 'admin';

  return (
    <div className={styles.section}>
      <Text size={200}>Select a lot or serial cell (or a column of lots), or type below.</Text>
      <div className={styles.pair}>
        <Field label="Item"><Input className={styles.input} value={f.sku} onChange={(_, d) => puller.setField('sku', d.value)} placeholder="from the row" /></Field>
        <Field label="Lots"><Input className={styles.input} value={f.lots} onChange={(_, d) => puller.setField('lots', d.value)} placeholder="from the selection" /></Field>
      </div>
      <Field label="Serial"><Input className={styles.input} value={f.serial} onChange={(_, d) => puller.setField('serial', d.value)} placeholder="from the selection" /></Field>
      <div className={styles.buttons}>
        <Button appearance="primary" disabled={state.busy} onClick={() => void puller.traceLot()}>Trace lot</Button>
        <Button disabled={state.busy} onClick={() => void puller.traceSerial()}>Trace serial</Button>
        <Button disabled={state.busy} onClick={() => void puller.recall()}>Recall</Button>
        <Button disabled={state.busy} title="Every lot made from this lot, to any depth" onClick={() => void puller.genealogy('down')}>Genealogy down</Button>
        <Button disabled={state.busy} title="Every lot that went into this lot, to any depth" onClick={() => void puller.genealogy('up')}>Genealogy up</Button>
      </div>
      {result('selection')}
      {r && (
        <div className={styles.panel} role="group" aria-label="Hold the recalled lots">
          <Text size={200}>Recall of {r.sku} {r.lots.length === 1 ? 'lot' : 'lots'} {lotList(r.lots)} (sheet “{r.sheet}”)</Text>
          <Field label="Reason" hint={canHold ? undefined : `Holding and releasing lots needs a clerk or admin token; this one is a ${role ?? 'viewer'}.`}>
            <Input className={styles.input} value={reason} disabled={!canHold} onChange={(_, d) => setReason(d.value)} placeholder="e.g. supplier recall R-7" />
          </Field>
          {r.derived.length > 0 && (
            <Checkbox checked={withDerived} disabled={!canHold} onChange={(_, d) => setWithDerived(d.checked === true)}
              label={`and the ${r.derived.length === 1 ? 'lot' : `${r.derived.length} lots`} made from ${r.lots.length === 1 ? 'it' : 'them'}`} />
          )}
          <div className={styles.buttons}>
            <Button appearance="primary" disabled={state.busy || !canHold} onClick={() => void puller.hold(reason, withDerived)}>Hold these lots</Button>
            <Button disabled={state.busy || !canHold} onClick={() => void puller.release(reason, withDerived)}>Release</Button>
          </div>
        </div>
      )}
      <Accordion collapsible multiple>
        <AccordionItem value="expiring">
          <AccordionHeader size="small">Expiring lots</AccordionHeader>
          <AccordionPanel className={styles.panel}>
            <Field label="Expiring within (days)"><Input className={styles.input} type="number" min={0} max={3650} value={days} onChange={(_, d) => setDays(d.value)} /></Field>
            <div className={styles.buttons}><Button disabled={state.busy} onClick={() => void puller.expiring(Number(days))}>Pull expiring lots</Button></div>
            {result('expiring')}
          </AccordionPanel>
        </AccordionItem>
        <AccordionItem value="on-hand">
          <AccordionHeader size="small">Stock on hand</AccordionHeader>
          <AccordionPanel className={styles.panel}>
            <div className={styles.pair}>
              <Field label="Item (optional)"><Input className={styles.input} value={onHand.sku} onChange={(_, d) => setOnHand({ ...onHand, sku: d.value })} /></Field>
              <Field label="Location (optional)"><Input className={styles.input} value={onHand.location} onChange={(_, d) => setOnHand({ ...onHand, location: d.value })} /></Field>
            </div>
            <Field label="As of (blank: now)"><Input className={styles.input} type="date" value={onHand.asOf} onChange={(_, d) => setOnHand({ ...onHand, asOf: d.value })} /></Field>
            <div className={styles.buttons}><Button disabled={state.busy} onClick={() => void puller.onHand(onHand)}>Pull stock on hand</Button></div>
            {result('on-hand')}
          </AccordionPanel>
        </AccordionItem>
        <AccordionItem value="movements">
          <AccordionHeader size="small">Movement record</AccordionHeader>
          <AccordionPanel className={styles.panel}>
            <div className={styles.pair}>
              <Field label="From"><Input className={styles.input} type="date" value={span.from} onChange={(_, d) => setSpan({ ...span, from: d.value })} /></Field>
              <Field label="To"><Input className={styles.input} type="date" value={span.to} onChange={(_, d) => setSpan({ ...span, to: d.value })} /></Field>
            </div>
            <div className={styles.pair}>
              <Field label="Item (optional)"><Input className={styles.input} value={span.sku} onChange={(_, d) => setSpan({ ...span, sku: d.value })} /></Field>
              <Field label="Lot (optional)"><Input className={styles.input} value={span.lot} onChange={(_, d) => setSpan({ ...span, lot: d.value })} /></Field>
            </div>
            <div className={styles.buttons}><Button disabled={state.busy} onClick={() => void puller.movements(span)}>Pull movements</Button></div>
            {result('movements')}
          </AccordionPanel>
        </AccordionItem>
        <Fsma204Section puller={puller} api={api} busy={state.busy} result={result('fsma204')} />
      </Accordion>
      <RefreshBar port={port} api={api} />
    </div>
  );
}

/** A pull's progress bar and what came of it, scrolled into view when it changes. */
function PullResult({ state }: { state: PullState }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!state.notice) return;
    const scroll = () => ref.current?.scrollIntoView?.({ block: 'nearest' });
    // After the frame that lays it out (the progress bar above it has just gone), so the whole of
    // it comes into view; and once more when the pane has settled, as what a pull changed above
    // it (the sections' own state) can still move it a few pixels on a slow machine.
    const frame = requestAnimationFrame(scroll);
    const settled = setTimeout(scroll, 250);
    return () => {
      cancelAnimationFrame(frame);
      clearTimeout(settled);
    };
  }, [state.notice]);
  return (
    <>
      {state.progress && <ProgressField progress={state.progress} ariaLabel="Report progress" />}
      {state.notice && (
        <div ref={ref} role="status" aria-label="Report result">
          <NoticeBar notice={state.notice} />
        </div>
      )}
    </>
  );
}
