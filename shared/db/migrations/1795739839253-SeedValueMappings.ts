import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Version 1 of the value mappings, created_by 'seed': every DMS docType spelling and every "Case
 * Status" option label the firm is known to use, normalized (lowercase, punctuation as spaces,
 * spaces collapsed). Frozen here on purpose: later changes are new versions added by staff.
 */
const SEED: ReadonlyArray<readonly [kind: string, rawValue: string, canonical: string]> = [
  ['document_type', 'deposition transcript', 'DEPOSITION_TRANSCRIPT'],
  ['document_type', 'depo transcript', 'DEPOSITION_TRANSCRIPT'],
  ['document_type', 'depo trans', 'DEPOSITION_TRANSCRIPT'],
  ['document_type', 'deposition', 'DEPOSITION_TRANSCRIPT'],
  ['document_type', 'depo', 'DEPOSITION_TRANSCRIPT'],
  ['document_type', 'transcript', 'DEPOSITION_TRANSCRIPT'],
  ['document_type', 'pleading', 'PLEADING'],
  ['document_type', 'pleadings', 'PLEADING'],
  ['document_type', 'complaint', 'PLEADING'],
  ['document_type', 'answer', 'PLEADING'],
  ['document_type', 'motion', 'MOTION'],
  ['document_type', 'mot', 'MOTION'],
  ['document_type', 'motions', 'MOTION'],
  ['document_type', 'correspondence', 'CORRESPONDENCE'],
  ['document_type', 'letter', 'CORRESPONDENCE'],
  ['document_type', 'corr', 'CORRESPONDENCE'],
  ['document_type', 'email', 'CORRESPONDENCE'],
  ['document_type', 'e mail', 'CORRESPONDENCE'],
  ['document_type', 'contract', 'CONTRACT'],
  ['document_type', 'agreement', 'CONTRACT'],
  ['document_type', 'contracts', 'CONTRACT'],
  ['document_type', 'evidence', 'EVIDENCE'],
  ['document_type', 'exhibit', 'EVIDENCE'],
  ['document_type', 'exh', 'EVIDENCE'],
  ['document_type', 'exhibits', 'EVIDENCE'],
  ['document_type', 'court order', 'COURT_ORDER'],
  ['document_type', 'order', 'COURT_ORDER'],
  ['document_type', 'orders', 'COURT_ORDER'],
  ['document_type', 'invoice', 'INVOICE'],
  ['document_type', 'bill', 'INVOICE'],
  ['document_type', 'memo', 'OTHER'],
  ['document_type', 'internal memo', 'OTHER'],
  ['case_status', 'intake', 'NEW'],
  ['case_status', 'new matter', 'NEW'],
  ['case_status', 'new', 'NEW'],
  ['case_status', 'conflict check', 'NEW'],
  ['case_status', 'engaged', 'ACTIVE'],
  ['case_status', 'pleadings filed', 'PLEADINGS'],
  ['case_status', 'pleadings', 'PLEADINGS'],
  ['case_status', 'complaint filed', 'PLEADINGS'],
  ['case_status', 'answer due', 'PLEADINGS'],
  ['case_status', 'discovery', 'DISCOVERY'],
  ['case_status', 'discovery ongoing', 'DISCOVERY'],
  ['case_status', 'in discovery', 'DISCOVERY'],
  ['case_status', 'disc', 'DISCOVERY'],
  ['case_status', 'discovery written', 'DISCOVERY'],
  ['case_status', 'depositions', 'DISCOVERY'],
  ['case_status', 'mediation', 'SETTLEMENT'],
  ['case_status', 'mediation scheduled', 'SETTLEMENT'],
  ['case_status', 'settled', 'SETTLEMENT'],
  ['case_status', 'pre trial', 'TRIAL'],
  ['case_status', 'pretrial prep', 'TRIAL'],
  ['case_status', 'trial', 'TRIAL'],
  ['case_status', 'trial set', 'TRIAL'],
  ['case_status', 'post trial', 'TRIAL'],
  ['case_status', 'appeal', 'APPEAL'],
  ['case_status', 'on hold', 'ON_HOLD'],
  ['case_status', 'on hold client', 'ON_HOLD'],
  ['case_status', 'closed settled', 'CLOSED'],
  ['case_status', 'settled closed', 'CLOSED'],
  ['case_status', 'closed', 'CLOSED'],
  ['case_status', 'closed do not use', 'CLOSED'],
];

export class SeedValueMappings1795739839253 implements MigrationInterface {
  name = 'SeedValueMappings1795739839253';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `INSERT INTO "sync"."value_mappings" ("kind", "raw_value", "canonical", "version", "created_by")
       SELECT kind, raw_value, canonical, 1, 'seed' FROM unnest($1::text[], $2::text[], $3::text[]) AS s(kind, raw_value, canonical)
       ON CONFLICT DO NOTHING`,
      [SEED.map((s) => s[0]), SEED.map((s) => s[1]), SEED.map((s) => s[2])],
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DELETE FROM "sync"."value_mappings" WHERE "created_by" = 'seed' AND "version" = 1`);
  }
}
