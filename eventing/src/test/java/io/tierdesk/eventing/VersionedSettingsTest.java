package io.tierdesk.eventing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.mutiny.Uni;
import io.tierdesk.eventing.domain.Rejection;
import io.tierdesk.eventing.store.VersionedSettings;
import io.tierdesk.eventing.store.VersionedSettings.Table;
import io.tierdesk.eventing.store.VersionedSettings.Version;
import io.tierdesk.testsupport.TierdeskInfra;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import org.hibernate.reactive.mutiny.Mutiny;
import org.junit.jupiter.api.Test;

/** Settings as versions in a real table: the highest in force, each kept, a stale writer refused. */
@QuarkusTest
@WithTestResource(TierdeskInfra.class)
class VersionedSettingsTest {
    static final Instant T = Instant.parse("2026-12-04T09:00:00Z");

    record Hours(String opens, String closes) {
    }

    static final VersionedSettings<Hours> KEYED = VersionedSettings.of(
            new Table("sample_setting", "name", "body", "created_by", "created_at"), Hours.class);
    static final VersionedSettings<Hours> SINGLE = VersionedSettings.of(
            new Table("sample_single_setting", null, "rules", "changed_by", "changed_at"), Hours.class);

    @Inject
    Mutiny.SessionFactory sessions;

    private <T> T tx(Function<Mutiny.Session, Uni<T>> work) {
        return sessions.withTransaction(work).await().atMost(Duration.ofSeconds(30));
    }

    private Optional<Version<Hours>> latest(VersionedSettings<Hours> store, String key) {
        return tx(s -> store.latest(s, key));
    }

    private Optional<Version<Hours>> version(String key, long version) {
        return tx(s -> KEYED.version(s, key, version));
    }

    @Test
    void theHighestVersionOfEachKeyIsInForceAndEveryVersionIsKept() {
        String moscow = "moscow-" + UUID.randomUUID();
        String novosibirsk = "novosibirsk-" + UUID.randomUUID();
        assertThat(latest(KEYED, moscow)).isEmpty();
        tx(s -> KEYED.save(s, moscow, 1, new Hours("09:00", "18:00"), "kira", T));
        tx(s -> KEYED.save(s, moscow, 2, new Hours("08:00", "20:00"), "kira", T.plusSeconds(60)));
        tx(s -> KEYED.save(s, novosibirsk, 1, new Hours("05:00", "14:00"), "oleg", T));

        assertThat(latest(KEYED, moscow))
                .contains(new Version<>(moscow, 2, new Hours("08:00", "20:00")));
        assertThat(version(moscow, 1))
                .contains(new Version<>(moscow, 1, new Hours("09:00", "18:00")));
        assertThat(version(moscow, 3)).isEmpty();
        List<Version<Hours>> all = tx(KEYED::allLatest);
        assertThat(all).contains(new Version<>(moscow, 2, new Hours("08:00", "20:00")),
                new Version<>(novosibirsk, 1, new Hours("05:00", "14:00")));
        assertThat(all).noneMatch(v -> v.key().equals(moscow) && v.version() == 1);
    }

    @Test
    void aWriterWhoReadTheSameVersionAsAnotherAndCameSecondIsTold409AndChangesNothing() {
        String key = "plan-" + UUID.randomUUID();
        tx(s -> KEYED.save(s, key, 1, new Hours("09:00", "18:00"), "kira", T));
        assertThatThrownBy(() -> tx(s -> KEYED.save(s, key, 1, new Hours("00:00", "23:59"), "oleg", T)))
                .isInstanceOfSatisfying(Rejection.class, r -> {
                    assertThat(r.kind()).isEqualTo(Rejection.Kind.CONFLICT);
                    assertThat(r.field()).isEqualTo("version");
                });
        assertThat(latest(KEYED, key).map(Version::body)).contains(new Hours("09:00", "18:00"));
    }

    @Test
    void aTableOfOneSettingHasNoKey() {
        long next = latest(SINGLE, null).map(Version::version).orElse(0L) + 1;
        tx(s -> SINGLE.save(s, null, next, new Hours("10:00", "19:00"), "sam", T));
        Optional<Version<Hours>> latest = latest(SINGLE, null);
        assertThat(latest).contains(new Version<>(null, next, new Hours("10:00", "19:00")));
        List<Version<Hours>> single = tx(SINGLE::allLatest);
        assertThat(single).containsExactly(latest.orElseThrow());
        assertThatThrownBy(() -> tx(s -> SINGLE.save(s, null, next, new Hours("x", "y"), "sam", T)))
                .isInstanceOf(Rejection.class);
    }
}
