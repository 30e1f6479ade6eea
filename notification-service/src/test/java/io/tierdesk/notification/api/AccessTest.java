package io.tierdesk.notification.api;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.tierdesk.testsupport.AccessRules;
import io.tierdesk.testsupport.TierdeskInfra;
import io.tierdesk.notification.TestMailServer;
import org.junit.jupiter.api.Test;

/** Every operation of notification-service's API, without and with bad tokens and as every role: docs/security.md. */
@QuarkusTest
@WithTestResource(TierdeskInfra.class)
@WithTestResource(TestMailServer.class)
class AccessTest {
    @Test
    void everyOperationAnswersEachRoleAsDocsSecuritySays() throws Exception {
        AccessRules.verify("notification-service");
    }
}
