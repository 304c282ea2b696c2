import type { MigrationInterface, QueryRunner } from 'typeorm';

export class IdentityHardeningAndAudit1795729958470 implements MigrationInterface {
  name = 'IdentityHardeningAndAudit1795729958470';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE SCHEMA IF NOT EXISTS "audit"`);
    await queryRunner.query(`CREATE TABLE "identity"."login_throttle" ("key" text NOT NULL, "failures" integer NOT NULL, "window_started_at" TIMESTAMP WITH TIME ZONE NOT NULL, "locked_until" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_14c03bac82292a8310c54cb98d0" PRIMARY KEY ("key"))`);
    await queryRunner.query(`CREATE TABLE "identity"."invitations" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "token_hash" text NOT NULL, "email" text NOT NULL, "client_id" text NOT NULL, "invited_by" text NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL, "used_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_5dec98cfdfd562e4ad3648bbb07" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE UNIQUE INDEX "IDX_872ac94a64b3d44fc4b554780c" ON "identity"."invitations"  ("token_hash") `);
    await queryRunner.query(`CREATE TABLE "audit"."entries" ("id" BIGSERIAL NOT NULL, "at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "kind" text NOT NULL, "account_id" text, "email" text, "role" text, "client_id" text, "operation_name" text, "operation_hash" text, "variables" jsonb, "outcome" text NOT NULL, "error_codes" text array NOT NULL DEFAULT '{}', "duration_ms" integer NOT NULL, "address" text, "user_agent" text, CONSTRAINT "PK_23d4e7e9b58d9939f113832915b" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "IDX_b729090b2d81dbae422e4d8f37" ON "audit"."entries"  ("account_id", "at") `);
    await queryRunner.query(`CREATE INDEX "IDX_bac8486a0a8e7beea15e20ef7e" ON "audit"."entries"  ("at") `);
    // The audit log is append-only, whatever the application (or a bug in it) tries.
    await queryRunner.query(`CREATE FUNCTION "audit"."refuse_change"() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'audit entries are append-only'; END $$`);
    await queryRunner.query(`CREATE TRIGGER "entries_append_only" BEFORE UPDATE OR DELETE ON "audit"."entries" FOR EACH ROW EXECUTE FUNCTION "audit"."refuse_change"()`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER "entries_append_only" ON "audit"."entries"`);
    await queryRunner.query(`DROP FUNCTION "audit"."refuse_change"()`);
    await queryRunner.query(`DROP INDEX "audit"."IDX_bac8486a0a8e7beea15e20ef7e"`);
    await queryRunner.query(`DROP INDEX "audit"."IDX_b729090b2d81dbae422e4d8f37"`);
    await queryRunner.query(`DROP TABLE "audit"."entries"`);
    await queryRunner.query(`DROP INDEX "identity"."IDX_872ac94a64b3d44fc4b554780c"`);
    await queryRunner.query(`DROP TABLE "identity"."invitations"`);
    await queryRunner.query(`DROP TABLE "identity"."login_throttle"`);
    await queryRunner.query(`DROP SCHEMA IF EXISTS "audit"`);
  }
}
