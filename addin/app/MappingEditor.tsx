import { Button, Field, Select, makeStyles, tokens } from '@fluentui/react-components';
import { useEffect, useState } from 'react';
import { COLUMN_CHOICES, type ColumnMap } from '../../shared/columns';
import type { Table } from '../check/table';

const useStyles = makeStyles({
  grid: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXS, minWidth: 0 },
  // Selects size to their longest option unless told not to: keep them inside a 320 px pane.
  select: { minWidth: 0, width: '100%', '& select': { minWidth: 0, textOverflow: 'ellipsis' } },
});

const LABEL: Record<string, string> = {
  type: 'Type', date: 'Date', sku: 'SKU', lot: 'Lot', serial: 'Serial', expiry: 'Expiry', qty: 'Quantity',
  from: 'From location', to: 'To location', location: 'Location (in on receipt, out on shipment)', party: 'Supplier / customer',
  ref: 'Reference (PO, order, reason)', note: 'Note', gs1: 'GS1 scan', status: 'Status (written by LotLedger)',
  name: 'Name', unit: 'Unit', lotTracked: 'Lot tracked', serialTracked: 'Serial tracked', requiresExpiry: 'Requires expiry',
  gtin: 'GTIN', warrantyDays: 'Warranty (days)', code: 'Location code', quarantine: 'Quarantine (held stock may go here)',
};

/** Lets the clerk correct what each column means; the correction is remembered for this workbook. */
export function MappingEditor({ table, onApply }: { table: Table; onApply: (columns: ColumnMap<string>) => void }) {
  const styles = useStyles();
  const [columns, setColumns] = useState<(string | null)[]>(table.columns as (string | null)[]);
  useEffect(() => setColumns(table.columns as (string | null)[]), [table]);
  const choices = COLUMN_CHOICES[table.kind] as string[];
  return (
    <div className={styles.grid}>
      {table.headers.map((h, i) => (
        <Field key={i} label={h || `(column ${i + 1})`} orientation="horizontal" size="small">
          <Select
            className={styles.select}
            size="small"
            value={columns[i] ?? ''}
            onChange={(_, d) => setColumns((c) => c.map((x, j) => (j === i ? d.value || null : x)))}
          >
            <option value="">(not read)</option>
            {choices.map((f) => <option key={f} value={f}>{LABEL[f] ?? f}</option>)}
          </Select>
        </Field>
      ))}
      <Button onClick={() => onApply(columns)}>Use these columns and check again</Button>
    </div>
  );
}
