import { Button, MessageBar, MessageBarActions, MessageBarBody, MessageBarTitle } from '@fluentui/react-components';
import type { DuplicateGroup } from '../session/posted';

/** "posted 1 Dec by desk": when and by whom, as far as the ledger said. */
export function postedWhen(g: Pick<DuplicateGroup, 'postedAt' | 'postedBy'>): string {
  const when = g.postedAt ? ` ${new Date(g.postedAt).toLocaleDateString('en-GB', { day: 'numeric', month: 'short', timeZone: 'UTC' })}` : '';
  return `posted${when}${g.postedBy ? ` by ${g.postedBy}` : ''}`;
}

/** The line for one repeated batch: "26 rows repeat batch B-… posted 1 Dec by desk". */
export const repeatLine = (g: DuplicateGroup): string =>
  `${g.rows} ${g.rows === 1 ? 'row repeats' : 'rows repeat'} batch ${g.batchId} ${postedWhen(g)}`;

/** The choice on rows the ledger found repeating earlier batches: Post stays closed until one is made. */
export function DuplicateChoice({ groups, disabled, onSkip, onPostAnyway }: {
  groups: DuplicateGroup[]; disabled: boolean; onSkip: () => void; onPostAnyway: () => void;
}) {
  if (!groups.length) return null;
  return (
    <div role="group" aria-label="Repeated rows">
      <MessageBar intent="warning" layout="multiline">
        <MessageBarBody>
          <MessageBarTitle>Already posted?</MessageBarTitle>
          {groups.map((g) => <div key={g.batchId}>{repeatLine(g)}.</div>)}
        </MessageBarBody>
        <MessageBarActions>
          <Button size="small" disabled={disabled} onClick={onSkip}>Skip these rows</Button>
          <Button size="small" disabled={disabled} onClick={onPostAnyway}>Post anyway</Button>
        </MessageBarActions>
      </MessageBar>
    </div>
  );
}
