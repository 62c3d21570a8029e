package io.dataexporter.api.graphql;

import graphql.language.Document;
import graphql.language.Field;
import graphql.language.FragmentDefinition;
import graphql.language.FragmentSpread;
import graphql.language.InlineFragment;
import graphql.language.OperationDefinition;
import graphql.language.Selection;
import graphql.language.SelectionSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The cost limits of a document, checked before graphql-java validates or runs it: the number of fields it selects
 * (every alias counts, as each is resolved on its own, and a fragment counts each time it is spread), its depth, how
 * many fragments it defines and how deeply their spreads nest. What introspection ({@code __schema}, {@code __type})
 * selects inside is served from the schema in memory and counts for neither, so GraphiQL's introspection query works;
 * but each introspection field itself, {@code __typename} included, is one field, so aliases of them are bounded as
 * every other field is.
 * <p>
 * The work is linear in the document: each fragment's cost is computed once and reused at every spread (a fragment that
 * spreads the next one twice doubles the count per level, not the walk), counts are {@code long} and saturate, and the
 * walk stops descending once a limit is passed.
 */
final class DocumentLimits {

    /** Fragment definitions one document may hold. */
    static final int MAX_FRAGMENTS = 100;
    /** How deeply fragment spreads may nest (a fragment spreading a fragment spreading ...). */
    static final int MAX_SPREAD_DEPTH = 16;
    /** Root fields of one query (each requestStatus signs every link of its request afresh). */
    static final int MAX_QUERY_ROOT_FIELDS = 10;

    private final int maxFields;
    private final int maxDepth;

    DocumentLimits(int maxFields, int maxDepth) {
        this.maxFields = maxFields;
        this.maxDepth = maxDepth;
    }

    /** What is over a limit, if anything, as a message for the client. */
    Optional<String> problem(Document document) {
        Map<String, FragmentDefinition> fragments = new HashMap<>();
        document.getDefinitionsOfType(FragmentDefinition.class).forEach(fragment -> fragments.put(fragment.getName(), fragment));
        if (document.getDefinitionsOfType(FragmentDefinition.class).size() > MAX_FRAGMENTS) {
            return Optional.of("The document defines " + document.getDefinitionsOfType(FragmentDefinition.class).size() + " fragments; the limit is "
                    + MAX_FRAGMENTS + ". Split it into several requests.");
        }
        Walk walk = new Walk(fragments);
        long fields = 0;
        int depth = 0;
        try {
            for (OperationDefinition operation : document.getDefinitionsOfType(OperationDefinition.class)) {
                Cost cost = walk.cost(operation.getSelectionSet(), 1);
                fields = saturatedAdd(fields, cost.fields());
                depth = Math.max(depth, cost.depth());
            }
        } catch (SpreadsTooDeep e) {
            return Optional.of("Fragment spreads nest more than " + MAX_SPREAD_DEPTH + " deep; the limit is " + MAX_SPREAD_DEPTH
                    + ". Spread fewer fragments inside fragments.");
        }
        if (fields > maxFields) {
            return Optional.of("The document selects " + (fields == Long.MAX_VALUE ? "more than " + Long.MAX_VALUE : String.valueOf(fields))
                    + " fields (aliases included); the limit is " + maxFields + ". Split it into several requests.");
        }
        if (depth > maxDepth) {
            return Optional.of("maximum query depth exceeded " + depth + " > " + maxDepth);
        }
        for (OperationDefinition operation : document.getDefinitionsOfType(OperationDefinition.class)) {
            long roots = walk.rootFields(operation.getSelectionSet());
            boolean mutation = operation.getOperation() == OperationDefinition.Operation.MUTATION;
            if (mutation && roots > 1) {
                return Optional.of("A mutation may hold one root field; this one holds " + roots + ". Send one requestData (or requestStatus) per request.");
            }
            if (!mutation && roots > MAX_QUERY_ROOT_FIELDS) {
                return Optional.of("A query may hold " + MAX_QUERY_ROOT_FIELDS + " root fields; this one holds " + roots + ". Split it into several requests.");
            }
        }
        return Optional.empty();
    }

    private record Cost(long fields, int depth) {
    }

    private static final class SpreadsTooDeep extends RuntimeException {
        SpreadsTooDeep() {
            super(null, null, false, false);
        }
    }

    private final class Walk {
        private final Map<String, FragmentDefinition> fragments;
        // each fragment's cost as if spread at level 1 (its depth then shifts with the level of each spread)
        private final Map<String, Cost> fragmentCosts = new HashMap<>();
        private final Set<String> visiting = new HashSet<>();

        Walk(Map<String, FragmentDefinition> fragments) {
            this.fragments = fragments;
        }

        // the fields an operation selects at its root, through inline fragments and spreads (aliases count; __typename does not)
        long rootFields(SelectionSet set) {
            long roots = 0;
            for (Selection<?> selection : set == null ? java.util.List.<Selection<?>>of() : set.getSelections()) {
                if (selection instanceof Field field) {
                    roots += field.getName().startsWith("__") ? 0 : 1;
                } else if (selection instanceof InlineFragment inline) {
                    roots = saturatedAdd(roots, rootFields(inline.getSelectionSet()));
                } else if (selection instanceof FragmentSpread spread && fragments.containsKey(spread.getName()) && visiting.add(spread.getName())) {
                    roots = saturatedAdd(roots, rootFields(fragments.get(spread.getName()).getSelectionSet()));
                    visiting.remove(spread.getName());
                }
            }
            return roots;
        }

        Cost cost(SelectionSet set, int level) {
            if (set == null || level > maxDepth + 1) {
                return new Cost(0, set == null ? level - 1 : level);
            }
            long fields = 0;
            int depth = level - 1;
            for (Selection<?> selection : set.getSelections()) {
                Cost cost = selectionCost(selection, level);
                fields = saturatedAdd(fields, cost.fields());
                depth = Math.max(depth, cost.depth());
            }
            return new Cost(fields, depth);
        }

        private Cost selectionCost(Selection<?> selection, int level) {
            if (selection instanceof Field field) {
                if (field.getName().startsWith("__")) {
                    return new Cost(1, level - 1);
                }
                Cost below = cost(field.getSelectionSet(), level + 1);
                return new Cost(saturatedAdd(1, below.fields()), Math.max(level, below.depth()));
            }
            if (selection instanceof InlineFragment inline) {
                return cost(inline.getSelectionSet(), level);
            }
            if (selection instanceof FragmentSpread spread) {
                Cost atFirstLevel = fragmentCost(spread.getName());
                return new Cost(atFirstLevel.fields(), atFirstLevel.depth() + level - 1);
            }
            return new Cost(0, level - 1);
        }

        private Cost fragmentCost(String name) {
            Cost known = fragmentCosts.get(name);
            if (known != null) {
                return known;
            }
            FragmentDefinition fragment = fragments.get(name);
            if (fragment == null || visiting.contains(name)) {
                return new Cost(0, 0); // unknown or cyclic: validation reports it
            }
            if (visiting.size() >= MAX_SPREAD_DEPTH) {
                throw new SpreadsTooDeep();
            }
            visiting.add(name);
            Cost cost = cost(fragment.getSelectionSet(), 1);
            visiting.remove(name);
            fragmentCosts.put(name, cost);
            return cost;
        }
    }

    private static long saturatedAdd(long a, long b) {
        long sum = a + b;
        return sum < 0 ? Long.MAX_VALUE : sum;
    }
}
