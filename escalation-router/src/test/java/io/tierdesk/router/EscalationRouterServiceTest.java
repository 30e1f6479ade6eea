package io.tierdesk.router;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.tierdesk.eventing.testing.ServiceContract;
import io.tierdesk.eventing.testing.TierdeskInfra;

@QuarkusTest
@WithTestResource(TierdeskInfra.class)
class EscalationRouterServiceTest extends ServiceContract {
}
