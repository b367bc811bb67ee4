// The public surface of #haven/releases. Everything else in this folder is private.
export { ReleasesModule, ReleasesHttpModule, ReleasesJobsModule } from './releases.module.js';
export { ReleaseExpirySweep } from './jobs/expire-releases.job.js';
export { EXPIRE_RELEASES, RELEASES_QUEUE, type ReleasesJobPayloads } from './jobs/releases.queue.js';
export { verifySealedEvidence } from './sealing/verify-sealed-evidence.js';
