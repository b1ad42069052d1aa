import {
  Accordion, AccordionHeader, AccordionItem, AccordionPanel, Badge, Button, Divider, Field, Select, Subtitle2,
  Text, makeStyles, tokens,
} from '@fluentui/react-components';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { SheetKind } from '../../shared/columns';
import { MOVEMENT_TYPES, type MovementType } from '../../shared/rows';
import type { Me } from '../../shared/api-types';
import { apiClient, type ApiClient, type Connection } from '../api/client';
import { notices, singular } from '../session/notices';
import { SheetSession } from '../session/session';
import type { WorkbookPort } from '../workbook/port';
import { setLookupClient } from '../functions/shared';
import { ConnectionPanel } from './ConnectionPanel';
import { NoticeBar, ProgressField } from './StatusBars';
import { loadConnection, saveConnection } from './connection';
import { MappingEditor } from './MappingEditor';
import { ProblemList } from './ProblemList';
import { BatchesPanel } from './BatchesPanel';
import { DuplicateChoice } from './DuplicateChoice';
import { ReportsPanel } from './reports/ReportsPanel';
import { TemplatesPanel } from './TemplatesPanel';
import { TextColumnOffer } from './TextColumnOffer';
import { TEMPLATE_SHEET } from '../templates/sheet-templates';
import { PickingPanel } from './picking/PickingPanel';
import { useSession } from './use-session';

const useStyles = makeStyles({
  pane: {
    display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM, padding: tokens.spacingHorizontalM,
    minWidth: '280px', boxSizing: 'border-box',
  },
  section: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  buttons: { display: 'flex', gap: tokens.spacingHorizontalS, flexWrap: 'wrap' },
  counts: { display: 'flex', gap: tokens.spacingHorizontalXS, flexWrap: 'wrap', alignItems: 'center' },
  title: { margin: 0 },
});

const KIND_LABEL: Record<SheetKind, string> = { movements: 'Movements (receiving, shipping…)', items: 'Items (item master)', locations: 'Locations', parties: 'Parties (suppliers, customers)' };

