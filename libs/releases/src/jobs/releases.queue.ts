/** The releases queue, its jobs, and the one payload type each carries (ids only, never content). */
export const RELEASES_QUEUE = 'releases';

export const EXPIRE_RELEASES = 'expire-releases';

export interface ReleasesJobPayloads {
  [EXPIRE_RELEASES]: { requestedBy: 'schedule' | 'test' };
}
