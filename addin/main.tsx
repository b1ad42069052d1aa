/**
 * Starts the pane: loads office.js, and inside Excel talks to the workbook through Office.js;
 * in a plain browser it shows the preview workbook beside the pane instead (and exposes it to
 * tests as window.lotledgerPreview).
 */
import { FluentProvider, makeStyles } from '@fluentui/react-components';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App';
import { officeTheme } from './office-theme';
import { officePort } from './workbook/office';
import { previewApi } from './workbook/preview/api';
import { Grid } from './workbook/preview/Grid';
import { previewPort } from './workbook/preview/port';
import { PreviewWorkbook } from './workbook/preview/workbook';
import { keepInStorage } from './workbook/preview/persist';
import type { WorkbookPort } from './workbook/port';
import { officeJsUrl } from './office-js-url';
import { associateExcelFunctions, recalculateWorkbook } from './functions/excel-functions';
import { onLookupClientChange, setCellDate1904, sharedCellFunctions } from './functions/shared';
import { attachFormulas } from './workbook/preview/formulas';

// The preview workbook exists from the first moment, so tests find window.lotledgerPreview as
// soon as the page has loaded; inside Excel it is taken away again. It is kept in the page's
// local storage, so a reload finds it as it was.
const previewBook = new PreviewWorkbook();
const kept = keepInStorage(previewBook, window.localStorage);
window.addEventListener('pagehide', () => kept.flush());
window.lotledgerPreview = previewApi(previewBook);
// Formulas computed before the pane connected showed "not connected": connecting computes them again.
const previewFormulas = attachFormulas(previewBook, sharedCellFunctions);
onLookupClientChange(() => previewFormulas.recalculate());

const useStyles = makeStyles({
  split: { display: 'flex', height: '100vh', alignItems: 'stretch' },
  pane: { width: '340px', flexShrink: 0, overflowY: 'auto', height: '100vh' },
});

function PreviewShell({ port }: { port: WorkbookPort }) {
  const styles = useStyles();
  return (
    <div className={styles.split}>
      <Grid wb={previewBook} />
      <div className={styles.pane}><App port={port} /></div>
    </div>
  );
}

/** Loads office.js; resolves false when it cannot be had (no network, no CDN). */
function loadOfficeJs(): Promise<boolean> {
  return new Promise((resolve) => {
    const s = document.createElement('script');
    s.src = officeJsUrl(window.location);
    s.onload = () => resolve(true);
    s.onerror = () => resolve(false);
    document.head.appendChild(s);
    setTimeout(() => resolve(false), 8000);
  });
}

async function hostOrNull(): Promise<string | null> {
  if (!(await loadOfficeJs()) || !window.Office) return null;
  const info = await Promise.race([Office.onReady(), new Promise<null>((r) => setTimeout(() => r(null), 5000))]);
  return info?.host ? String(info.host) : null;
}

async function start() {
  const root = createRoot(document.getElementById('root')!);
  const host = await hostOrNull();
  const inExcel = host === 'Excel';
  // ?layout=pane shows the pane alone, as Excel does, over the (hidden) preview workbook.
  const paneOnly = new URLSearchParams(window.location.search).get('layout') === 'pane';
  if (inExcel) {
    delete window.lotledgerPreview;
    kept.stop();
  }
  const port = inExcel ? officePort() : previewPort(previewBook);
  if (inExcel) {
    associateExcelFunctions();
    onLookupClientChange(() => void recalculateWorkbook().catch(() => undefined));
    void port.info().then((i) => setCellDate1904(() => i.date1904), () => undefined);
  } else setCellDate1904(() => previewBook.date1904);
  root.render(
    <StrictMode>
      <FluentProvider theme={officeTheme()}>
        {inExcel || paneOnly ? <App port={port} /> : <PreviewShell port={port} />}
      </FluentProvider>
    </StrictMode>,
  );
  document.body.dataset.host = inExcel ? 'excel' : 'preview';
}

void start();
