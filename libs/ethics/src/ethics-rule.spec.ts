import { readFileSync } from 'node:fs';
import { EthicsRule, ethicsErrorCode } from './ethics-rule.js';

// Copied from ethics-code.md on purpose: removing or renaming a rule must fail a test.
const RULE_IDS = [
  'SCOPE_MINOR',
  'SCOPE_RISK',
  'SCOPE_COMPETENCE',
  'SCOPE_INFLUENCE',
  'SCOPE_NO_DIAGNOSIS',
  'SCOPE_CRISIS',
  'CONF_COACH_ONLY',
  'CONF_DISCLOSURE',
  'CONF_RELEASE',
  'CONF_RECORDS',
  'CONF_MANDATORY_REPORT',
  'PRACTICE_VETTED_REFERRAL',
  'PRACTICE_NO_ABANDON',
  'PRACTICE_NO_LOCK_IN',
  'PRACTICE_CLIENT_GOALS',
  'PRACTICE_SAFE_CLOSE',
  'PRACTICE_GIVE_BACK',
  'CERT_RENEWAL',
  'CERT_ETHICS_REVIEW',
  'CERT_REMINDERS',
  'CERT_AUDIT',
];

const docs = readFileSync(new URL('../../../docs/ethics.md', import.meta.url), 'utf8');

describe('EthicsRule', () => {
  it.each(RULE_IDS)('%s is an EthicsRule whose value is its ID', (id) => {
    expect((EthicsRule as Record<string, string>)[id]).toBe(id);
  });

  it.each(RULE_IDS)('%s maps to the HTTP error code ETHICS_<ID>', (id) => {
    expect(ethicsErrorCode(id as EthicsRule)).toBe(`ETHICS_${id}`);
  });

  it.each(RULE_IDS)('%s has a row in docs/ethics.md', (id) => {
    // Prettier pads table cells, so any run of spaces may follow the ID.
    expect(docs).toMatch(new RegExp(`^\\| \`?${id}\`? +\\|`, 'm'));
  });

  it('the enum holds exactly the IDs of the code of ethics, no more', () => {
    expect(Object.values(EthicsRule).sort()).toEqual([...RULE_IDS].sort());
  });
});
