import type { OpenedRelease } from './public-releases-api';

/** The whole text of the release, exactly as frozen when it was sent (this is what is signed). */
export function ReleaseText({ release }: { release: OpenedRelease }) {
  return (
    <section aria-labelledby="text-heading">
      <h2 id="text-heading">The full release</h2>
      <div className="document">{release.documentText}</div>
      <p className="fine-print">
        Version {release.templateVersion}. Fingerprint of this text (SHA-256): <code>{release.documentSha256}</code>
      </p>
    </section>
  );
}
