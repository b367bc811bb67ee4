import { formatDay } from './format-dates';
import type { OpenedRelease } from './public-releases-api';

/** Who receives what, why and until when: the fields of the release, as a list of terms. */
export function ReleaseSummary({ release }: { release: OpenedRelease }) {
  return (
    <section aria-labelledby="summary-heading">
      <h2 id="summary-heading">In short</h2>
      <dl className="summary">
        <dt>Who may receive your information</dt>
        <dd>
          {release.recipientName}, {release.recipientOrganization}
          <br />
          {release.recipientContact}
        </dd>
        <dt>Why</dt>
        <dd>{release.purpose}</dd>
        <dt>What information</dt>
        <dd>{release.informationScope}</dd>
        <dt>Valid until</dt>
        <dd>{formatDay(release.expiresOn)}</dd>
      </dl>
    </section>
  );
}
