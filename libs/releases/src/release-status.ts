import type { ReleaseStatus } from '#haven/ethics';
import { ReleasesErrorCode, ReleasesException } from './releases.errors.js';

/**
 * The status as of `today` (YYYY-MM-DD, UTC): a pending or signed release is expired from its
 * `expiresOn` on, even before the hourly sweep has written it down.
 */
export function currentStatus(release: { status: ReleaseStatus; expiresOn: string }, today: string): ReleaseStatus {
  const live = release.status === 'pending_signature' || release.status === 'signed';
  return live && release.expiresOn <= today ? 'expired' : release.status;
}

/** Only a release still waiting for its signature can be signed or sent again. */
export function assertAwaitingSignature(status: ReleaseStatus): void {
  if (status === 'signed') throw new ReleasesException(ReleasesErrorCode.RELEASE_ALREADY_SIGNED);
  if (status === 'revoked') throw new ReleasesException(ReleasesErrorCode.RELEASE_REVOKED);
  if (status === 'expired') throw new ReleasesException(ReleasesErrorCode.RELEASE_EXPIRED);
}
