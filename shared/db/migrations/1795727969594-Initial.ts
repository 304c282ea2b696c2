import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Initial1795727969594 implements MigrationInterface {
  name = 'Initial1795727969594';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE SCHEMA IF NOT EXISTS "matters"`);
    await queryRunner.query(`CREATE SCHEMA IF NOT EXISTS "documents"`);
    await queryRunner.query(`CREATE SCHEMA IF NOT EXISTS "billing"`);
    await queryRunner.query(`CREATE SCHEMA IF NOT EXISTS "notifications"`);
    await queryRunner.query(`CREATE SCHEMA IF NOT EXISTS "sync"`);
    await queryRunner.query(`CREATE SCHEMA IF NOT EXISTS "identity"`);
    await queryRunner.query(`CREATE TABLE "matters"."clients" ("id" text NOT NULL, "name" text NOT NULL, "email" text, "kind" text NOT NULL, "legacy_updated_at" TIMESTAMP WITH TIME ZONE NOT NULL, "synced_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_f1ab7cf3a5714dbc6bb4e1c28a4" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "IDX_b48860677afe62cd96e1265948" ON "matters"."clients"  ("email") `);
    await queryRunner.query(`CREATE TABLE "matters"."staff" ("id" text NOT NULL, "name" text NOT NULL, "email" text, "legacy_role" text, "enabled" boolean NOT NULL DEFAULT true, "legacy_updated_at" TIMESTAMP WITH TIME ZONE NOT NULL, "synced_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_e4ee98bb552756c180aec1e854a" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "IDX_902985a964245652d5e3a0f5f6" ON "matters"."staff"  ("email") `);
    await queryRunner.query(`CREATE TABLE "matters"."matters" ("id" text NOT NULL, "number" text NOT NULL, "title" text NOT NULL, "practice_area" text, "legacy_status" text NOT NULL, "legacy_case_status" text, "client_id" text NOT NULL, "responsible_staff_id" text, "opened_on" date, "closed_on" date, "legacy_updated_at" TIMESTAMP WITH TIME ZONE NOT NULL, "synced_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_b6e879e12614eaedc4a6fdcb2b3" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE UNIQUE INDEX "IDX_02084ea725e046d7d319f2642e" ON "matters"."matters"  ("number") `);
    await queryRunner.query(`CREATE INDEX "IDX_01485a46141fcfa55fd498f8d0" ON "matters"."matters"  ("client_id") `);
    await queryRunner.query(`CREATE INDEX "IDX_364446d401cf9f7a3a9c3c62b7" ON "matters"."matters"  ("responsible_staff_id") `);
    await queryRunner.query(`CREATE TABLE "matters"."matter_events" ("id" text NOT NULL, "matter_id" text NOT NULL, "kind" text NOT NULL, "title" text NOT NULL, "starts_at" TIMESTAMP WITH TIME ZONE NOT NULL, "ends_at" TIMESTAMP WITH TIME ZONE, "location" text, "legacy_type" text, "legacy_updated_at" TIMESTAMP WITH TIME ZONE NOT NULL, "synced_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_d3160c1b134bd0f3205bef2eae6" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "IDX_c32dc795a048da13e754081011" ON "matters"."matter_events"  ("matter_id", "starts_at") `);
    await queryRunner.query(`CREATE TABLE "matters"."picklist_options" ("id" text NOT NULL, "custom_field_id" text NOT NULL, "field_name" text NOT NULL, "label" text NOT NULL, "deleted" boolean NOT NULL DEFAULT false, CONSTRAINT "PK_b8f7ff34f8a34e531e499a339dd" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE TABLE "documents"."documents" ("id" text NOT NULL, "matter_number" text NOT NULL, "name" text NOT NULL, "kind" text NOT NULL, "legacy_doc_type" text, "attributes" jsonb NOT NULL DEFAULT '{}'::jsonb, "tags" text array NOT NULL DEFAULT '{}', "version" integer NOT NULL DEFAULT '1', "received_at" TIMESTAMP WITH TIME ZONE NOT NULL, "legacy_updated_at" TIMESTAMP WITH TIME ZONE NOT NULL, "synced_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_ac51aa5181ee2036f5ca482857c" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "IDX_80fc744641d442409d0f50bb3e" ON "documents"."documents"  ("matter_number") `);
    await queryRunner.query(`CREATE TABLE "billing"."invoices" ("id" text NOT NULL, "number" text NOT NULL, "issued_on" date, "due_on" date, "total" numeric(14,2) NOT NULL, "balance" numeric(14,2) NOT NULL, "paid" numeric(14,2) NOT NULL DEFAULT '0', "currency" text NOT NULL DEFAULT 'USD', "legacy_state" text NOT NULL, "client_id" text, "legacy_updated_at" TIMESTAMP WITH TIME ZONE NOT NULL, "synced_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_668cef7c22a427fd822cc1be3ce" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "IDX_6b20aa66f2a835a4f2fbde4872" ON "billing"."invoices"  ("number") `);
    await queryRunner.query(`CREATE INDEX "IDX_5534ba11e10f1a9953cbdaabf1" ON "billing"."invoices"  ("client_id") `);
    await queryRunner.query(`CREATE TABLE "billing"."invoice_matters" ("invoice_id" text NOT NULL, "matter_id" text NOT NULL, CONSTRAINT "PK_c6b5a77010a8224eeb9c0c2ecb7" PRIMARY KEY ("invoice_id", "matter_id"))`);
    await queryRunner.query(`CREATE INDEX "IDX_ec3f78bd93e342333f458cb674" ON "billing"."invoice_matters"  ("matter_id") `);
    await queryRunner.query(`CREATE TABLE "notifications"."notifications" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "client_id" text NOT NULL, "matter_id" text, "title" text NOT NULL, "body" text NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "read_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_6a72c3c0f683f6462415e653c3a" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "IDX_03c1f7b55303559f3627988a09" ON "notifications"."notifications"  ("client_id", "created_at") `);
    await queryRunner.query(`CREATE TABLE "sync"."cursors" ("system" text NOT NULL, "resource" text NOT NULL, "updated_since" TIMESTAMP WITH TIME ZONE, "imported_at" TIMESTAMP WITH TIME ZONE, "last_success_at" TIMESTAMP WITH TIME ZONE, "reconciled_at" TIMESTAMP WITH TIME ZONE, "last_error" text, "last_error_at" TIMESTAMP WITH TIME ZONE, "records_synced" bigint NOT NULL DEFAULT '0', CONSTRAINT "PK_d90bff12756d1f33d7a804ff1a1" PRIMARY KEY ("system", "resource"))`);
    await queryRunner.query(`CREATE TABLE "identity"."accounts" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "email" text NOT NULL, "password_hash" text NOT NULL, "role" text NOT NULL, "client_id" text, "staff_id" text, "disabled" boolean NOT NULL DEFAULT false, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "UQ_ee66de6cdc53993296d1ceb8aa0" UNIQUE ("email"), CONSTRAINT "PK_5a7a02c20412299d198e097a8fe" PRIMARY KEY ("id"))`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "identity"."accounts"`);
    await queryRunner.query(`DROP TABLE "sync"."cursors"`);
    await queryRunner.query(`DROP INDEX "notifications"."IDX_03c1f7b55303559f3627988a09"`);
    await queryRunner.query(`DROP TABLE "notifications"."notifications"`);
    await queryRunner.query(`DROP INDEX "billing"."IDX_ec3f78bd93e342333f458cb674"`);
    await queryRunner.query(`DROP TABLE "billing"."invoice_matters"`);
    await queryRunner.query(`DROP INDEX "billing"."IDX_5534ba11e10f1a9953cbdaabf1"`);
    await queryRunner.query(`DROP INDEX "billing"."IDX_6b20aa66f2a835a4f2fbde4872"`);
    await queryRunner.query(`DROP TABLE "billing"."invoices"`);
    await queryRunner.query(`DROP INDEX "documents"."IDX_80fc744641d442409d0f50bb3e"`);
    await queryRunner.query(`DROP TABLE "documents"."documents"`);
    await queryRunner.query(`DROP TABLE "matters"."picklist_options"`);
    await queryRunner.query(`DROP INDEX "matters"."IDX_c32dc795a048da13e754081011"`);
    await queryRunner.query(`DROP TABLE "matters"."matter_events"`);
    await queryRunner.query(`DROP INDEX "matters"."IDX_364446d401cf9f7a3a9c3c62b7"`);
    await queryRunner.query(`DROP INDEX "matters"."IDX_01485a46141fcfa55fd498f8d0"`);
    await queryRunner.query(`DROP INDEX "matters"."IDX_02084ea725e046d7d319f2642e"`);
    await queryRunner.query(`DROP TABLE "matters"."matters"`);
    await queryRunner.query(`DROP INDEX "matters"."IDX_902985a964245652d5e3a0f5f6"`);
    await queryRunner.query(`DROP TABLE "matters"."staff"`);
    await queryRunner.query(`DROP INDEX "matters"."IDX_b48860677afe62cd96e1265948"`);
    await queryRunner.query(`DROP TABLE "matters"."clients"`);
    await queryRunner.query(`DROP SCHEMA IF EXISTS "matters"`);
    await queryRunner.query(`DROP SCHEMA IF EXISTS "documents"`);
    await queryRunner.query(`DROP SCHEMA IF EXISTS "billing"`);
    await queryRunner.query(`DROP SCHEMA IF EXISTS "notifications"`);
    await queryRunner.query(`DROP SCHEMA IF EXISTS "sync"`);
    await queryRunner.query(`DROP SCHEMA IF EXISTS "identity"`);
  }
}
