import { useEffect, useRef } from 'react';
import { formatMoment } from './format-dates';
import type { OpenedRelease } from './public-releases-api';

/** Where the release stands once it is no longer waiting for a signature; focused so it is read out. */
export function StatusNotice({ release }: { release: OpenedRelease }) {
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => box.current?.focus(), [release.status]);
  if (release.status === 'pending_signature') return null;
  return (
    <div className={`notice notice-${release.status}`} role="status" tabIndex={-1} ref={box}>
      {release.status === 'signed' && (
        <>
          <h2>Thank you, the release is signed</h2>
          <p>
            Signed by {release.signerName}
            {release.signedAt && ` on ${formatMoment(release.signedAt)}`}. Your coach can now see that it is signed.
            Keep a copy for your records.
          </p>
        </>
      )}
      {release.status === 'revoked' && (
        <>
          <h2>This release has been revoked</h2>
          <p>
            {release.revokedAt && `It was revoked on ${formatMoment(release.revokedAt)}. `}It can no longer be used to
            share your information.
          </p>
        </>
      )}
      {release.status === 'expired' && (
        <>
          <h2>This release has expired</h2>
          <p>The date it was valid until has passed, so it can no longer be used to share your information.</p>
        </>
      )}
    </div>
  );
}
