import { FragmentDefinitionNode, GraphQLError, Kind, ValidationRule, visit } from 'graphql';
import depthLimit from 'graphql-depth-limit';

const MAX_FRAGMENTS = 100;

/**
 * The depth limit, made safe to run on any document: graphql-depth-limit follows fragment
 * spreads recursively, so a fragment cycle or a chain of thousands of fragments would overflow the
 * stack. Too many fragments are refused here; a cycle is left to graphql's own NoFragmentCycles rule.
 */
export function documentLimitsRule(maxDepth: number): ValidationRule {
  const depthRule = depthLimit(maxDepth);
  return (context) => {
    const fragments = context.getDocument().definitions.filter((definition): definition is FragmentDefinitionNode => definition.kind === Kind.FRAGMENT_DEFINITION);
    if (fragments.length > MAX_FRAGMENTS) {
      context.reportError(new GraphQLError(`The document defines ${fragments.length} fragments; the limit is ${MAX_FRAGMENTS}`));
      return {};
    }
    if (hasFragmentCycle(fragments)) return {};
    return depthRule(context);
  };
}

function hasFragmentCycle(fragments: FragmentDefinitionNode[]): boolean {
  const spreads = new Map<string, string[]>();
  for (const fragment of fragments) {
    const names: string[] = [];
    visit(fragment.selectionSet, { FragmentSpread: (node) => void names.push(node.name.value) });
    spreads.set(fragment.name.value, names);
  }
  const state = new Map<string, 'visiting' | 'done'>();
  const cyclic = (name: string): boolean => {
    if (state.get(name) === 'visiting') return true;
    if (state.get(name) === 'done' || !spreads.has(name)) return false;
    state.set(name, 'visiting');
    const found = spreads.get(name)!.some(cyclic);
    state.set(name, 'done');
    return found;
  };
  return fragments.some((fragment) => cyclic(fragment.name.value));
}
