import { normalizeName } from '../cms/conflict.js';
import { practiceAreaOf, route, type Directory } from './engine.js';
import { ROUTING } from './rules.js';

const directory: Directory = {
  users: [
    { id: '1', name: 'Maria Lopez', email: 'maria@firm.example', enabled: true, attorney: true },
    { id: '2', name: 'Kelly Nguyen', email: 'kelly@firm.example', enabled: true, attorney: false },
    { id: '3', name: 'David Chen', email: 'david@firm.example', enabled: true, attorney: true },
    { id: '4', name: 'Sarah Jones', email: 'sarah@firm.example', enabled: true, attorney: true },
  ],
  groups: [
    { id: '10', name: 'LA Personal Injury', memberIds: ['1', '2'] },
    { id: '11', name: 'NY Family Law', memberIds: ['3'] },
    { id: '12', name: 'Intake Desk', memberIds: ['4'] },
  ],
};
const lead = { practiceArea: 'Personal Injury', state: 'CA', city: 'Los Angeles', zip: '90012', language: 'en' as const, conflict: false };

describe('intake routing rules (the demo firm)', () => {
  it('sends personal injury in California to LA Personal Injury, round-robin between Maria Lopez and Kelly Nguyen, due in 24 hours', () => {
    const first = route(ROUTING, directory, lead, 0);
    expect(first).toMatchObject({ team: 'LA Personal Injury', office: 'Los Angeles', responsibleAttorney: 'Maria Lopez', assignee: 'Maria Lopez', slaSeconds: 86_400, priority: 'High' });
    expect(route(ROUTING, directory, lead, 1).assignee).toBe('Kelly Nguyen');
    expect(route(ROUTING, directory, lead, 2).assignee).toBe('Maria Lopez');
  });

  it('skips disabled users in the round-robin and gives Spanish speakers a Spanish speaker', () => {
    const kellyOff: Directory = { ...directory, users: directory.users.map((u) => (u.name === 'Kelly Nguyen' ? { ...u, enabled: false } : u)) };
    expect([0, 1, 2].map((turn) => route(ROUTING, kellyOff, lead, turn).assignee)).toEqual(['Maria Lopez', 'Maria Lopez', 'Maria Lopez']);
    expect([0, 1].map((turn) => route(ROUTING, directory, { ...lead, language: 'es' }, turn).assignee)).toEqual(['Maria Lopez', 'Maria Lopez']);
  });

  it('sends family law to NY Family Law, conflicts and everything else to the Intake Desk, and honours INTAKE_SLA_SECONDS', () => {
    expect(route(ROUTING, directory, { ...lead, practiceArea: 'Family Law', state: 'TX' }, 0)).toMatchObject({ team: 'NY Family Law', office: 'New York', responsibleAttorney: 'David Chen' });
    expect(route(ROUTING, directory, { ...lead, conflict: true }, 0)).toMatchObject({ team: 'Intake Desk', rule: 'conflict-review', reply: 'neutral' });
    expect(route(ROUTING, directory, { ...lead, state: 'NV' }, 0)).toMatchObject({ team: 'Intake Desk', responsibleAttorney: 'Sarah Jones', slaSeconds: 86_400 });
    expect(route(ROUTING, directory, lead, 0, 5).slaSeconds).toBe(5);
  });

  it('reads practice areas from common phrases and compares names as a paralegal would', () => {
    expect(practiceAreaOf(ROUTING, 'Car Accident')).toBe('Personal Injury');
    expect(practiceAreaOf(ROUTING, 'divorce')).toBe('Family Law');
    expect(practiceAreaOf(ROUTING, 'astrology')).toBeNull();
    expect(normalizeName('Martin, Ava')).toBe(normalizeName('ava martin'));
    expect(normalizeName('Harbor Logistics, Inc.')).toBe(normalizeName('harbor logistics'));
    expect(normalizeName('José Núñez')).toBe(normalizeName('Jose Nunez'));
  });
});
