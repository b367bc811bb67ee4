/** The typed, validated configuration every Haven process runs with. Only this lib reads process.env. */
export abstract class HavenConfig {
  abstract readonly env: 'development' | 'test' | 'production';
  abstract readonly port: number;
  abstract readonly host: string;
  abstract readonly dataDir: string;
  abstract readonly logLevel: string;
  abstract readonly logFile: string | undefined;
  abstract readonly corsOrigins: string[];
  /**
   * Proxies whose X-Forwarded-For is believed (the client IP that login throttling counts). Empty:
   * the peer address is the client, and a forwarded header is ignored, so it cannot be spoofed.
   */
  abstract readonly trustedProxies: string[];
  abstract readonly database: {
    /** Owner role: runs migrations, never serves requests. */
    readonly ownerUrl: string;
    /** App role: owns no table, is subject to row-level security. */
    readonly appUrl: string;
    readonly appRole: string;
    readonly appPassword: string;
    readonly poolSize: number;
  };
  abstract readonly redis: { readonly url: string; readonly prefix: string };
  abstract readonly secrets: HavenSecrets;
  abstract readonly admin: { readonly email: string; readonly password: string } | undefined;
  abstract readonly auth: {
    readonly bcryptCost: number;
    readonly kdfOpsLimit: number;
    readonly kdfMemLimitBytes: number;
    readonly argon2Threads: number;
    readonly sessionIdleSeconds: number;
    readonly sessionAbsoluteSeconds: number;
    readonly loginFailuresPerAccount: number;
    readonly loginFailuresPerIp: number;
    readonly loginThrottleWindowSeconds: number;
    /** Sign-ups and recovery attempts per client IP per window, counted whatever their outcome. */
    readonly signupsPerIp: number;
    readonly recoveriesPerIp: number;
    readonly ipLimitWindowSeconds: number;
  };
  abstract readonly mail: {
    /** SMTP server to send through; unset: one .eml file per message in outboxDir. */
    readonly smtpUrl: string | undefined;
    readonly outboxDir: string;
    /** The From header of every message Haven sends. */
    readonly from: string;
  };
}

/** Server secrets. Never logged, never stored in Postgres or Redis. */
export interface HavenSecrets {
  readonly jwtSecret: Uint8Array;
  readonly pepper: Uint8Array;
  readonly pepperVersion: number;
  readonly sealSeed: Uint8Array;
  /** Encrypts queued mail (address and content) in the mail outbox table until it is sent. */
  readonly outboxKey: Uint8Array;
  /** Where the secrets came from: 'environment' or 'generated' (development only). */
  readonly source: 'environment' | 'generated';
}
