import { randomBytes } from 'node:crypto';
import type { TestApi } from './test-api.js';

/** A password that passes the policy: long and random. */
export function strongPassword(): string {
  return `Haven-${randomBytes(12).toString('base64url')}-pass`;
}

export function uniqueEmail(label = 'coach'): string {
  return `${label}-${randomBytes(5).toString('hex')}@example.test`;
}

export interface TestCoach {
  id: string;
  email: string;
  password: string;
  displayName: string;
  recoveryKey: string;
}

export async function signUpCoach(api: TestApi, overrides: Partial<Omit<TestCoach, 'id' | 'recoveryKey'>> = {}): Promise<TestCoach> {
  const input = { email: uniqueEmail(), password: strongPassword(), displayName: 'Robin Coach', ...overrides };
  const answer = await api.post('/api/v1/auth/signup', input);
  if (answer.status !== 201) throw new Error(`signup failed: ${answer.status} ${answer.text}`);
  return { ...input, id: answer.body.coach.id, recoveryKey: answer.body.recoveryKey };
}

export async function logIn(api: TestApi, email: string, password: string): Promise<string> {
  const answer = await api.post('/api/v1/auth/login', { email, password });
  if (answer.status !== 200) throw new Error(`login failed: ${answer.status} ${answer.text}`);
  return answer.body.accessToken;
}
