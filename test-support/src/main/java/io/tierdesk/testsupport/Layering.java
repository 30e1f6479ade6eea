package io.tierdesk.testsupport;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaMethodCall;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import java.util.List;

/**
 * The layering every service keeps, as ArchUnit rules: resources map and delegate (no SQL, no event store), the
 * domain is plain Java, no service reaches into another, and the backbone knows nothing of the help desk. Each
 * service's {@code LayeringTest} checks its own classes with {@link #check}.
 */
public final class Layering {
    /** Every service's root package. */
    public static final List<String> SERVICES = List.of("io.tierdesk.intake", "io.tierdesk.router",
            "io.tierdesk.sla", "io.tierdesk.knowledge", "io.tierdesk.notification");
    /** The help desk's own rules, which the backbone must not know. */
    public static final String RULES = "io.tierdesk.rules..";
    static final String[] FRAMEWORKS = {"io.quarkus..", "jakarta..", "io.smallrye..", "org.hibernate..",
        "io.vertx..", "org.eclipse.microprofile..", "io.micrometer..", "org.jboss..", "org.apache.kafka..",
        "com.fasterxml.jackson.databind.."};
    static final String[] SQL_CLIENTS = {"io.vertx.sqlclient..", "io.vertx.mutiny.sqlclient..", "io.vertx.pgclient..",
        "io.vertx.mutiny.pgclient.."};

    /** The event store, the command path over it and the SQL helper, with their nested types. */
    static final String STORE = "io\\.tierdesk\\.eventing\\.store\\.(EventStore|EventSourcing|SqlRows)(\\$.*)?";

    private static final DescribedPredicate<JavaMethodCall> SESSION_QUERY =
            new DescribedPredicate<>("create a query on a Hibernate Reactive session") {
                @Override
                public boolean test(JavaMethodCall call) {
                    // By name: in a service's plain unit test the session interface is not loadable.
                    return call.getTargetOwner().isAssignableTo("org.hibernate.reactive.mutiny.Mutiny$Session")
                            && call.getName().matches("create.*Query");
                }
            };

    private Layering() {
    }

    /** The rules for one service, by its root package ({@code io.tierdesk.intake}). */
    public static List<ArchRule> serviceRules(String root) {
        return List.of(
                noClasses().that().resideInAPackage(root + ".api..")
                        .should().dependOnClassesThat().haveNameMatching(STORE)
                        .orShould().callMethodWhere(SESSION_QUERY)
                        .orShould().dependOnClassesThat().resideInAnyPackage(SQL_CLIENTS)
                        .because("a resource maps and delegates: SQL and the event store belong to a repository"),
                noClasses().that().resideInAPackage(root + ".domain..")
                        .should().dependOnClassesThat().resideInAnyPackage(FRAMEWORKS)
                        .orShould().dependOnClassesThat().resideInAnyPackage("io.tierdesk.eventing.store..",
                                "io.tierdesk.eventing.inbox..", "io.tierdesk.eventing.relay..",
                                "io.tierdesk.eventing.api..", root + ".api..", root + ".application..",
                                root + ".projection..", root + ".messaging..")
                        .because("the domain is plain Java: decisions over events, with no framework and no I/O"),
                noClasses().that().resideInAPackage(root + "..")
                        .should().dependOnClassesThat().resideInAnyPackage(SERVICES.stream()
                                .filter(other -> !other.equals(root)).map(other -> other + "..")
                                .toArray(String[]::new))
                        .because("a service learns from events and asks over REST; it never links another's code"));
    }

    /** The backbone's rules: the event contracts and {@code eventing} know no help-desk rule and no service. */
    public static List<ArchRule> backboneRules() {
        return List.of(noClasses().that().resideInAnyPackage("io.tierdesk.eventing..", "io.tierdesk.events..")
                .should().dependOnClassesThat().resideInAnyPackage(RULES)
                .orShould().dependOnClassesThat().resideInAnyPackage(SERVICES.stream().map(s -> s + "..")
                        .toArray(String[]::new))
                .because("the backbone is the same for any event-sourced service; the help desk's rules live in "
                        + "support-rules"));
    }

    /** The classes of the packages as built (tests left out). */
    public static JavaClasses classes(String... packages) {
        return new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages(packages);
    }

    /** Fails with every violation of the service's rules. */
    public static void check(String root) {
        JavaClasses classes = classes(root);
        serviceRules(root).forEach(rule -> rule.check(classes));
    }
}
