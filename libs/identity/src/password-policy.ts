import { Injectable, type OnModuleDestroy } from '@nestjs/common';
import { Piscina } from 'piscina';
import { CommonErrorCode, HavenException } from '#haven/platform';
import { IdentityErrorCode, IdentityException } from './identity.errors.js';

export const PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_MAX_LENGTH = 256;
// zxcvbn scores 0..4; 3 means "safely unguessable" (about 10^8 guesses) and refuses common passwords.
const MINIMUM_SCORE = 3;
// zxcvbn's cost grows with length; the first 64 characters decide whether a password is guessable.
const CHECKED_PREFIX = 64;
// One thread: the checks queue instead of taking both cores from the API and the Argon2id pool.
// Beyond this many waiting checks, answer 503 at once rather than queue without end.
const MAX_WAITING_CHECKS = 64;

interface ScoreTask {
  password: string;
  context: string[];
}
interface Score {
  score: number;
  warning: string | null;
}

/** Refuses passwords outside 12..256 characters or guessable ones (common words, names, patterns). */
@Injectable()
export class PasswordPolicy implements OnModuleDestroy {
  private readonly pool = new Piscina<ScoreTask, Score>({
    filename: new URL('./password-strength.worker.mjs', import.meta.url).href,
    minThreads: 1,
    maxThreads: 1,
    maxQueue: MAX_WAITING_CHECKS,
  });

  async assertAcceptable(password: string, context: string[] = []): Promise<void> {
    const length = [...password.normalize('NFC')].length;
    if (length < PASSWORD_MIN_LENGTH || length > PASSWORD_MAX_LENGTH) {
      throw new IdentityException(
        IdentityErrorCode.WEAK_PASSWORD,
        `The password must be between ${PASSWORD_MIN_LENGTH} and ${PASSWORD_MAX_LENGTH} characters.`,
      );
    }
    const result = await this.pool.run({ password: password.slice(0, CHECKED_PREFIX), context }).catch(() => {
      throw new HavenException(
        503,
        CommonErrorCode.SERVICE_UNAVAILABLE,
        'Too many passwords are being checked right now. Try again in a few seconds.',
        { 'Retry-After': '5' },
      );
    });
    if (result.score < MINIMUM_SCORE) {
      const hint = result.warning ? ` ${result.warning}` : '';
      throw new IdentityException(
        IdentityErrorCode.WEAK_PASSWORD,
        `The password is too easy to guess.${hint} Use a longer phrase of unrelated words.`,
      );
    }
  }

  async onModuleDestroy(): Promise<void> {
    await this.pool.destroy();
  }
}
