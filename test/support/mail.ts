import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { simpleParser } from 'mailparser';
import { migrateTestDatabase, testConfig } from '#haven/testing';
import { WorkerModule } from '../../apps/worker/src/worker.module.js';

/** One delivered message, parsed from its .eml file. */
export interface DeliveredMail {
  /** The X-Haven-Message-Key header (ids only), as MailOutbox.queue was given it. */
  messageKey?: string;
  to: string;
  subject: string;
  text: string;
  html?: string;
  messageId?: string;
  file: string;
}

export interface TestWorker {
  readonly context: INestApplicationContext;
  close(): Promise<void>;
}

/**
 * The real WorkerModule in-process, with this run's configuration (the same database, Redis prefix
 * and MAIL_OUTBOX_DIR as the test API). `env` overrides configuration for this worker only (read
 * while it is created), e.g. `{ SMTP_URL }`. Workers of every suite of the run share the queues:
 * a suite that sends elsewhere (SMTP) gives its producer and worker a REDIS_PREFIX of their own.
 */
export async function startTestWorker(env: Record<string, string> = {}): Promise<TestWorker> {
  await migrateTestDatabase();
  const saved = Object.fromEntries(Object.keys(env).map((name) => [name, process.env[name]]));
  Object.assign(process.env, env);
  let context: INestApplicationContext;
  try {
    context = await NestFactory.createApplicationContext(WorkerModule, { logger: ['error'] });
    await context.init();
  } finally {
    for (const [name, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  }
  return { context, close: () => context.close() };
}

const parsed = new Map<string, DeliveredMail>();

/** Every message written to this run's MAIL_OUTBOX_DIR so far (files of other suites included). */
export async function readOutbox(outboxDir = testConfig().mail.outboxDir): Promise<DeliveredMail[]> {
  let names: string[];
  try {
    names = await readdir(outboxDir);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  const mails: DeliveredMail[] = [];
  // Only finished files: the worker writes `.<id>.tmp` and links `<id>.eml` when it is complete.
  for (const name of names.filter((entry) => entry.endsWith('.eml')).sort()) {
    const file = join(outboxDir, name);
    let mail = parsed.get(file);
    if (!mail) {
      mail = await parseEml(file);
      parsed.set(file, mail);
    }
    mails.push(mail);
  }
  return mails;
}

/** Parses one raw message (an .eml file's bytes, or what an SMTP server received). */
export async function parseMessage(raw: Buffer | string, file = ''): Promise<DeliveredMail> {
  const message = await simpleParser(raw);
  const to = Array.isArray(message.to) ? message.to[0] : message.to;
  const key = message.headers.get('x-haven-message-key');
  return {
    ...(typeof key === 'string' ? { messageKey: key } : {}),
    to: to?.value[0]?.address ?? '',
    subject: message.subject ?? '',
    text: (message.text ?? '').replace(/\n$/, ''),
    ...(typeof message.html === 'string' ? { html: message.html } : {}),
    ...(message.messageId ? { messageId: message.messageId } : {}),
    file,
  };
}

async function parseEml(file: string): Promise<DeliveredMail> {
  return parseMessage(await readFile(file), file);
}

/**
 * The first delivered message `predicate` accepts, waiting for it up to `timeoutMs` (a wait, not
 * a timed assertion: it returns as soon as the file is there).
 */
export async function waitForMail(
  predicate: (mail: DeliveredMail) => boolean,
  { timeoutMs = 20_000, outboxDir }: { timeoutMs?: number; outboxDir?: string } = {},
): Promise<DeliveredMail> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = (await readOutbox(outboxDir)).find(predicate);
    if (found) return found;
    if (Date.now() > deadline) throw new Error(`no mail matching the predicate arrived within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Waits until `condition` holds (polling every 50 ms), or fails after `timeoutMs`. */
export async function waitUntil(condition: () => Promise<boolean>, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`the condition did not hold within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
