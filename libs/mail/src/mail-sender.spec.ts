import { randomUUID } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { HavenConfig } from '#haven/platform';
import { MailSendError, MailSender } from './mail-sender.js';

describe('MailSender without SMTP_URL (one .eml file per message)', () => {
  const configWith = (outboxDir: string) =>
    ({ mail: { smtpUrl: undefined, outboxDir, from: 'Haven <no-reply@haven.example>' } }) as unknown as HavenConfig;
  const mail = { to: 'person@example.test', subject: 'Hello', text: 'Body line', html: '<p>Body</p>' };

  it('writes <outbox id>.eml (mode 0600) with the message key header and a Message-ID from the outbox id', async () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'haven-mail-sender-')), 'outbox');
    const id = randomUUID();
    await new MailSender(configWith(dir)).send(id, 'test:1', mail);
    expect(readdirSync(dir)).toEqual([`${id}.eml`]);
    const raw = readFileSync(join(dir, `${id}.eml`), 'utf8');
    expect(raw).toMatch(/^X-Haven-Message-Key: test:1\r$/m);
    expect(raw).toMatch(new RegExp(`^Message-ID: <${id}@haven\\.example>\\r$`, 'm'));
    expect(raw).toMatch(/^From: Haven <no-reply@haven\.example>\r$/m);
    expect(statSync(join(dir, `${id}.eml`)).mode & 0o777).toBe(0o600);
    expect(statSync(dir).mode & 0o777).toBe(0o700);
  });

  it('counts an existing <outbox id>.eml as sent: a second send of the same id leaves one file, unchanged', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'haven-mail-sender-'));
    const id = randomUUID();
    const sender = new MailSender(configWith(dir));
    await sender.send(id, 'test:1', mail);
    const first = readFileSync(join(dir, `${id}.eml`));
    await sender.send(id, 'test:1', { ...mail, text: 'another body' });
    expect(readdirSync(dir)).toEqual([`${id}.eml`]);
    expect(readFileSync(join(dir, `${id}.eml`))).toEqual(first);
  });
});

describe('MailSendError', () => {
  it('keeps the error code, SMTP command and reply code, never nodemailer’s message (it quotes the recipient)', () => {
    const smtp = Object.assign(new Error('Recipient command failed: 550 No such user <person@example.test>'), {
      code: 'EENVELOPE',
      command: 'RCPT TO',
      responseCode: 550,
      response: '550 No such user <person@example.test>',
      permanent: true,
      recipient: 'person@example.test',
    });
    const error = MailSendError.from(smtp);
    expect(error.message).toBe('EENVELOPE at RCPT TO reply 550');
    expect(error.permanent).toBe(true);
    expect(JSON.stringify({ ...error, message: error.message, stack: error.stack })).not.toContain('person@');
  });

  it('treats a 4xx reply and an error without a reply as temporary, and ignores a code that could carry text', () => {
    expect(MailSendError.from({ code: 'EENVELOPE', command: 'RCPT TO', responseCode: 451, permanent: false })).toEqual(
      expect.objectContaining({ message: 'EENVELOPE at RCPT TO reply 451', permanent: false }),
    );
    expect(MailSendError.from(Object.assign(new Error('connect ECONNREFUSED'), { code: 'ESOCKET' }))).toEqual(
      expect.objectContaining({ message: 'ESOCKET', permanent: false }),
    );
    expect(MailSendError.from({ code: 'person@example.test', command: 'to person@example.test' }).message).toBe(
      'send failed',
    );
  });
});
