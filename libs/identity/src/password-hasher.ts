import { Injectable } from '@nestjs/common';
import bcrypt from 'bcrypt';
import { loginPrehash } from '#haven/crypto';
import { HavenConfig } from '#haven/platform';

/**
 * bcrypt over base64(HMAC-SHA-256(pepper, NFC(password))): the pepper makes a database dump
 * useless for guessing, and the 44-character pre-hash removes bcrypt's 72-byte truncation.
 */
@Injectable()
export class PasswordHasher {
  // Unknown emails are checked against this, so both failures take the same time.
  private readonly decoyHash: Promise<string>;

  constructor(private readonly config: HavenConfig) {
    this.decoyHash = bcrypt.hash('decoy-password-for-unknown-accounts', config.auth.bcryptCost);
  }

  async hash(password: string): Promise<{ hash: string; pepperVersion: number }> {
    const prehash = await loginPrehash(this.config.secrets.pepper, password);
    return {
      hash: await bcrypt.hash(prehash, this.config.auth.bcryptCost),
      pepperVersion: this.config.secrets.pepperVersion,
    };
  }

  async verify(password: string, hash: string): Promise<boolean> {
    return bcrypt.compare(await loginPrehash(this.config.secrets.pepper, password), hash);
  }

  async spendDecoyTime(password: string): Promise<void> {
    await bcrypt.compare(await loginPrehash(this.config.secrets.pepper, password), await this.decoyHash);
  }
}
