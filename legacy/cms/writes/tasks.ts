import { z } from 'zod';
import type { Task } from '../../firm/types.js';
import type { Store } from '../../store/store.js';
import type { CmsResources } from '../resources.js';
import { dateSchema, refSchema, resolveRef, stamp } from '../../http/clio/validate.js';
import type { Writable } from './common.js';

const taskFields = {
  name: z.string().trim().min(1).max(1000),
  description: z.string().max(10_000).nullable(),
  status: z.enum(['pending', 'in_progress', 'in_review', 'complete']),
  priority: z.enum(['High', 'Normal', 'Low']),
  due_at: dateSchema.nullable(),
  matter: refSchema.nullable(),
  assignee: z.object({ id: z.number().int().positive(), type: z.literal('User').optional() }).nullable(),
};

const createSchema = z.object(taskFields).partial().required({ name: true }).strict();
const updateSchema = z.object(taskFields).partial().strict();
type TaskInput = z.infer<typeof updateSchema>;

function changes(store: Store, row: Task | null, data: TaskInput): Partial<Task> {
  const out: Partial<Task> = {};
  for (const key of ['name', 'description', 'priority', 'due_at'] as const) {
    if (data[key] !== undefined) Object.assign(out, { [key]: data[key] });
  }
  if (data.status !== undefined) {
    out.status = data.status;
    if (data.status === 'complete' && row?.status !== 'complete') out.completed_at = new Date().toISOString();
    if (data.status !== 'complete') out.completed_at = null;
  }
  const matter = resolveRef(store.matters, data.matter, 'matter');
  if (matter !== undefined) out.matter = matter;
  const assignee = resolveRef(store.users, data.assignee, 'assignee');
  if (assignee !== undefined) out.assignee = assignee;
  return out;
}

export function taskWrites(store: Store, resources: CmsResources): Writable<Task, z.infer<typeof createSchema>, TaskInput> {
  return {
    path: 'tasks',
    table: store.tasks,
    resource: resources.tasks,
    createSchema,
    updateSchema,
    create(data, id) {
      const created = stamp('tasks', id);
      return {
        id,
        etag: created.etag,
        created_at: created.updated_at,
        updated_at: created.updated_at,
        name: data.name,
        description: null,
        status: 'pending',
        priority: 'Normal',
        due_at: null,
        completed_at: null,
        matter: null,
        assignee: null,
        ...changes(store, null, data),
      };
    },
    update: (row, data) => changes(store, row, data),
  };
}
