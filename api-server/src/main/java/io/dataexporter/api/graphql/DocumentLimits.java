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
 * The cost limits of a document, checked before it runs: the number of fields it selects (every alias counts, as each
 * is resolved on its own) and its depth. Introspection ({@code __schema}, {@code __type}) is served from the schema in
 * memory and counts for neither, so GraphiQL's introspection query works.
 */
final class DocumentLimits {

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
        int fields = 0;
        int depth = 0;
        for (OperationDefinition operation : document.getDefinitionsOfType(OperationDefinition.class)) {
            Cost cost = cost(operation.getSelectionSet(), fragments, new HashSet<>(), 1);
            fields += cost.fields();
            depth = Math.max(depth, cost.depth());
        }
        if (fields > maxFields) {
            return Optional.of("The document selects " + fields + " fields (aliases included); the limit is " + maxFields
                    + ". Split it into several requests.");
        }
        if (depth > maxDepth) {
            return Optional.of("maximum query depth exceeded " + depth + " > " + maxDepth);
        }
        return Optional.empty();
    }

    private record Cost(int fields, int depth) {
    }

    private static Cost cost(SelectionSet set, Map<String, FragmentDefinition> fragments, Set<String> visiting, int level) {
        if (set == null) {
            return new Cost(0, level - 1);
        }
        int fields = 0;
        int depth = level - 1;
        for (Selection<?> selection : set.getSelections()) {
            Cost cost = selectionCost(selection, fragments, visiting, level);
            fields += cost.fields();
            depth = Math.max(depth, cost.depth());
        }
        return new Cost(fields, depth);
    }

    private static Cost selectionCost(Selection<?> selection, Map<String, FragmentDefinition> fragments, Set<String> visiting, int level) {
        if (selection instanceof Field field) {
            if (field.getName().startsWith("__")) {
                return new Cost(0, level - 1);
            }
            Cost below = cost(field.getSelectionSet(), fragments, visiting, level + 1);
            return new Cost(1 + below.fields(), Math.max(level, below.depth()));
        }
        if (selection instanceof InlineFragment inline) {
            return cost(inline.getSelectionSet(), fragments, visiting, level);
        }
        if (selection instanceof FragmentSpread spread) {
            FragmentDefinition fragment = fragments.get(spread.getName());
            if (fragment == null || !visiting.add(spread.getName())) {
                return new Cost(0, level - 1); // unknown or cyclic: validation reports it
            }
            Cost inside = cost(fragment.getSelectionSet(), fragments, visiting, level);
            visiting.remove(spread.getName());
            return inside;
        }
        return new Cost(0, level - 1);
    }
}
