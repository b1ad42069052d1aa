import { Button, Text, makeStyles, tokens } from '@fluentui/react-components';
import { useState } from 'react';
import type { Table } from '../check/table';
import type { WorkbookPort } from '../workbook/port';

const useStyles = makeStyles({
  offer: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXS, alignItems: 'flex-start' },
});

/**
 * Lot or serial columns holding numbers: a button per column formats it as Text, so what is
 * retyped or pasted there next keeps its leading zeros. The numbers already there stay numbers.
 */
export function TextColumnOffer({ port, table, columns }: { port: WorkbookPort; table: Table; columns: number[] }) {
  const styles = useStyles();
  const [done, setDone] = useState<string | null>(null);
  if (columns.length === 0 && !done) return null;
  const header = (col: number) => table.headers[col - table.left] ?? '';

  async function format(col: number) {
    try {
      await port.formatAsText(table.sheet, col, table.dataTop);
      setDone(`“${header(col)}” is now formatted as Text: retype the numbers marked in yellow (or paste them again) so they are kept as text, then check again.`);
    } catch (e) {
      setDone(`The column was not formatted: ${(e as Error).message}`);
    }
  }

  return (
    <div className={styles.offer}>
      {columns.map((col) => (
        <Button key={col} size="small" onClick={() => void format(col)}>Format “{header(col)}” as Text</Button>
      ))}
      {done && <Text size={200} role="status" aria-label="Format result">{done}</Text>}
    </div>
  );
}
