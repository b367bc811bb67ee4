import { Injectable } from '@nestjs/common';
import type { Queries } from '#haven/audit';
import type { ReleaseStatus } from '#haven/ethics';
import { keysetPageSql, type PageRequest } from '#haven/platform';

/** A release row as the coach reads it. */
export interface ReleaseRow {
  id: string;
  coachId: string;
  clientId: string;
  status: ReleaseStatus;
  expiresOn: string;
  templateVersion: string;
  consentVersion: string;
  documentEnc: string;
  evidencePublicKey: string;
  evidenceSecretKeyEnc: string;
  stepLog: string[];
  evidenceEnc: string | null;
  createdAt: Date;
  signedAt: Date | null;
  revokedAt: Date | null;
  expiredAt: Date | null;
}

/** The one row a signing link reaches (under the signer's RLS scope). */
export interface SigningLinkRow {
  id: string;
  coachId: string;
  status: ReleaseStatus;
  expiresOn: string;
  signerCopyEnc: string;
  evidencePublicKey: string;
  signedAt: Date | null;
  revokedAt: Date | null;
}

/** A new release with its first signing link. */
export interface NewRelease {
  id: string;
  coachId: string;
  clientId: string;
  expiresOn: string;
  templateVersion: string;
  consentVersion: string;
  documentEnc: string;
  evidencePublicKey: string;
  evidenceSecretKeyEnc: string;
  createdAt: Date;
}

/** A signing link: only the token's hash is stored; what it unlocks is under the token's key. */
export interface SigningLink {
  linkId: string;
  tokenHash: string;
  expiresAt: Date;
  signerCopyEnc: string;
  /** The `sent` step, sealed to the release's evidence key. */
  sentStep: string;
}

const RELEASE_COLUMNS = `id, coach_id, client_id, status, expires_on::text AS expires_on, template_version,
  consent_version, document_enc, evidence_public_key, evidence_secret_key_enc, step_log, evidence_enc,
  created_at, signed_at, revoked_at, expired_at`;

interface RawRelease {
  id: string;
  coach_id: string;
  client_id: string;
  status: ReleaseStatus;
  expires_on: string;
  template_version: string;
  consent_version: string;
  document_enc: string;
  evidence_public_key: string;
  evidence_secret_key_enc: string;
  step_log: string[];
  evidence_enc: string | null;
  created_at: Date;
  signed_at: Date | null;
  revoked_at: Date | null;
  expired_at: Date | null;
}

/** Named queries over `releases`, for the coach, the signing link and the expiry sweep. */
@Injectable()
export class ReleasesRepository {
  async insertWithLink(db: Queries, release: NewRelease, link: SigningLink): Promise<void> {
    await db.query(
      `INSERT INTO releases (id, coach_id, client_id, status, expires_on, template_version, consent_version,
                             document_enc, evidence_public_key, evidence_secret_key_enc, link_id, token_hash,
                             link_expires_at, signer_copy_enc, step_log, created_at)
       VALUES ($1, $2, $3, 'pending_signature', $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, ARRAY[$14], $15)`,
      [
        release.id,
        release.coachId,
        release.clientId,
        release.expiresOn,
        release.templateVersion,
        release.consentVersion,
        release.documentEnc,
        release.evidencePublicKey,
        release.evidenceSecretKeyEnc,
        link.linkId,
        link.tokenHash,
        link.expiresAt,
        link.signerCopyEnc,
        link.sentStep,
        release.createdAt,
      ],
    );
  }

  /** A fresh link for a release still waiting for its signature; the old token stops matching. */
  async replaceLink(db: Queries, releaseId: string, link: SigningLink): Promise<boolean> {
    const rows = await db.query(
      `UPDATE releases SET link_id = $2, token_hash = $3, link_expires_at = $4, signer_copy_enc = $5,
              step_log = step_log || ARRAY[$6]
        WHERE id = $1 AND status = 'pending_signature' AND signed_at IS NULL
        RETURNING id`,
      [releaseId, link.linkId, link.tokenHash, link.expiresAt, link.signerCopyEnc, link.sentStep],
    );
    return rows.length === 1;
  }

  async findOfClient(db: Queries, clientId: string, releaseId: string): Promise<ReleaseRow | null> {
    const [row] = await db.query<RawRelease>(
      `SELECT ${RELEASE_COLUMNS} FROM releases WHERE id = $1 AND client_id = $2`,
      [releaseId, clientId],
    );
    return row ? toReleaseRow(row) : null;
  }

  /** Locked for the rest of the transaction (resend against a concurrent signature). */
  async findOfClientForUpdate(db: Queries, clientId: string, releaseId: string): Promise<ReleaseRow | null> {
    const [row] = await db.query<RawRelease>(
      `SELECT ${RELEASE_COLUMNS} FROM releases WHERE id = $1 AND client_id = $2 FOR UPDATE`,
      [releaseId, clientId],
    );
    return row ? toReleaseRow(row) : null;
  }

  async find(db: Queries, coachId: string, releaseId: string): Promise<ReleaseRow | null> {
    const [row] = await db.query<RawRelease>(
      `SELECT ${RELEASE_COLUMNS} FROM releases WHERE id = $1 AND coach_id = $2`,
      [releaseId, coachId],
    );
    return row ? toReleaseRow(row) : null;
  }

