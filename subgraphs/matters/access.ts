import type { SelectQueryBuilder, ObjectLiteral } from 'typeorm';
import type { Principal } from '../../shared/auth/principal.js';

/**
 * The one place that says which matters and clients a caller may see; every root field, field and
 * entity reference of this context (and other contexts, through published-queries.ts) goes
 * through it. A client: their own matters. Staff: the matters they are responsible for. Admins:
 * everything. A caller without the link their role needs sees nothing.
 */
export function scopeMatters<T extends ObjectLiteral>(query: SelectQueryBuilder<T>, principal: Principal, alias: string): SelectQueryBuilder<T> {
  switch (principal.role) {
    case 'ADMIN':
      return query;
    case 'CLIENT':
      return principal.clientId
        ? query.andWhere(`${alias}.clientId = :scopeClientId`, { scopeClientId: principal.clientId })
        : query.andWhere('FALSE');
    case 'STAFF':
      return principal.staffId
        ? query.andWhere(`${alias}.responsibleStaffId = :scopeStaffId`, { scopeStaffId: principal.staffId })
        : query.andWhere('FALSE');
  }
}

/** Clients: a client sees themselves, staff the clients of their matters, admins everyone. */
export function scopeClients<T extends ObjectLiteral>(query: SelectQueryBuilder<T>, principal: Principal, alias: string): SelectQueryBuilder<T> {
  switch (principal.role) {
    case 'ADMIN':
      return query;
    case 'CLIENT':
      return principal.clientId
        ? query.andWhere(`${alias}.id = :scopeClientId`, { scopeClientId: principal.clientId })
        : query.andWhere('FALSE');
    case 'STAFF':
      return principal.staffId
        ? query.andWhere(
          `${alias}.id IN (SELECT sm.client_id FROM matters.matters sm WHERE sm.responsible_staff_id = :scopeStaffId)`,
          { scopeStaffId: principal.staffId },
        )
        : query.andWhere('FALSE');
  }
}
