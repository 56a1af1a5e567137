import {
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLError,
  Kind,
  type SelectionSetNode,
  visit,
} from 'graphql';
import { type ApiLimits, INTROSPECTION_MAX_DEPTH } from './config.js';
import { limitError } from './limit-error.js';

const INTROSPECTION_ROOTS = new Set(['__schema', '__type']);

/**
 * The document's depth and alias limits, checked on the syntax tree alone, before graphql's own
 * validation (whose cost grows with exactly what these limit). Depth counts field nesting through
 * fragments (`{ a { b } }` is 2); introspection (`__schema`, `__type`) may nest to
 * max(maxDepth, 20) so GraphiQL can load the schema. Aliases are counted over the whole document.
 */
export function depthAndAliasErrors(
  document: DocumentNode,
  limits: Pick<ApiLimits, 'maxDepth' | 'maxAliases'>,
): GraphQLError[] {
  const errors: GraphQLError[] = [];
  const aliases = countAliases(document);
  if (aliases > limits.maxAliases) {
    errors.push(
      limitError(
        'TOO_MANY_ALIASES',
        `the document has ${aliases} aliases; the limit is ${limits.maxAliases} (HM_MAX_ALIASES)`,
        { limit: limits.maxAliases, value: aliases, setting: 'HM_MAX_ALIASES' },
      ),
    );
  }
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const def of document.definitions) {
    if (def.kind === Kind.FRAGMENT_DEFINITION) fragments.set(def.name.value, def);
  }
  for (const def of document.definitions) {
    if (def.kind !== Kind.OPERATION_DEFINITION) continue;
    const { data, introspection } = rootDepths(def.selectionSet, fragments);
    const name = def.name ? ` ${def.name.value}` : '';
    if (data > limits.maxDepth) {
      errors.push(
        limitError(
          'QUERY_TOO_DEEP',
          `operation${name} is ${data} levels deep; the limit is ${limits.maxDepth} (HM_MAX_DEPTH)`,
          { limit: limits.maxDepth, value: data, setting: 'HM_MAX_DEPTH' },
        ),
      );
    }
    const introspectionLimit = Math.max(limits.maxDepth, INTROSPECTION_MAX_DEPTH);
    if (introspection > introspectionLimit) {
      errors.push(
        limitError(
          'QUERY_TOO_DEEP',
          `operation${name} introspects ${introspection} levels deep; the limit is ${introspectionLimit}`,
          { limit: introspectionLimit, value: introspection, setting: 'HM_MAX_DEPTH' },
        ),
      );
    }
  }
  return errors;
}

function countAliases(document: DocumentNode): number {
  let count = 0;
  visit(document, {
    Field(node) {
      if (node.alias) count += 1;
    },
  });
  return count;
}

/** Depth of the data fields and of the introspection fields under one operation's root selection. */
function rootDepths(
  root: SelectionSetNode,
  fragments: ReadonlyMap<string, FragmentDefinitionNode>,
): { data: number; introspection: number } {
  const meter = new DepthMeter(fragments);
  let data = 0;
  let introspection = 0;
  for (const field of meter.rootFields(root)) {
    const d = 1 + (field.selectionSet ? meter.depth(field.selectionSet) : 0);
    if (INTROSPECTION_ROOTS.has(field.name.value)) introspection = Math.max(introspection, d);
    else data = Math.max(data, d);
  }
  return { data, introspection };
}

/**
 * Field nesting below selection sets, each fragment measured once (a document of a few thousand
 * tokens can spread fragments into each other exponentially often). A fragment on its own path (a
 * cycle, which validation refuses later) counts as nothing.
 */
class DepthMeter {
  private readonly memo = new Map<string, number>();
  private readonly active = new Set<string>();
  constructor(private readonly fragments: ReadonlyMap<string, FragmentDefinitionNode>) {}

  /** The root's fields, through inline fragments and spreads; each fragment's fields once. */
  rootFields(set: SelectionSetNode, seen = new Set<string>()): FieldNode[] {
    const out: FieldNode[] = [];
    for (const sel of set.selections) {
      if (sel.kind === Kind.FIELD) out.push(sel);
      else if (sel.kind === Kind.INLINE_FRAGMENT) out.push(...this.rootFields(sel.selectionSet, seen));
      else if (!seen.has(sel.name.value)) {
        seen.add(sel.name.value);
        const frag = this.fragments.get(sel.name.value);
        if (frag) out.push(...this.rootFields(frag.selectionSet, seen));
      }
    }
    return out;
  }

  depth(set: SelectionSetNode): number {
    let max = 0;
    for (const sel of set.selections) {
      if (sel.kind === Kind.FIELD) max = Math.max(max, 1 + (sel.selectionSet ? this.depth(sel.selectionSet) : 0));
      else if (sel.kind === Kind.INLINE_FRAGMENT) max = Math.max(max, this.depth(sel.selectionSet));
      else max = Math.max(max, this.fragment(sel.name.value));
    }
    return max;
  }

  private fragment(name: string): number {
    const known = this.memo.get(name);
    if (known !== undefined) return known;
    const frag = this.fragments.get(name);
    if (!frag || this.active.has(name)) return 0;
    this.active.add(name);
    const d = this.depth(frag.selectionSet);
    this.active.delete(name);
    this.memo.set(name, d);
    return d;
  }
}
