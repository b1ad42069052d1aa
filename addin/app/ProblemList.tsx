import { Button, makeStyles, tokens } from '@fluentui/react-components';
import type { ListedProblem } from '../session/problems';

const useStyles = makeStyles({
  list: { listStyleType: 'none', margin: 0, padding: 0, display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXXS, maxHeight: '40vh', overflowY: 'auto' },
  item: { width: '100%', justifyContent: 'flex-start', textAlign: 'left', fontWeight: tokens.fontWeightRegular, minWidth: 0 },
  address: { fontWeight: tokens.fontWeightSemibold, marginRight: tokens.spacingHorizontalS, flexShrink: 0 },
  dot: { width: '8px', height: '8px', borderRadius: '50%', flexShrink: 0, marginRight: tokens.spacingHorizontalS, alignSelf: 'center' },
  error: { backgroundColor: tokens.colorPaletteRedBackground3 },
  warning: { backgroundColor: tokens.colorPaletteMarigoldBackground3 },
});

const SHOWN = 500;

/** The problems of the checked sheet; each one, clicked (or Enter), selects its cell. */
export function ProblemList({ problems, onSelect }: { problems: ListedProblem[]; onSelect: (p: ListedProblem) => void }) {
  const styles = useStyles();
  if (problems.length === 0) return null;
  return (
    <ul className={styles.list} aria-label="Problems">
      {problems.slice(0, SHOWN).map((p, i) => (
        <li key={i}>
          <Button
            appearance="subtle"
            className={styles.item}
            onClick={() => onSelect(p)}
            aria-label={`${p.address}: ${p.severity}: ${p.message}`}
          >
            <span className={`${styles.dot} ${p.severity === 'error' ? styles.error : styles.warning}`} aria-hidden />
            <span className={styles.address}>{p.address}</span>
            <span>{p.message}</span>
          </Button>
        </li>
      ))}
      {problems.length > SHOWN && <li>… and {problems.length - SHOWN} more in the Status column.</li>}
    </ul>
  );
}
