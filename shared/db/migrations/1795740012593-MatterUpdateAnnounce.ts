import type { MigrationInterface, QueryRunner } from 'typeorm';

export class MatterUpdateAnnounce1795740012593 implements MigrationInterface {
  name = 'MatterUpdateAnnounce1795740012593';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "matters"."matter_updates" ADD "announce" boolean NOT NULL DEFAULT true`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "matters"."matter_updates" DROP COLUMN "announce"`);
  }
}
