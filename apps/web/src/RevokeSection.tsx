import { useEffect, useRef, useState } from 'react';

interface RevokeSectionProps {
  busy: boolean;
  onRevoke: () => void;
}

/** "Revoke this release", then a second, explicit step before anything is sent. */
export function RevokeSection({ busy, onRevoke }: RevokeSectionProps) {
  const [confirming, setConfirming] = useState(false);
  const confirmButton = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (confirming) confirmButton.current?.focus();
  }, [confirming]);

  return (
    <section aria-labelledby="revoke-heading">
      <h2 id="revoke-heading">Changed your mind?</h2>
      <p>
        You can revoke this release at any time. After that, your coach may no longer share your information under it.
        Anything already shared before you revoke cannot be taken back.
      </p>
      {!confirming ? (
        <button type="button" onClick={() => setConfirming(true)}>
          Revoke this release
        </button>
      ) : (
        <div className="confirm" role="group" aria-labelledby="confirm-revoke">
          <p id="confirm-revoke">
            <strong>Are you sure you want to revoke this release?</strong> This cannot be undone.
          </p>
          <button type="button" className="danger" ref={confirmButton} onClick={onRevoke} disabled={busy}>
            {busy ? 'Revoking…' : 'Yes, revoke it'}
          </button>
          <button type="button" onClick={() => setConfirming(false)} disabled={busy}>
            No, keep it
          </button>
        </div>
      )}
    </section>
  );
}
