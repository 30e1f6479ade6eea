package io.tierdesk.intake.api;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.tierdesk.testsupport.AccessRules;
import io.tierdesk.testsupport.TierdeskInfra;
import org.junit.jupiter.api.Test;

/** Every operation of ticket-intake's API, called without and with bad tokens and as every role: docs/security.md. */
@QuarkusTest
@WithTestResource(TierdeskInfra.class)
class AccessTest {
    @Test
    void everyOperationAnswersEachRoleAsDocsSecuritySays() throws Exception {
        AccessRules.verify("ticket-intake");
    }
}
