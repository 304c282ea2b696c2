import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * How many tokens the last take of a bucket granted: the gateway now takes for several callers of
 * one key in one statement (shared/auth/shared-token-buckets.ts) and hands the grant out in order.
 */
export class RateBucketGrants1796110000000 implements MigrationInterface {
  name = 'RateBucketGrants1796110000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "identity"."rate_buckets" ADD "last_granted" double precision NOT NULL DEFAULT 0`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "identity"."rate_buckets" DROP COLUMN "last_granted"`);
  }
}
