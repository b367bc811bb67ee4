import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { Logger } from 'nestjs-pino';
import { exitOnBadConfig, exitUnlessReachable } from '#haven/platform';

await exitUnlessReachable('haven worker', exitOnBadConfig('haven worker'), { database: 'app', redis: true });
const { WorkerModule } = await import('./worker.module.js');

// Shutdown hooks close BullMQ workers gracefully on SIGTERM: the running job finishes first.
const worker = await NestFactory.createApplicationContext(WorkerModule, { bufferLogs: true });
worker.useLogger(worker.get(Logger));
worker.enableShutdownHooks([], { useProcessExit: true });
worker.get(Logger).log('Haven worker is processing jobs');
