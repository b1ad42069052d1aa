import { Button, Field, Select, Text, makeStyles, tokens } from '@fluentui/react-components';
import { useState } from 'react';
import type { ApiClient } from '../api/client';
import { addTemplateSheet } from '../templates/add-template';
import { TEMPLATE_KINDS, TEMPLATE_SHEET, templateLayout, type TemplateKind } from '../templates/sheet-templates';
import type { WorkbookPort } from '../workbook/port';

const useStyles = makeStyles({
  row: { display: 'flex', gap: tokens.spacingHorizontalS, alignItems: 'flex-end', flexWrap: 'wrap' },
  select: { minWidth: '9em' },
});

/** "New sheet from a template": one for every kind of sheet the pane reads; what happened is said beside the button. */
export function TemplatesPanel({ port, api, onAdded }: { port: WorkbookPort; api: () => ApiClient | null; onAdded: (kind: TemplateKind) => void }) {
  const styles = useStyles();
  const [kind, setKind] = useState<TemplateKind>('receiving');
  const [note, setNote] = useState<{ text: string; failed: boolean } | null>(null);
  const [busy, setBusy] = useState(false);
  const label = TEMPLATE_SHEET[kind].label.toLowerCase();

  async function add() {
    setBusy(true);
    setNote(null);
    try {
      const client = api();
      const [items, locations] = client ? await Promise.all([client.items(), client.locations()]) : [[], []];
      const name = await addTemplateSheet(port, templateLayout(kind, items, locations));
      onAdded(kind);
      setNote({ failed: false, text: `Added sheet “${name}”: paste or type below the headers, then press Check sheet.${client ? '' : ' Connect first to get lists of your item codes and locations.'}` });
    } catch (e) {
      setNote({ failed: true, text: `No sheet added: ${(e as Error).message}` });
    } finally {
      setBusy(false);
    }
  }

  return (
    <>
      <div className={styles.row}>
        <Field label="New sheet for">
          <Select className={styles.select} value={kind} onChange={(_, d) => { setKind(d.value as TemplateKind); setNote(null); }}>
            {TEMPLATE_KINDS.map((k) => <option key={k} value={k}>{TEMPLATE_SHEET[k].label}</option>)}
          </Select>
        </Field>
        <Button disabled={busy} onClick={() => void add()}>Add {label} sheet</Button>
      </div>
      {note && <Text size={200} role="status" aria-label="Template result" style={note.failed ? { color: tokens.colorPaletteRedForeground1 } : undefined}>{note.text}</Text>}
    </>
  );
}
