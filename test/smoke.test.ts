import { faker } from '@faker-js/faker';
import { SignJWT } from 'jose';
import { Agenda } from 'agenda';
test('esm deps load', () => { expect(typeof faker.person.firstName()).toBe('string'); expect(SignJWT).toBeDefined(); expect(Agenda).toBeDefined(); });
