import { Button, MessageBar, MessageBarActions, MessageBarBody, MessageBarTitle, makeStyles, tokens } from '@fluentui/react-components';
import { useMemo, useSyncExternalStore } from 'react';
import type { ReportApi } from '../../reports/queries';
import type { WorkbookPort } from '../../workbook/port';
import { NoticeBar, ProgressField } from '../StatusBars';
import { ReportRefresher, type RefreshState } from './refresher';

const useStyles = makeStyles({
  section: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  buttons: { display: 'flex', gap: tokens.spacingHorizontalS, flexWrap: 'wrap' },
});

/** Refresh (the report sheet in front) and Refresh all, with one progress bar and the question before writing over the user's cells. */
export function RefreshBar({ port, api }: { port: WorkbookPort; api: () => ReportApi | null }) {
  const styles = useStyles();
  const refresher = useMemo(() => new ReportRefresher(port, api), [port]); // eslint-disable-line react-hooks/exhaustive-deps
  const state: RefreshState = useSyncExternalStore((cb) => refresher.subscribe(cb), () => refresher.state);
  return (
    <div className={styles.section}>
      <div className={styles.buttons}>
        <Button disabled={state.busy} onClick={() => void refresher.refreshActive()}>Refresh</Button>
        <Button disabled={state.busy} onClick={() => void refresher.refreshAll()}>Refresh all</Button>
      </div>
      {state.progress && <ProgressField progress={state.progress} ariaLabel="Refresh progress" />}
      {state.asking && (
        <MessageBar intent="warning" layout="multiline" role="alertdialog" aria-label="Write over your cells?">
          <MessageBarBody>
            <MessageBarTitle>Your cells are in the way</MessageBarTitle>
            {state.asking.text}
          </MessageBarBody>
          <MessageBarActions>
            <Button size="small" onClick={() => void refresher.overwrite()}>Write over them</Button>
            <Button size="small" onClick={() => refresher.keepCells()}>Keep my cells</Button>
          </MessageBarActions>
        </MessageBar>
      )}
      {state.notice && (
        <div role="status" aria-label="Refresh result">
          <NoticeBar notice={state.notice} />
        </div>
      )}
    </div>
  );
}
