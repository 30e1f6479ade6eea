package io.tierdesk.eventing;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.lang.ArchRule;
import io.tierdesk.testsupport.Layering;
import java.util.List;
import org.junit.jupiter.api.Test;

class LayeringTest {
    @Test
    void theBackboneKnowsNoHelpDeskRuleAndNoService() {
        JavaClasses backbone = Layering.classes("io.tierdesk.eventing", "io.tierdesk.events");
        Layering.backboneRules().forEach(rule -> rule.check(backbone));
    }

    /** The service rules, run on fixtures that break them, report each break: the rules can fail. */
    @Test
    void theServiceRulesCatchSqlInAResourceAndAFrameworkInTheDomain() {
        String root = "io.tierdesk.eventing.layering.fixture";
        JavaClasses fixture = new com.tngtech.archunit.core.importer.ClassFileImporter().importPackages(root);
        List<ArchRule> rules = Layering.serviceRules(root);

        String resourceReport = rules.get(0).evaluate(fixture).getFailureReport().toString();
        assertThat(resourceReport).contains("LeakyResource.rows", "SqlRows.select")
                .contains("LeakyResource.update", "createNativeMutationQuery");
        assertThat(rules.get(1).evaluate(fixture).getFailureReport().toString())
                .contains("FrameworkBoundDecider.decide", "io.smallrye.mutiny.Uni");
    }
}
