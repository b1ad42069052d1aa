import { Button, Field, Input, Text, makeStyles, tokens } from '@fluentui/react-components';
import { useMemo, useState, useSyncExternalStore } from 'react';
import type { ApiClient } from '../../api/client';
import type { SheetSession } from '../../session/session';
import type { WorkbookPort } from '../../workbook/port';
import { NoticeBar } from '../StatusBars';
import { Picker, type PickState } from './picker';

const useStyles = makeStyles({
  section: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  buttons: { display: 'flex', gap: tokens.spacingHorizontalS, flexWrap: 'wrap' },
  input: { minWidth: 0, width: '100%' },
});

/** The Picking part of the pane: order sheet → pick list → scans → shipment. */
export function PickingPanel({ port, api, session }: { port: WorkbookPort; api: () => ApiClient | null; session: SheetSession }) {
  const styles = useStyles();
  const picker = useMemo(() => new Picker(port, api), [port]); // eslint-disable-line react-hooks/exhaustive-deps
  const state: PickState = useSyncExternalStore((cb) => picker.subscribe(cb), () => picker.state);
  const [shelfLife, setShelfLife] = useState('0');
  return (
    <div className={styles.section}>
      <Text size={200}>Select a cell of the order sheet (Order, Customer, SKU, Qty), then make its pick list.</Text>
      <Field label="Shelf life still needed (days)">
        <Input className={styles.input} type="number" min={0} max={3650} value={shelfLife} onChange={(_, d) => setShelfLife(d.value)} />
      </Field>
      <div className={styles.buttons}>
        <Button disabled={state.busy} onClick={() => void picker.addOrderSheet()}>Add order sheet</Button>
        <Button appearance="primary" disabled={state.busy} onClick={() => void picker.makePickList(Number(shelfLife) || 0)}>Make pick list</Button>
      </div>
      <div className={styles.buttons}>
        <Button disabled={state.busy || !state.sheet} onClick={() => void picker.checkScans()}>Check scans</Button>
        <Button disabled={state.busy || !state.sheet} onClick={() => void picker.postShipment(session)}>Post shipment</Button>
      </div>
      {state.notice && <NoticeBar notice={state.notice} />}
    </div>
  );
}
