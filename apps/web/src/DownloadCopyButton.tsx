import { useState } from 'react';
import { downloadSignedCopy, PublicReleaseProblem } from './public-releases-api';

interface DownloadCopyButtonProps {
  token: string;
  onProblem: (problem: PublicReleaseProblem) => void;
}

/** Fetches the signer's PDF copy and hands it to the browser as a download. */
export function DownloadCopyButton({ token, onProblem }: DownloadCopyButtonProps) {
  const [busy, setBusy] = useState(false);

  async function download() {
    setBusy(true);
    try {
      const { file, fileName } = await downloadSignedCopy(token);
      const url = URL.createObjectURL(file);
      const link = document.createElement('a');
      link.href = url;
      link.download = fileName;
      document.body.append(link);
      link.click();
      link.remove();
      setTimeout(() => URL.revokeObjectURL(url), 60_000);
    } catch (error) {
      onProblem(error instanceof PublicReleaseProblem ? error : new PublicReleaseProblem('unexpected'));
    } finally {
      setBusy(false);
    }
  }

  return (
    <button type="button" className="primary" onClick={() => void download()} disabled={busy}>
      {busy ? 'Preparing your copy…' : 'Download your copy (PDF)'}
    </button>
  );
}
