import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The gateway's per-principal token buckets, shared by every replica (shared/auth/shared-token-buckets.ts).
 * UNLOGGED: no WAL and no commit flush per operation; a crash empties it, which only refills every bucket.
 */
export class SharedRateBuckets1796097000000 implements MigrationInterface {
  name = 'SharedRateBuckets1796097000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE UNLOGGED TABLE "identity"."rate_buckets" ("key" text NOT NULL, "tokens" double precision NOT NULL, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL, "last_allowed" boolean NOT NULL, CONSTRAINT "PK_identity_rate_buckets" PRIMARY KEY ("key"))`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "identity"."rate_buckets"`);
  }
}
