/** The four public release routes the signing page calls. No Authorization header, ever: the token is the key. */

const BASE = '/api/v1/public/releases';

export type ReleaseStatus = 'pending_signature' | 'signed' | 'revoked' | 'expired';

/** What `POST /public/releases/open` answers. */
export interface OpenedRelease {
  status: ReleaseStatus;
  releaseId: string;
  templateVersion: string;
  consentVersion: string;
  consentText: string;
  documentText: string;
  documentSha256: string;
  recipientName: string;
  recipientOrganization: string;
  recipientContact: string;
  purpose: string;
  informationScope: string;
  expiresOn: string;
  signerName: string | null;
  signedAt: string | null;
  revokedAt: string | null;
}

/** Why a call failed, in the terms the page explains to the signer. */
export type ProblemKind =
  | 'unknown-link'
  | 'expired'
  | 'revoked'
  | 'already-signed'
  | 'too-many-attempts'
  | 'network'
  | 'refused'
  | 'unexpected';

export class PublicReleaseProblem extends Error {
  constructor(
    readonly kind: ProblemKind,
    /** The API's own sentence, shown for a refused field (it names the field). */
    readonly detail?: string,
  ) {
    super(kind);
  }
}

const KIND_BY_CODE: Record<string, ProblemKind> = {
  RELEASE_LINK_NOT_FOUND: 'unknown-link',
  RELEASE_EXPIRED: 'expired',
  RELEASE_REVOKED: 'revoked',
  RELEASE_ALREADY_SIGNED: 'already-signed',
  TOO_MANY_ATTEMPTS: 'too-many-attempts',
};

async function post(route: string, body: object): Promise<Response> {
  let response: Response;
  try {
    response = await fetch(`${BASE}/${route}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
      credentials: 'omit',
      cache: 'no-store',
    });
  } catch {
    throw new PublicReleaseProblem('network');
  }
  if (!response.ok) throw await problemOf(response);
  return response;
}

async function problemOf(response: Response): Promise<PublicReleaseProblem> {
  const answer = (await response.json().catch(() => ({}))) as { code?: unknown; message?: unknown };
  const code = typeof answer.code === 'string' ? answer.code : '';
  const message = typeof answer.message === 'string' ? answer.message : undefined;
  if (KIND_BY_CODE[code]) return new PublicReleaseProblem(KIND_BY_CODE[code]);
  if (response.status === 429) return new PublicReleaseProblem('too-many-attempts');
  if (response.status === 404) return new PublicReleaseProblem('unknown-link');
  if (response.status >= 400 && response.status < 500) return new PublicReleaseProblem('refused', message);
  return new PublicReleaseProblem('unexpected');
}

export async function openRelease(token: string): Promise<OpenedRelease> {
  return (await post('open', { token })).json() as Promise<OpenedRelease>;
}

export async function signRelease(token: string, signerName: string): Promise<void> {
  await post('sign', { token, signerName, consentToElectronicSignature: true, intentToSign: true });
}

export async function revokeRelease(token: string): Promise<void> {
  await post('revoke', { token });
}

/** The signer's PDF copy, with the file name the API suggests. */
export async function downloadSignedCopy(token: string): Promise<{ file: Blob; fileName: string }> {
  const response = await post('pdf', { token });
  const disposition = response.headers.get('content-disposition') ?? '';
  const fileName = /filename="?([^";]+)"?/.exec(disposition)?.[1] ?? 'signed-release.pdf';
  return { file: await response.blob(), fileName };
}
