// Scores a password with zxcvbn off the main thread for PasswordPolicy: one check of a long,
// repetitive password took 250-840 ms, which on the event loop froze every other request. Plain
// ESM JavaScript so that Node loads it in the worker directly, under Jest and from dist alike.
import { ZxcvbnFactory } from '@zxcvbn-ts/core';
import * as common from '@zxcvbn-ts/language-common';
import * as english from '@zxcvbn-ts/language-en';

const zxcvbn = new ZxcvbnFactory({
  dictionary: { ...common.dictionary, ...english.dictionary },
  graphs: common.adjacencyGraphs,
  translations: english.translations,
});

/**
 * @param {{ password: string, context: string[] }} task
 * @returns {{ score: number, warning: string | null }}
 */
export default function scorePassword({ password, context }) {
  const result = zxcvbn.check(password, context);
  return { score: result.score, warning: result.feedback.warning || null };
}
