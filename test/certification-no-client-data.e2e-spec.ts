import { seedCertification } from './support/certification.js';
import { seedClientRecords } from './support/client-records.js';
import { signUpAndLogIn } from './support/factories.js';
import { startTestWorker, type TestWorker, waitForMail } from './support/mail.js';
import { TestApi } from './support/test-api.js';

describe('CERT_AUDIT: certification answers and emails never carry client data', () => {
  let api: TestApi;
  let worker: TestWorker;

  beforeAll(async () => {
    api = await TestApi.start();
    worker = await startTestWorker();
  });
  afterAll(async () => {
    await worker.close();
    await api.close();
  });

  it('CERT_AUDIT: scans every certification answer and the reminder and audit emails for the client’s sentinel texts', async () => {
    const coach = await signUpAndLogIn(api);
    const client = await seedClientRecords(api, coach.token, 'certscan');
    const { certifier } = await seedCertification(api, coach);

    const answers = [
      await api.get('/api/v1/body/certifications', certifier.token),
      await api.get(`/api/v1/body/certifications/${coach.id}`, certifier.token),
      await api.get('/api/v1/body/certifications.csv', certifier.token),
      await api.get('/api/v1/me/certification', coach.token),
    ];
    const reminder = await waitForMail(
      (mail) => mail.to === coach.email && (mail.messageKey ?? '').startsWith('renewal-reminder:'),
    );
    const auditRequest = await waitForMail(
      (mail) => mail.to === coach.email && (mail.messageKey ?? '').startsWith('audit-sample:'),
    );
    expect(reminder.subject).toBe('Your certification expires in 30 days');
    expect(reminder.text).toContain('Your ethics review course for this cycle is recorded.');
    expect(answers.map((answer) => answer.status)).toEqual([200, 200, 200, 200]);
    expect(answers[1]!.text).toContain(coach.id);

    const scanned = [
      ...answers.map((answer) => answer.text),
      ...[reminder, auditRequest].map((mail) => `${mail.subject}\n${mail.text}\n${mail.html ?? ''}`),
    ];
    for (const text of client.texts) {
      for (const where of scanned) expect({ text, leaked: where.includes(text) }).toEqual({ text, leaked: false });
    }
    for (const where of scanned) expect(where).not.toContain(client.id);
  });
});
