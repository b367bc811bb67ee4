import { seedClientRecords, type SeededClient } from './support/client-records.js';
import { type LoggedInCoach, signUpAndLogIn } from './support/factories.js';
import { TestApi } from './support/test-api.js';

/** Every id and text that identifies a seeded client's data. */
const markersOf = (client: SeededClient) => [
  client.id,
  ...client.sessionIds,
  ...client.followUpIds,
  ...client.goalIds,
  ...client.supervisionIds,
  ...client.texts,
];

/** Every string anywhere in a JSON value, keys included. */
function stringsIn(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap(stringsIn);
  if (value !== null && typeof value === 'object')
    return Object.entries(value).flatMap(([key, inner]) => [key, ...stringsIn(inner)]);
  return [];
}

describe('GET /clients/:id/export holds one client only', () => {
  let api: TestApi;
  let coach: LoggedInCoach;
  let clients: SeededClient[];
  let otherCoachClient: SeededClient;

  beforeAll(async () => {
    api = await TestApi.start();
    const otherCoach = await signUpAndLogIn(api);
    coach = await signUpAndLogIn(api);
    // Two clients of the same coach, each with sessions, versions, follow-ups, goals and supervision.
    clients = [await seedClientRecords(api, coach.token, 'first'), await seedClientRecords(api, coach.token, 'second')];
    otherCoachClient = await seedClientRecords(api, otherCoach.token, 'other-coach');
  });
  afterAll(() => api.close());

  it.each([0, 1])(
    'the export of client %i holds all of its own data and nothing of the other client or another coach’s',
    async (index) => {
      const own = clients[index]!;
      const others = [clients[1 - index]!, otherCoachClient];
      const answer = await api.get(`/api/v1/clients/${own.id}/export`, coach.token);
      expect(answer.status).toBe(200);

      const strings = stringsIn(answer.body);
      const found = (marker: string) => answer.text.includes(marker) || strings.some((s) => s.includes(marker));
      // The search can fail: every marker of the client's own data is in its export.
      expect(markersOf(own).filter((marker) => !found(marker))).toEqual([]);
      expect(others.flatMap(markersOf).filter(found)).toEqual([]);

      // Each part lists exactly the client's own rows.
      expect(answer.body.client.id).toBe(own.id);
      expect(answer.body.sessions.map((session: { id: string }) => session.id).sort()).toEqual(
        [...own.sessionIds].sort(),
      );
      expect(answer.body.followUps.map((followUp: { id: string }) => followUp.id).sort()).toEqual(
        [...own.followUpIds].sort(),
      );
      expect(answer.body.goals.map((goal: { id: string }) => goal.id)).toEqual(own.goalIds);
      expect(answer.body.supervisionLog.map((entry: { id: string }) => entry.id)).toEqual(own.supervisionIds);
    },
  );
});
