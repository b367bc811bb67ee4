import type { EthicsRule } from './ethics-rule.js';

/** The action may go ahead; `value` carries what the rule decided (a status, follow-ups, ...). */
export type EthicsAllowed<T> = { allowed: true; value: T };

/**
 * The action is blocked by `rule`. `message` and `remedy` are sentences for the coach; they never
 * contain client data, so they can go into error bodies and logs as they are.
 */
export type EthicsRefusal = { allowed: false; rule: EthicsRule; message: string; remedy: string };

/** The answer of every `decide*` function: allowed with a value, or refused with a rule. */
export type EthicsDecision<T = void> = EthicsAllowed<T> | EthicsRefusal;

/** Builds an allowed decision. */
export function allow(): EthicsAllowed<void>;
export function allow<T>(value: T): EthicsAllowed<T>;
export function allow<T>(value?: T): EthicsAllowed<T | undefined> {
  return { allowed: true, value };
}

/** Builds a refusal naming the rule, what went wrong and what the coach can do instead. */
export function refuse(rule: EthicsRule, message: string, remedy: string): EthicsRefusal {
  return { allowed: false, rule, message, remedy };
}
