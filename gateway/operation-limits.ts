import type { RequestHandler } from 'express';
import {
  getNamedType, getNullableType, isListType, isObjectType, isInterfaceType, Kind,
  type ASTVisitor, type FragmentDefinitionNode, type GraphQLField, type GraphQLOutputType, type SelectionSetNode,
  type ValidationContext, type ValidationRule,
} from 'graphql';
import type { Config } from '../shared/config.js';
import { OperationTooComplexError } from './errors.js';

export type OperationLimits = Config['operationLimits'];

interface Measure {
  depth: number;
  cost: number;
}

/**
 * Depth and cost of a selection set, fragments followed: each field costs 1 plus its selections;
 * a list field multiplies its selections' cost by `listMultiplier` (nested lists compound).
 * Introspection fields (`__schema`, `__type`, `__typename`) are free and add no depth: whether
 * introspection is allowed at all is decided elsewhere.
 * A named fragment is measured once per operation (`fragments`): it means the same wherever it is
 * spread, and measuring it at each spread would let a chain of fragments that each spread the
 * next twice cost 2^n work — a few hundred bytes freezing the gateway.
 */
interface Walk {
  context: ValidationContext;
  limits: OperationLimits;
  /** Named fragments already measured. */
  fragments: Map<string, Measure>;
  /** Named fragments being measured: a spread back into one is a cycle, which NoFragmentCyclesRule reports. */
  inProgress: Set<string>;
}

function measureFragment(fragment: FragmentDefinitionNode, walk: Walk): Measure {
  const name = fragment.name.value;
  const known = walk.fragments.get(name);
  if (known) return known;
  if (walk.inProgress.has(name)) return { depth: 0, cost: 0 };
  walk.inProgress.add(name);
  const type = walk.context.getSchema().getType(fragment.typeCondition.name.value);
  const result = measure(fragment.selectionSet, type, walk);
  walk.inProgress.delete(name);
  walk.fragments.set(name, result);
  return result;
}

function measure(selectionSet: SelectionSetNode, parentType: unknown, walk: Walk): Measure {
  const { context, limits } = walk;
  let depth = 0;
  let cost = 0;
  for (const selection of selectionSet.selections) {
    if (selection.kind === Kind.FIELD) {
      if (selection.name.value.startsWith('__')) continue;
      const fields = isObjectType(parentType) || isInterfaceType(parentType) ? parentType.getFields() : undefined;
      const field: GraphQLField<unknown, unknown> | undefined = fields?.[selection.name.value];
      const type: GraphQLOutputType | undefined = field?.type;
      const inner = selection.selectionSet && type
        ? measure(selection.selectionSet, getNamedType(type), walk)
        : { depth: 0, cost: 0 };
      const multiplier = type && isListType(getNullableType(type)) ? limits.listMultiplier : 1;
      depth = Math.max(depth, 1 + inner.depth);
      cost += 1 + inner.cost * multiplier;
      continue;
    }
    let inner: Measure;
    if (selection.kind === Kind.INLINE_FRAGMENT) {
      const typeName = selection.typeCondition?.name.value;
      inner = measure(selection.selectionSet, typeName ? context.getSchema().getType(typeName) : parentType, walk);
    } else {
      const fragment = context.getFragment(selection.name.value);
      if (!fragment) continue;
      inner = measureFragment(fragment, walk);
    }
    depth = Math.max(depth, inner.depth);
    cost += inner.cost;
  }
  return { depth, cost };
}

/**
 * GraphQL validation rules run before the query is planned: an operation deeper than maxDepth,
 * with more aliases than maxAliases, or costing more than maxCost is refused with
 * OPERATION_TOO_COMPLEX (HTTP 400) naming the limit, its value and the operation's.
 */
export function operationLimitRules(limits: OperationLimits): ValidationRule[] {
  const complexity: ValidationRule = (context): ASTVisitor => ({
    OperationDefinition(node) {
      const rootType = context.getSchema().getRootType(node.operation);
      const { depth, cost } = measure(node.selectionSet, rootType, { context, limits, fragments: new Map(), inProgress: new Set() });
      if (depth > limits.maxDepth) {
        context.reportError(new OperationTooComplexError(`The operation is ${depth} levels deep; the limit (MAX_QUERY_DEPTH) is ${limits.maxDepth}.`, 'MAX_QUERY_DEPTH', limits.maxDepth, depth));
      }
      if (cost > limits.maxCost) {
        context.reportError(new OperationTooComplexError(`The operation costs ${cost}; the limit (MAX_QUERY_COST) is ${limits.maxCost}. Each field costs 1 and a list multiplies what it holds by ${limits.listMultiplier}.`, 'MAX_QUERY_COST', limits.maxCost, cost));
      }
    },
  });
  const aliases: ValidationRule = (context): ASTVisitor => {
    let count = 0;
    return {
      Field(node) {
        if (node.alias) count += 1;
      },
      Document: {
        leave() {
          if (count > limits.maxAliases) {
            context.reportError(new OperationTooComplexError(`The operation has ${count} aliases; the limit (MAX_QUERY_ALIASES) is ${limits.maxAliases}.`, 'MAX_QUERY_ALIASES', limits.maxAliases, count));
          }
        },
      },
    };
  };
  return [complexity, aliases];
}

/** Each operation of an HTTP request body (one, or a batch). */
export function operationsOf(body: unknown): unknown[] {
  return Array.isArray(body) ? body : [body];
}

/**
 * Before Apollo Server parses anything: a batch larger than maxBatchSize, or a query longer than
 * maxQueryBytes (UTF-8), is refused with the same OPERATION_TOO_COMPLEX answer (HTTP 400).
 */
export function requestSizeLimits(limits: OperationLimits): RequestHandler {
  return (req, res, next) => {
    const source: unknown = req.method === 'GET' ? req.query : req.body;
    const operations = operationsOf(source);
    let error: OperationTooComplexError | undefined;
    if (Array.isArray(source) && operations.length > limits.maxBatchSize) {
      error = new OperationTooComplexError(
        limits.maxBatchSize === 1
          ? `Batched operations are disabled: send one operation per request (MAX_BATCH_SIZE is 1); this batch has ${operations.length}.`
          : `The batch has ${operations.length} operations; the limit (MAX_BATCH_SIZE) is ${limits.maxBatchSize}.`,
        'MAX_BATCH_SIZE', limits.maxBatchSize, operations.length);
    } else {
      for (const operation of operations) {
        const query = typeof operation === 'object' && operation !== null && 'query' in operation ? operation.query : undefined;
        const bytes = typeof query === 'string' ? Buffer.byteLength(query, 'utf8') : 0;
        if (bytes > limits.maxQueryBytes) {
          error = new OperationTooComplexError(`The query is ${bytes} bytes; the limit (MAX_QUERY_BYTES) is ${limits.maxQueryBytes}.`, 'MAX_QUERY_BYTES', limits.maxQueryBytes, bytes);
          break;
        }
      }
    }
    if (!error) {
      next();
      return;
    }
    const { limit, max, actual, message } = error;
    res.status(400).json({ errors: [{ message, extensions: { code: error.extensions['code'], limit, max, actual } }] });
  };
}
