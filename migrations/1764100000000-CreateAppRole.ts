import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The role the API and worker connect as: owns no table, not superuser, not BYPASSRLS. */
export class CreateAppRole1764100000000 implements MigrationInterface {
  name = 'CreateAppRole1764100000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      DO $$ BEGIN
        IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'haven_app') THEN
          CREATE ROLE haven_app NOLOGIN NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE;
        END IF;
      END $$`);
    await queryRunner.query(`GRANT USAGE ON SCHEMA public TO haven_app`);
    await queryRunner.query(`CREATE EXTENSION IF NOT EXISTS pgcrypto`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    // The role is cluster-wide and may serve other databases: only this database's grant is undone.
    await queryRunner.query(`REVOKE USAGE ON SCHEMA public FROM haven_app`);
  }
}
