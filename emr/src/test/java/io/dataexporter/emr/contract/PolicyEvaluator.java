package io.dataexporter.emr.contract;

import com.fasterxml.jackson.databind.JsonNode;
import io.dataexporter.emr.IamPoliciesTest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * IAM's evaluation of one identity policy for one call, as far as the product's policies use it: Allow statements,
 * action and resource wildcards ({@code *} and {@code ?}), and the condition operators StringEquals, StringLike,
 * ArnEquals and ArnLike (a key the request does not carry fails its condition, as in IAM).
 */
final class PolicyEvaluator {

    private final JsonNode policy;

    PolicyEvaluator(JsonNode policy) {
        this.policy = policy;
    }

    /** The Sid of the first statement that allows the call, or empty when none does (the call is denied). */
    Optional<String> allowedBy(AwsCall call) {
        for (JsonNode statement : policy.get("Statement")) {
            if (statement.get("Effect").asText().equals("Allow") && any(statement.get("Action"), call.action(), false)
                    && any(statement.get("Resource"), call.resource(), false) && conditionsHold(statement.path("Condition"), call.context())) {
                return Optional.of(statement.get("Sid").asText());
            }
        }
        return Optional.empty();
    }

    List<String> sids() {
        List<String> sids = new ArrayList<>();
        policy.get("Statement").forEach(statement -> sids.add(statement.get("Sid").asText()));
        return sids;
    }

    private static boolean conditionsHold(JsonNode condition, Map<String, String> context) {
        for (var operator : (Iterable<Map.Entry<String, JsonNode>>) condition::fields) {
            for (var key : (Iterable<Map.Entry<String, JsonNode>>) operator.getValue()::fields) {
                String value = context.get(key.getKey());
                boolean like = operator.getKey().endsWith("Like");
                if (!operator.getKey().matches("(String|Arn)(Equals|Like)")) {
                    throw new IllegalArgumentException("condition operator " + operator.getKey() + " is not evaluated here");
                }
                if (value == null || !any(key.getValue(), value, !like)) {
                    return false;
                }
            }
        }
        return true;
    }

    // a string or an array of strings; any of them matches (exactly, or with IAM's wildcards)
    private static boolean any(JsonNode patterns, String value, boolean exact) {
        if (patterns.isTextual()) {
            return exact ? patterns.asText().equals(value) : IamPoliciesTest.matches(patterns.asText(), value);
        }
        for (JsonNode pattern : patterns) {
            if (exact ? pattern.asText().equals(value) : IamPoliciesTest.matches(pattern.asText(), value)) {
                return true;
            }
        }
        return false;
    }
}
