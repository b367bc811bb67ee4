import { ZxcvbnFactory } from '@zxcvbn-ts/core';
import * as common from '@zxcvbn-ts/language-common';
import * as english from '@zxcvbn-ts/language-en';
import { IdentityErrorCode, IdentityException } from './identity.errors.js';

export const PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_MAX_LENGTH = 256;
// zxcvbn scores 0..4; 3 means "safely unguessable" (about 10^8 guesses) and refuses common passwords.
const MINIMUM_SCORE = 3;
// zxcvbn's cost grows with length; the first 64 characters decide whether a password is guessable.
const CHECKED_PREFIX = 64;

const zxcvbn = new ZxcvbnFactory({
  dictionary: { ...common.dictionary, ...english.dictionary },
  graphs: common.adjacencyGraphs,
  translations: english.translations,
});

/** Refuses passwords outside 12..256 characters or guessable ones (common words, names, patterns). */
export function assertAcceptablePassword(password: string, context: string[] = []): void {
  const length = [...password.normalize('NFC')].length;
  if (length < PASSWORD_MIN_LENGTH || length > PASSWORD_MAX_LENGTH) {
    throw new IdentityException(
      IdentityErrorCode.WEAK_PASSWORD,
      `The password must be between ${PASSWORD_MIN_LENGTH} and ${PASSWORD_MAX_LENGTH} characters.`,
    );
  }
  const result = zxcvbn.check(password.slice(0, CHECKED_PREFIX), context);
  if (result.score < MINIMUM_SCORE) {
    const hint = result.feedback.warning ? ` ${result.feedback.warning}` : '';
    throw new IdentityException(
      IdentityErrorCode.WEAK_PASSWORD,
      `The password is too easy to guess.${hint} Use a longer phrase of unrelated words.`,
    );
  }
}