/** The task pane: connection, check and post the sheet, master data, templates. */
export function App({ port }: { port: WorkbookPort }) {
  const styles = useStyles();
  const [connection, setConnection] = useState<Connection | null>(() => loadConnection());
  const [me, setMe] = useState<Me | null>(null);
  const [kind, setKind] = useState<SheetKind>('movements');
  const [type, setType] = useState<MovementType>('receive');
  const apiRef = useRef<ApiClient | null>(null);
  const typeRef = useRef(type);
  typeRef.current = type;
  apiRef.current = useMemo(() => (connection && me ? apiClient(connection) : null), [connection, me]);
  // The LOTLEDGER cell functions ask through the pane's connection.
  useEffect(() => setLookupClient(apiRef.current), [connection, me]);

  const meRef = useRef(me);
  meRef.current = me;
  const getApi = useCallback(() => apiRef.current, []);
  const session = useMemo(() => new SheetSession(port, getApi, { defaultType: () => typeRef.current, who: () => meRef.current?.tokenName ?? '' }), [port, getApi]);
  useEffect(() => {
    session.resume();
    return () => session.dispose();
  }, [session]);
  const state = useSession(session);

  // A stored connection is tested once at start; when that fails, the form says why and what to do.
  const [startError, setStartError] = useState<string | null>(null);
  useEffect(() => {
    if (connection && !me) apiClient(connection).me().then(setMe, (e) => { setMe(null); setStartError(notices.failed(e, '').text); });
  }, []); // eslint-disable-line react-hooks/exhaustive-deps

  const busy = state.phase !== 'idle';
  const isAdmin = me?.role === 'admin';
  const canPost = session.canPost && (kind === 'movements' ? me?.role !== 'viewer' : isAdmin);
  const noun = state.kind === 'movements' ? 'rows' : state.kind;
  const postLabel = state.postedBatch ? (state.kind === 'movements' ? 'Posted' : 'Posted (saved)') : `Post ${state.toPost} ${state.toPost === 1 ? singular(noun) : noun}`;

  // A failed connection or a refused token: the last check's counts are not current, so they are not shown.
  const lost = state.notice?.lost;

  return (
    <main className={styles.pane} aria-label="LotLedger">
      <Subtitle2 as="h1" className={styles.title}>LotLedger</Subtitle2>
      <section className={styles.section} aria-label="Connection">
        <ConnectionPanel
          connection={connection}
          me={me}
          startError={startError}
          onConnected={(c, m) => { saveConnection(c); setConnection(c); setMe(m); }}
          onDisconnect={() => { saveConnection(null); setMe(null); }}
        />
      </section>
      <Divider />
      <section className={styles.section} aria-label="Check and post">
        {isAdmin && (
          <Field label="This sheet holds">
            <Select value={kind} onChange={(_, d) => setKind(d.value as SheetKind)}>
              {(Object.keys(KIND_LABEL) as SheetKind[]).map((k) => <option key={k} value={k}>{KIND_LABEL[k]}</option>)}
            </Select>
          </Field>
        )}
        {kind === 'movements' && (
          <Field label="Type for rows without one" hint="Used for rows whose Type is blank, or when the sheet has no Type column.">
            <Select value={type} onChange={(_, d) => setType(d.value as MovementType)}>
              {MOVEMENT_TYPES.map((t) => <option key={t} value={t}>{t}</option>)}
            </Select>
          </Field>
        )}
        <div className={styles.buttons}>
          <Button appearance={canPost ? 'secondary' : 'primary'} disabled={busy || !me} onClick={() => void session.check(kind)}>
            Check sheet
          </Button>
          <Button appearance="primary" disabled={!canPost || state.kind !== kind} onClick={() => void session.post()}>
            {postLabel}
          </Button>
        </div>
        {state.progress && <ProgressField progress={state.progress} />}
        {state.notice && <NoticeBar notice={state.notice} />}
        {state.table && !lost && (
          <div className={styles.counts} role="status" aria-label="Check results">
            <Badge appearance="filled" color={state.errors ? 'danger' : 'success'}>{state.errors} {state.errors === 1 ? 'error' : 'errors'}</Badge>
            <Badge appearance="filled" color={state.warnings ? 'warning' : 'informative'}>{state.warnings} {state.warnings === 1 ? 'warning' : 'warnings'}</Badge>
            <Text size={200}>
              {state.postedEarlier > 0 ? `${state.postedEarlier} posted earlier · ${state.toPost} to post` : `${state.rows} ${state.rows === 1 ? 'row' : 'rows'}`} on {state.table.sheet}
              {state.serverChecked ? '' : ' · ledger check pending'}
            </Text>
          </div>
        )}
        {state.table && <TextColumnOffer key={`${state.table.sheet}|${state.table.headerRow}`} port={port} table={state.table} columns={state.numberColumns} />}
        <DuplicateChoice groups={state.duplicates} disabled={busy}
          onSkip={() => void session.skipDuplicates()} onPostAnyway={() => void session.confirmDuplicates()} />
        <ProblemList problems={state.problems} onSelect={(p) => void session.select(p)} />
        {state.table && (
          <Accordion collapsible>
            <AccordionItem value="columns">
              <AccordionHeader size="small">Columns</AccordionHeader>
              <AccordionPanel>
                <MappingEditor table={state.table} onApply={(cols) => void session.check(state.kind, cols)} />
              </AccordionPanel>
            </AccordionItem>
          </Accordion>
        )}
      </section>
      <Divider />
      <section className={styles.section} aria-label="Reports">
        <Subtitle2 as="h2" className={styles.title}>Reports</Subtitle2>
        <ReportsPanel port={port} api={() => apiRef.current} role={me?.role ?? null} />
      </section>
      <Divider />
      <section className={styles.section} aria-label="Picking">
        <Subtitle2 as="h2" className={styles.title}>Picking</Subtitle2>
        <PickingPanel port={port} api={() => apiRef.current} session={session} />
      </section>
      <Divider />
      <section className={styles.section} aria-label="Batches">
        <Subtitle2 as="h2" className={styles.title}>Batches</Subtitle2>
        <BatchesPanel key={state.postedBatch ?? ''} port={port} api={getApi} posted={session.posted} connected={!!me}
          canVoid={me?.role === 'clerk' || me?.role === 'admin'} />
      </section>
      <Divider />
      <section className={styles.section} aria-label="Templates">
        <TemplatesPanel port={port} api={() => apiRef.current} onAdded={(k) => {
          const t = TEMPLATE_SHEET[k];
          if (t.type) setType(t.type);
          if (isAdmin || t.kind === 'movements') setKind(t.kind);
        }} />
      </section>
    </main>
  );
}
