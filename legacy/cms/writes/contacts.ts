import { z } from 'zod';
import type { Contact } from '../../firm/types.js';
import type { Store } from '../../store/store.js';
import type { CmsResources } from '../resources.js';
import { stamp } from '../../http/clio/validate.js';
import { unprocessable } from '../../http/errors.js';
import type { Writable } from './common.js';

/** Clio takes a contact's addresses as lists; the primary one is what the contact shows. */
const emailInput = z.object({ address: z.string().trim().min(3).max(320), name: z.string().optional(), primary: z.boolean().optional() });
const phoneInput = z.object({ number: z.string().trim().min(1).max(40), name: z.string().optional(), primary: z.boolean().optional() });

const contactFields = {
  type: z.enum(['Person', 'Company']),
  name: z.string().trim().min(1).max(255),
  first_name: z.string().trim().max(255).nullable(),
  last_name: z.string().trim().max(255).nullable(),
  email_addresses: z.array(emailInput).max(20),
  phone_numbers: z.array(phoneInput).max(20),
};

const createSchema = z.object(contactFields).partial().strict();
const updateSchema = z.object(contactFields).partial().strict();
type ContactInput = z.infer<typeof updateSchema>;

const primary = <T extends { primary?: boolean | undefined }>(list: T[] | undefined): T | undefined => list?.find((x) => x.primary) ?? list?.[0];

function changes(row: Contact | null, data: ContactInput): Partial<Contact> {
  const out: Partial<Contact> = {};
  if (data.type !== undefined) out.type = data.type;
  if (data.first_name !== undefined) out.first_name = data.first_name;
  if (data.last_name !== undefined) out.last_name = data.last_name;
  const email = primary(data.email_addresses);
  if (email) out.primary_email_address = email.address;
  const phone = primary(data.phone_numbers);
  if (phone) out.primary_phone_number = phone.number;
  const type = out.type ?? row?.type ?? 'Person';
  const first = out.first_name ?? row?.first_name ?? null;
  const last = out.last_name ?? row?.last_name ?? null;
  if (data.name !== undefined) out.name = data.name;
  else if (type === 'Person' && (data.first_name !== undefined || data.last_name !== undefined)) out.name = [first, last].filter(Boolean).join(' ');
  const name = out.name ?? row?.name ?? '';
  if (name.trim() === '') throw unprocessable(type === 'Person' ? 'Validation failed: first_name or last_name must be given' : 'Validation failed: name must be given');
  return out;
}

/** POST /contacts.json and PATCH /contacts/{id}.json, as Clio takes them (a new contact is not a client). */
export function contactWrites(store: Store, resources: CmsResources): Writable<Contact, z.infer<typeof createSchema>, ContactInput> {
  return {
    path: 'contacts',
    table: store.contacts,
    resource: resources.contacts,
    createSchema,
    updateSchema,
    create(data, id) {
      const created = stamp('contacts', id);
      return {
        id,
        etag: created.etag,
        created_at: created.updated_at,
        updated_at: created.updated_at,
        name: '',
        first_name: null,
        last_name: null,
        type: 'Person',
        primary_email_address: null,
        primary_phone_number: null,
        is_client: false,
        ...changes(null, data),
      };
    },
    update: (row, data) => changes(row, data),
  };
}
