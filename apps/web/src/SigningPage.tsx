import { useCallback, useEffect, useState } from 'react';
import { DownloadCopyButton } from './DownloadCopyButton';
import type { PageProblemKind } from './problem-messages';
import { ProblemNotice } from './ProblemNotice';
import {
  openRelease,
  PublicReleaseProblem,
  revokeRelease,
  signRelease,
  type OpenedRelease,
} from './public-releases-api';
import { ReleaseSummary } from './ReleaseSummary';
import { ReleaseText } from './ReleaseText';
import { RevokeSection } from './RevokeSection';
import { SignForm } from './SignForm';
import { StatusNotice } from './StatusNotice';

interface Problem {
  kind: PageProblemKind;
  detail?: string;
  retry?: () => void;
}

/** Problems after which the release itself is read again, to show where it now stands. */
const STATE_CHANGED: readonly PageProblemKind[] = ['already-signed', 'revoked', 'expired'];

/** The client's signing page: open the release, then sign, download the copy, or revoke. */
export function SigningPage({ token }: { token: string | null }) {
  const [release, setRelease] = useState<OpenedRelease | null>(null);
  const [problem, setProblem] = useState<Problem | null>(token ? null : { kind: 'no-link' });
  const [busy, setBusy] = useState(false);

  const load = useCallback(async () => {
    if (!token) return;
    setProblem(null);
    try {
      setRelease(await openRelease(token));
    } catch (error) {
      setRelease(null);
      setProblem({ kind: kindOf(error), retry: () => void load() });
    }
  }, [token]);

  useEffect(() => void load(), [load]);

  async function act(action: () => Promise<void>) {
    setBusy(true);
    setProblem(null);
    try {
      await action();
      setRelease(await openRelease(token!));
    } catch (error) {
      report(error);
    } finally {
      setBusy(false);
    }
  }

  function report(error: unknown) {
    const kind = kindOf(error);
    setProblem({ kind, detail: error instanceof PublicReleaseProblem ? error.detail : undefined });
    if (STATE_CHANGED.includes(kind)) void openRelease(token!).then(setRelease, () => undefined);
  }

  return (
    <main>
      <h1>Release of information</h1>
      {problem && <ProblemNotice kind={problem.kind} detail={problem.detail} onRetry={problem.retry} />}
      {!release && !problem && <p role="status">Opening your release…</p>}
      {release && token && (
        <>
          {release.status === 'pending_signature' && (
            <p className="intro">
              Your coach asks for your written permission to share some of your information. Read it carefully. Signing
              is your choice: your coaching does not depend on it.
            </p>
          )}
          <StatusNotice release={release} />
          {release.status === 'signed' && <DownloadCopyButton token={token} onProblem={report} />}
          <ReleaseSummary release={release} />
          <ReleaseText release={release} />
          {release.status === 'pending_signature' && (
            <SignForm
              release={release}
              busy={busy}
              onSign={(signerName) => void act(() => signRelease(token, signerName))}
            />
          )}
          {release.status === 'signed' && (
            <RevokeSection busy={busy} onRevoke={() => void act(() => revokeRelease(token))} />
          )}
        </>
      )}
    </main>
  );
}

function kindOf(error: unknown): PageProblemKind {
  return error instanceof PublicReleaseProblem ? error.kind : 'unexpected';
}
