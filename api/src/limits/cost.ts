import {
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLField,
  type GraphQLNamedType,
  type GraphQLSchema,
  getNamedType,
  getOperationAST,
  isInterfaceType,
  isObjectType,
  Kind,
  SchemaMetaFieldDef,
  type SelectionSetNode,
  TypeMetaFieldDef,
} from 'graphql';
import { getArgumentValues } from 'graphql/execution/values.js';

/** Arguments that say how many items a field returns (lists, connections, book levels). */
const SIZE_ARGUMENTS = ['first', 'last', 'limit', 'depth'] as const;

/**
 * The estimated cost of the operation `operationName` with these variables: what it asks the server
 * to fetch or build. A scalar field is free; a field with a selection costs 1 plus, for each item
 * it returns, the cost of its selection (at least 1 per item). A field with a `first`, `last`,
 * `limit` or `depth` argument returns that many items (its value, from the query, the variables or
 * the argument's default). So `candles(limit: 2000) { time open high low close volume }` costs
 * 1 + 2000 × 1 = 2001, and pages of pages multiply:
 * `sessions(first: 200) { edges { node { fills(first: 100) { edges { node { seq } } } } } }` costs 60,601.
 */
export function operationCost(
  schema: GraphQLSchema,
  document: DocumentNode,
  operationName: string | null | undefined,
  variables: Readonly<Record<string, unknown>> | null | undefined,
): number {
  const operation = getOperationAST(document, operationName);
  if (!operation) return 0;
  const root = schema.getRootType(operation.operation);
  if (!root) return 0;
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const def of document.definitions) {
    if (def.kind === Kind.FRAGMENT_DEFINITION) fragments.set(def.name.value, def);
  }
  return new CostMeter(schema, fragments, variables ?? {}).selection(root, operation.selectionSet);
}

/** Costs selection sets, each fragment once (fragments can spread into each other exponentially often). */
class CostMeter {
  private readonly memo = new Map<string, number>();
  private readonly active = new Set<string>();

  constructor(
    private readonly schema: GraphQLSchema,
    private readonly fragments: ReadonlyMap<string, FragmentDefinitionNode>,
    private readonly variables: Readonly<Record<string, unknown>>,
  ) {}

  selection(parent: GraphQLNamedType, set: SelectionSetNode): number {
    let cost = 0;
    for (const sel of set.selections) {
      if (sel.kind === Kind.FIELD) cost += this.field(parent, sel);
      else if (sel.kind === Kind.INLINE_FRAGMENT) {
        const type = sel.typeCondition ? this.schema.getType(sel.typeCondition.name.value) : parent;
        cost += this.selection(type ?? parent, sel.selectionSet);
      } else cost += this.fragment(sel.name.value);
    }
    return cost;
  }

  private field(parent: GraphQLNamedType, node: FieldNode): number {
    const def = fieldDef(this.schema, parent, node.name.value);
    if (!def || !node.selectionSet) return 0;
    return 1 + this.size(def, node) * Math.max(1, this.selection(getNamedType(def.type), node.selectionSet));
  }

  private fragment(name: string): number {
    const known = this.memo.get(name);
    if (known !== undefined) return known;
    const frag = this.fragments.get(name);
    const type = frag && this.schema.getType(frag.typeCondition.name.value);
    if (!frag || !type || this.active.has(name)) return 0;
    this.active.add(name);
    const cost = this.selection(type, frag.selectionSet);
    this.active.delete(name);
    this.memo.set(name, cost);
    return cost;
  }

  /** How many items the field returns, from its size argument; 1 without one. */
  private size(def: GraphQLField<unknown, unknown>, node: FieldNode): number {
    if (!def.args.some((a) => (SIZE_ARGUMENTS as readonly string[]).includes(a.name))) return 1;
    let values: Record<string, unknown>;
    try {
      values = getArgumentValues(def, node, this.variables);
    } catch {
      return 1; // execution reports the bad argument
    }
    for (const name of SIZE_ARGUMENTS) {
      const value = values[name];
      if (typeof value === 'number' && Number.isFinite(value)) return Math.max(1, value);
    }
    return 1;
  }
}

function fieldDef(
  schema: GraphQLSchema,
  parent: GraphQLNamedType,
  name: string,
): GraphQLField<unknown, unknown> | undefined {
  if (name === SchemaMetaFieldDef.name && parent === schema.getQueryType()) return SchemaMetaFieldDef;
  if (name === TypeMetaFieldDef.name && parent === schema.getQueryType()) return TypeMetaFieldDef;
  return isObjectType(parent) || isInterfaceType(parent) ? parent.getFields()[name] : undefined;
}
