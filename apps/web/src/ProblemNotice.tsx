import { useEffect, useRef } from 'react';
import { PROBLEM_MESSAGES, type PageProblemKind } from './problem-messages';

interface ProblemNoticeProps {
  kind: PageProblemKind;
  /** The API's sentence naming a refused field, when it gave one. */
  detail?: string;
  onRetry?: () => void;
}

/** A problem the signer must know about: announced (role="alert") and focused when it appears. */
export function ProblemNotice({ kind, detail, onRetry }: ProblemNoticeProps) {
  const message = PROBLEM_MESSAGES[kind];
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => box.current?.focus(), [kind, detail]);
  return (
    <div className="notice notice-problem" role="alert" tabIndex={-1} ref={box}>
      <h2>{message.title}</h2>
      <p>{detail ?? message.text}</p>
      {message.canRetry && onRetry && (
        <button type="button" onClick={onRetry}>
          Try again
        </button>
      )}
    </div>
  );
}
