import { createHash } from 'node:crypto';
import { Injectable, type OnModuleInit } from '@nestjs/common';
import { fromBase64Url, sealKeyPairFromSeed, signDetached, toBase64 } from '#haven/crypto';
import { HavenConfig } from '#haven/platform';

/**
 * The platform's Ed25519 seal (HAVEN_SEAL_SEED). It signs the canonical evidence of each signature;
 * its public key is published at GET /public/seal-key so anyone can verify a release without
 * trusting our database. The key id names the key, so a future rotation can keep old seals checkable.
 */
@Injectable()
export class ReleaseSeal implements OnModuleInit {
  #privateKey = '';
  #publicKey = '';
  #keyId = '';

  constructor(private readonly config: HavenConfig) {}

  async onModuleInit(): Promise<void> {
    const pair = await sealKeyPairFromSeed(this.config.secrets.sealSeed);
    const raw = fromBase64Url(pair.publicKey);
    this.#privateKey = pair.privateKey;
    this.#publicKey = toBase64(raw);
    this.#keyId = sealKeyIdOf(raw);
  }

  /** The public key, standard base64 of its 32 raw bytes. */
  get publicKey(): string {
    return this.#publicKey;
  }

  get keyId(): string {
    return this.#keyId;
  }

  /** Base64 Ed25519 detached signature of the canonical evidence JSON. */
  seal(canonicalEvidenceJson: string): Promise<string> {
    if (!this.#privateKey) throw new Error('the release seal is used before its module initialised');
    return signDetached(this.#privateKey, canonicalEvidenceJson);
  }
}

/** `ed25519:` and the first 16 hex digits of the SHA-256 of the raw public key. */
export function sealKeyIdOf(rawPublicKey: Uint8Array): string {
  return `ed25519:${createHash('sha256').update(rawPublicKey).digest('hex').slice(0, 16)}`;
}
