import { Button, makeStyles, tokens } from '@fluentui/react-components';
import type { ListedProblem } from '../check/session';

const useStyles = makeStyles({
  list: { listStyleType: 'none', margin: 0, padding: 0, display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXXS, maxHeight: '40vh', overflowY: 'auto' },
  item: { width: '100%', justifyContent: 'flex-start', textAlign: 'left', fontWeight: tokens.fontWeightRegular, minWidth: 0 },
  address: { fontWeight: tokens.fontWeightSemibold, marginRight: tokens.spacingHorizontalS, flexShrink: 0 },
  error: { borderLeft: `4px solid ${tokens.colorPaletteRedBorder2}` },
  warning: { borderLeft: `4px solid ${tokens.colorPaletteYellowBorder2}` },
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
            className={`${styles.item} ${p.severity === 'error' ? styles.error : styles.warning}`}
            onClick={() => onSelect(p)}
            aria-label={`${p.address}: ${p.severity}: ${p.message}`}
          >
            <span className={styles.address}>{p.address}</span>
            <span>{p.message}</span>
          </Button>
        </li>
      ))}
      {problems.length > SHOWN && <li>… and {problems.length - SHOWN} more in the Status column.</li>}
    </ul>
  );
}
