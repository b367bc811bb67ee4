import { jest } from '@jest/globals';
import { Logger } from '@nestjs/common';
import { tamperAsOwner } from './support/database.js';
import { createClient, type LoggedInCoach, recordSession, signUpAndLogIn } from './support/factories.js';
import { TestApi } from './support/test-api.js';

describe('one damaged row does not hide the rest of a list', () => {
  let api: TestApi;
  let coach: LoggedInCoach;
  let warnings: string[];

  beforeAll(async () => {
    api = await TestApi.start();
    coach = await signUpAndLogIn(api);
  });
  afterAll(() => api.close());

  beforeEach(() => {
    warnings = [];
    jest.spyOn(Logger.prototype, 'warn').mockImplementation((message: unknown) => void warnings.push(String(message)));
  });
  afterEach(() => jest.restoreAllMocks());

  it('GET /clients lists the readable clients and marks the damaged one; its own routes stay 422', async () => {
    const coach = await signUpAndLogIn(api);
    const [first, damaged, last] = [
      await createClient(api, coach.token, { fullName: 'Ada Readable' }),
      await createClient(api, coach.token, { fullName: 'Zed Damaged' }),
      await createClient(api, coach.token, { fullName: 'Bo Readable' }),
    ];
    // Another client's name ciphertext: valid, but bound to another row, so it cannot decrypt here.
    await tamperAsOwner(
      `UPDATE clients SET full_name_enc = (SELECT full_name_enc FROM clients WHERE id = $1) WHERE id = $2`,
      [first.id, damaged.id],
    );

    const list = await api.get('/api/v1/clients', coach.token);
    expect(list.status).toBe(200);
    expect(list.body.items).toEqual([
      { id: last.id, fullName: 'Bo Readable', status: 'active' },
      { id: damaged.id, unreadable: true },
      { id: first.id, fullName: 'Ada Readable', status: 'active' },
    ]);
    expect(warnings.some((line) => line.includes(damaged.id))).toBe(true);
    expect(warnings.join('\n')).not.toMatch(/Ada|Zed|v1\.ck1\./);

    const own = await api.get(`/api/v1/clients/${damaged.id}`, coach.token);
    expect(own.status).toBe(422);
    expect(own.body.code).toBe('RECORD_UNREADABLE');
    expect((await api.get(`/api/v1/clients/${first.id}`, coach.token)).status).toBe(200);
  });

  it('GET /clients/:id/sessions lists the readable sessions and marks the damaged one; its own route stays 422', async () => {
    const client = await createClient(api, coach.token);
    const older = await recordSession(api, coach.token, client.id, { durationMinutes: 50 });
    const damaged = await recordSession(api, coach.token, client.id, { durationMinutes: 55 });
    const newer = await recordSession(api, coach.token, client.id, { durationMinutes: 60 });
    await tamperAsOwner(
      `UPDATE session_records SET facts_enc = (SELECT facts_enc FROM session_records WHERE id = $1) WHERE id = $2`,
      [older.id, damaged.id],
    );

    const list = await api.get(`/api/v1/clients/${client.id}/sessions`, coach.token);
    expect(list.status).toBe(200);
    expect(list.body.items).toEqual([
      expect.objectContaining({ id: newer.id, durationMinutes: 60 }),
      { id: damaged.id, unreadable: true },
      expect.objectContaining({ id: older.id, durationMinutes: 50 }),
    ]);
    expect(warnings.some((line) => line.includes(damaged.id))).toBe(true);

    const own = await api.get(`/api/v1/sessions/${damaged.id}`, coach.token);
    expect(own.status).toBe(422);
    expect(own.body.code).toBe('RECORD_UNREADABLE');
  });

  it('describes list items as a summary or an unreadable marker in the OpenAPI document', async () => {
    const doc = (await api.get('/api/docs/openapi.json')).body;
    for (const list of ['ClientListResponseDto', 'SessionListResponseDto']) {
      const refs = doc.components.schemas[list].properties.items.items.oneOf.map((schema: any) => schema.$ref);
      expect(refs).toContain('#/components/schemas/UnreadableItemDto');
    }
    expect(doc.components.schemas.UnreadableItemDto.required).toEqual(['id', 'unreadable']);
  });
});