  /** Newest first. */
  async pageByClient(db: Queries, clientId: string, page: PageRequest): Promise<ReleaseRow[]> {
    const newestFirst = keysetPageSql('seq', { order: 'DESC', table: 'releases' }, page, 2);
    const rows = await db.query<RawRelease>(
      `SELECT ${RELEASE_COLUMNS} FROM releases WHERE client_id = $1 ${newestFirst.sql}`,
      [clientId, ...newestFirst.parameters],
    );
    return rows.map(toReleaseRow);
  }

  /** Oldest first (the export). */
  async findAllByClient(db: Queries, clientId: string): Promise<ReleaseRow[]> {
    const rows = await db.query<RawRelease>(
      `SELECT ${RELEASE_COLUMNS} FROM releases WHERE client_id = $1 ORDER BY seq ASC`,
      [clientId],
    );
    return rows.map(toReleaseRow);
  }

  /**
   * The row the signer's scope shows (at most one: the policy matches the token's hash), locked so
   * that two signatures with one token cannot both pass the status check.
   */
  async findSigningLinkForUpdate(db: Queries): Promise<SigningLinkRow | null> {
    const [row] = await db.query<{
      id: string;
      coach_id: string;
      status: ReleaseStatus;
      expires_on: string;
      signer_copy_enc: string;
      evidence_public_key: string;
      signed_at: Date | null;
      revoked_at: Date | null;
    }>(
      `SELECT id, coach_id, status, expires_on::text AS expires_on, signer_copy_enc, evidence_public_key,
              signed_at, revoked_at
         FROM releases WHERE signer_copy_enc IS NOT NULL FOR UPDATE`,
    );
    if (!row) return null;
    return {
      id: row.id,
      coachId: row.coach_id,
      status: row.status,
      expiresOn: row.expires_on,
      signerCopyEnc: row.signer_copy_enc,
      evidencePublicKey: row.evidence_public_key,
      signedAt: row.signed_at,
      revokedAt: row.revoked_at,
    };
  }

  /** Rewrites the signer's copy and appends sealed steps to the coach's log. */
  async recordSignerSteps(db: Queries, releaseId: string, signerCopyEnc: string, steps: string[]): Promise<void> {
    await db.query(`UPDATE releases SET signer_copy_enc = $2, step_log = step_log || $3::text[] WHERE id = $1`, [
      releaseId,
      signerCopyEnc,
      steps,
    ]);
  }

  async markSigned(
    db: Queries,
    releaseId: string,
    change: { signerCopyEnc: string; steps: string[]; evidenceEnc: string; signedAt: Date },
  ): Promise<void> {
    await db.query(
      `UPDATE releases SET status = 'signed', signed_at = $2, signer_copy_enc = $3,
              step_log = step_log || $4::text[], evidence_enc = $5
        WHERE id = $1`,
      [releaseId, change.signedAt, change.signerCopyEnc, change.steps, change.evidenceEnc],
    );
  }

  async markRevoked(
    db: Queries,
    releaseId: string,
    change: { signerCopyEnc: string; steps: string[]; revokedAt: Date },
  ): Promise<void> {
    await db.query(
      `UPDATE releases SET status = 'revoked', revoked_at = $2, signer_copy_enc = $3, step_log = step_log || $4::text[]
        WHERE id = $1`,
      [releaseId, change.revokedAt, change.signerCopyEnc, change.steps],
    );
  }

  /** Releases past their expiry date (what the sweep's policy shows), locked, skipping rows in use. */
  async findDueToExpire(db: Queries, limit: number): Promise<{ id: string; evidencePublicKey: string }[]> {
    const rows = await db.query<{ id: string; evidence_public_key: string }>(
      `SELECT id, evidence_public_key FROM releases
        WHERE status IN ('pending_signature', 'signed') AND expires_on <= (now() AT TIME ZONE 'UTC')::date
        ORDER BY expires_on LIMIT $1 FOR UPDATE SKIP LOCKED`,
      [limit],
    );
    return rows.map((row) => ({ id: row.id, evidencePublicKey: row.evidence_public_key }));
  }

  /**
   * A row `findDueToExpire` locked. No RETURNING: the expired row no longer matches the sweep's
   * read policy, and Postgres checks returned rows against it.
   */
  async markExpired(db: Queries, releaseId: string, expiredAt: Date, sealedStep: string): Promise<void> {
    await db.query(
      `UPDATE releases SET status = 'expired', expired_at = $2, step_log = step_log || ARRAY[$3]
        WHERE id = $1 AND status IN ('pending_signature', 'signed')`,
      [releaseId, expiredAt, sealedStep],
    );
  }
}

function toReleaseRow(row: RawRelease): ReleaseRow {
  return {
    id: row.id,
    coachId: row.coach_id,
    clientId: row.client_id,
    status: row.status,
    expiresOn: row.expires_on,
    templateVersion: row.template_version,
    consentVersion: row.consent_version,
    documentEnc: row.document_enc,
    evidencePublicKey: row.evidence_public_key,
    evidenceSecretKeyEnc: row.evidence_secret_key_enc,
    stepLog: row.step_log,
    evidenceEnc: row.evidence_enc,
    createdAt: row.created_at,
    signedAt: row.signed_at,
    revokedAt: row.revoked_at,
    expiredAt: row.expired_at,
  };
}
