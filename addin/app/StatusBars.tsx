import { Field, MessageBar, MessageBarBody, MessageBarTitle, ProgressBar } from '@fluentui/react-components';
import type { Notice } from '../session/notices';

export interface Progress {
  label: string;
  done: number;
  total: number;
}

/** A labelled progress bar for a long read, check, post or report write (indeterminate until the total is known). */
export function ProgressField({ progress, ariaLabel }: { progress: Progress; ariaLabel?: string }) {
  return (
    <Field label={progress.label} validationState="none">
      <ProgressBar aria-label={ariaLabel} value={progress.total > 0 ? progress.done / progress.total : undefined} />
    </Field>
  );
}

/** What just happened, in Fluent's message bar: a title and a sentence. */
export function NoticeBar({ notice }: { notice: Notice }) {
  return (
    <MessageBar intent={notice.intent} layout="multiline">
      <MessageBarBody>
        <MessageBarTitle>{notice.title}</MessageBarTitle>
        {notice.text}
      </MessageBarBody>
    </MessageBar>
  );
}
