import { Button, Input, makeStyles, tokens } from '@fluentui/react-components';
import { useState } from 'react';
import type { PreviewWorkbook } from './workbook';

const useStyles = makeStyles({
  tabs: { display: 'flex', gap: tokens.spacingHorizontalXS, padding: tokens.spacingHorizontalXS, borderTop: `1px solid ${tokens.colorNeutralStroke2}`, alignItems: 'center', flexWrap: 'wrap' },
  rename: { width: '10em' },
});

/** The next free "SheetN" name, as Excel's + button picks it. */
export function nextSheetName(names: readonly string[]): string {
  const taken = new Set(names.map((n) => n.toLowerCase()));
  let i = names.length + 1;
  while (taken.has(`sheet${i}`)) i++;
  return `Sheet${i}`;
}

/** The sheet tabs: click to switch, double-click to rename (Enter keeps, Escape drops), + adds a sheet. */
export function SheetTabs({ wb, active }: { wb: PreviewWorkbook; active: string }) {
  const styles = useStyles();
  const [renaming, setRenaming] = useState<{ from: string; to: string; taken: boolean } | null>(null);

  function finish(keep: boolean) {
    if (keep && renaming && renaming.to.trim() !== renaming.from && !wb.renameSheet(renaming.from, renaming.to)) {
      setRenaming({ ...renaming, taken: true });
      return;
    }
    setRenaming(null);
  }

  return (
    <div className={styles.tabs} role="tablist" aria-label="Sheets">
      {wb.sheets.map((s) => (renaming?.from === s.name ? (
        <Input key={s.name} size="small" className={styles.rename} aria-label="Sheet name" autoFocus value={renaming.to}
          aria-invalid={renaming.taken || undefined} title={renaming.taken ? 'That name is taken or empty' : undefined}
          onChange={(_, d) => setRenaming({ ...renaming, to: d.value, taken: false })}
          onKeyDown={(e) => { if (e.key === 'Enter') finish(true); if (e.key === 'Escape') finish(false); }}
          onBlur={() => finish(true)} />
      ) : (
        <Button key={s.name} role="tab" aria-selected={s.name === active} size="small" appearance={s.name === active ? 'primary' : 'subtle'}
          onClick={() => wb.select({ sheet: s.name, top: 0, left: 0, rows: 1, cols: 1 })}
          onDoubleClick={() => setRenaming({ from: s.name, to: s.name, taken: false })}>
          {s.name}
        </Button>
      )))}
      <Button size="small" appearance="subtle" aria-label="Add sheet" title="Add sheet"
        onClick={() => { const s = wb.addSheet(nextSheetName(wb.sheets.map((x) => x.name))); wb.select({ sheet: s.name, top: 0, left: 0, rows: 1, cols: 1 }); }}>
        +
      </Button>
    </div>
  );
}
