package nscope.testkit;

import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

/** The condition of {@link LiveTest}: run as root, else skipped with the reason. */
public final class RootOnly implements ExecutionCondition {
    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        return Root.is()
                ? ConditionEvaluationResult.enabled("root")
                : ConditionEvaluationResult.disabled(
                        "a live test: it makes real namespaces, cgroups and mounts and needs root");
    }
}
