package io.tierdesk.router.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tierdesk.events.agent.Presence;
import io.tierdesk.events.routing.Priority;
import io.tierdesk.events.routing.Tier;
import io.tierdesk.events.ticket.SupportPlan;
import io.tierdesk.events.ticket.Urgency;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class RoutingDomainTest {
    static final Instant T0 = Instant.parse("2026-11-02T09:00:00Z");

    @Nested
    class Matrix {
        @Test
        void theCornersAndTheDiagonal() {
            assertThat(PriorityMatrix.priority(Impact.CRITICAL, Urgency.CRITICAL)).isEqualTo(Priority.P1);
            assertThat(PriorityMatrix.priority(Impact.LOW, Urgency.LOW)).isEqualTo(Priority.P4);
            assertThat(PriorityMatrix.priority(Impact.CRITICAL, Urgency.LOW)).isEqualTo(Priority.P3);
            assertThat(PriorityMatrix.priority(Impact.LOW, Urgency.CRITICAL)).isEqualTo(Priority.P3);
            assertThat(PriorityMatrix.priority(Impact.HIGH, Urgency.HIGH)).isEqualTo(Priority.P2);
            assertThat(PriorityMatrix.priority(Impact.MEDIUM, Urgency.MEDIUM)).isEqualTo(Priority.P3);
        }

        @Test
        void moreImpactOrMoreUrgencyNeverLowersThePriority() {
            for (Impact impact : Impact.values()) {
                for (Urgency urgency : Urgency.values()) {
                    Priority here = PriorityMatrix.priority(impact, urgency);
                    if (impact.ordinal() > 0) {
                        Impact more = Impact.values()[impact.ordinal() - 1];
                        assertThat(PriorityMatrix.priority(more, urgency)).isLessThanOrEqualTo(here);
                    }
                    if (urgency != Urgency.CRITICAL) {
                        Urgency more = Urgency.values()[urgency.ordinal() + 1];
                        assertThat(PriorityMatrix.priority(impact, more)).isLessThanOrEqualTo(here);
                    }
                }
            }
        }

        @Test
        void theMatrixIsSymmetric() {
            Impact[] impacts = {Impact.LOW, Impact.MEDIUM, Impact.HIGH, Impact.CRITICAL};
            Urgency[] urgencies = {Urgency.LOW, Urgency.MEDIUM, Urgency.HIGH, Urgency.CRITICAL};
            for (int i = 0; i < 4; i++) {
                for (int u = 0; u < 4; u++) {
                    assertThat(PriorityMatrix.priority(impacts[i], urgencies[u]))
                            .isEqualTo(PriorityMatrix.priority(impacts[u], urgencies[i]));
                }
            }
        }
    }

    @Nested
    class Rules {
        final RoutingRules rules = new RoutingRules(3, List.of(
                new RoutingRules.Rule("premium servers", "servers", SupportPlan.PREMIUM, "linux", Tier.L2, Impact.HIGH),
                new RoutingRules.Rule("servers", "servers", null, "linux", null, null),
                new RoutingRules.Rule("self-service first", null, SupportPlan.SELF_SERVICE, null, Tier.L1, Impact.LOW)));

        @Test
        void theFirstMatchingRuleDecides() {
            assertThat(rules.route("servers", SupportPlan.PREMIUM))
                    .isEqualTo(new RoutingRules.Route("linux", Tier.L2, Impact.HIGH, "premium servers"));
            assertThat(rules.route("Servers", SupportPlan.WARRANTY))
                    .isEqualTo(new RoutingRules.Route("linux", Tier.L1, Impact.MEDIUM, "servers"));
            assertThat(rules.route("printers", SupportPlan.SELF_SERVICE))
                    .isEqualTo(new RoutingRules.Route("printers", Tier.L1, Impact.LOW, "self-service first"));
        }

        @Test
        void withoutAMatchTicketsStartAtL1WithTheirCategoryAsSkill() {
            assertThat(rules.route("printers", SupportPlan.WARRANTY))
                    .isEqualTo(new RoutingRules.Route("printers", Tier.L1, Impact.MEDIUM, null));
            assertThat(RoutingRules.NONE.route(null, SupportPlan.PREMIUM).tier()).isEqualTo(Tier.L1);
        }

        @Test
        void aValidRuleSetHasNoProblems() {
            assertThat(rules.problems()).isEmpty();
        }

        @Test
        void anInvalidRuleSetNamesEveryProblem() {
            RoutingRules bad = new RoutingRules(4, List.of(
                    new RoutingRules.Rule("catch-all", null, null, "x", Tier.L1, null),
                    new RoutingRules.Rule("catch-all", "servers", null, " ", Tier.L4, null),
                    new RoutingRules.Rule(" ", "mail", null, null, null, null)));
            assertThat(bad.problems()).containsExactly(
                    "rules[0]: matches everything, so the rules after it can never apply",
                    "rules[1].name: 'catch-all' is used twice",
                    "rules[1].startTier: L4 is reached by escalation only",
                    "rules[1].skill: must not be blank",
                    "rules[2].name: is required");
        }
    }

    @Nested
    class ChoiceOfAgent {
        AgentLoad agent(String id, Tier tier, String skill, Presence presence, int active, int capacity, int idleMinutes) {
            return new AgentLoad(id, tier, Set.of(skill), presence, active, capacity, T0.minusSeconds(60L * idleMinutes));
        }

        @Test
        void theLeastLoadedEligibleAgentWins() {
            List<AgentLoad> agents = List.of(agent("ann", Tier.L1, "mail", Presence.ONLINE, 3, 5, 1),
                    agent("ben", Tier.L1, "mail", Presence.ONLINE, 1, 5, 1),
                    agent("cat", Tier.L1, "mail", Presence.ONLINE, 2, 5, 1));
            assertThat(Assignment.choose(Tier.L1, "mail", agents)).map(AgentLoad::agentId).contains("ben");
        }

        @Test
        void tiesGoToTheAgentIdleLongest() {
            List<AgentLoad> agents = List.of(agent("ann", Tier.L1, "mail", Presence.ONLINE, 1, 5, 5),
                    agent("ben", Tier.L1, "mail", Presence.ONLINE, 1, 5, 30),
                    agent("cat", Tier.L1, "mail", Presence.ONLINE, 1, 5, 10));
            assertThat(Assignment.choose(Tier.L1, "mail", agents)).map(AgentLoad::agentId).contains("ben");
        }

        @Test
        void wrongTierMissingSkillAwayOfflineOrFullAgentsAreNotEligible() {
            List<AgentLoad> agents = List.of(agent("l2", Tier.L2, "mail", Presence.ONLINE, 0, 5, 60),
                    agent("printer-person", Tier.L1, "printers", Presence.ONLINE, 0, 5, 60),
                    agent("away", Tier.L1, "mail", Presence.AWAY, 0, 5, 60),
                    agent("offline", Tier.L1, "mail", Presence.OFFLINE, 0, 5, 60),
                    agent("full", Tier.L1, "mail", Presence.ONLINE, 5, 5, 60),
                    agent("overfull", Tier.L1, "mail", Presence.ONLINE, 7, 5, 60));
            assertThat(Assignment.choose(Tier.L1, "mail", agents)).isEmpty();
        }

        @Test
        void thirtyTicketsOverThreeSkillsAndFourAgentsStayFairAndUnderCapacity() {
            // Four L1 agents, capacity 5 each; every agent has two of the three skills.
            Map<String, AgentLoad> agents = new HashMap<>();
            agents.put("a", new AgentLoad("a", Tier.L1, Set.of("mail", "vpn"), Presence.ONLINE, 0, 5, T0));
            agents.put("b", new AgentLoad("b", Tier.L1, Set.of("vpn", "printers"), Presence.ONLINE, 0, 5, T0));
            agents.put("c", new AgentLoad("c", Tier.L1, Set.of("printers", "mail"), Presence.ONLINE, 0, 5, T0));
            agents.put("d", new AgentLoad("d", Tier.L1, Set.of("mail", "vpn", "printers"), Presence.ONLINE, 0, 5, T0));
            String[] skills = {"mail", "vpn", "printers"};
            List<QueuedTicket> waiting = new ArrayList<>();
            for (int i = 0; i < 30; i++) {
                String skill = skills[i % 3];
                Optional<AgentLoad> chosen = Assignment.choose(Tier.L1, skill, agents.values());
                if (chosen.isEmpty()) {
                    waiting.add(new QueuedTicket(UUID.randomUUID(), Tier.L1, skill, Priority.P3, null, T0.plusSeconds(i)));
                    continue;
                }
                AgentLoad a = chosen.get();
                agents.put(a.agentId(), new AgentLoad(a.agentId(), a.tier(), a.skills(), a.presence(), a.active() + 1,
                        a.capacity(), T0.plusSeconds(i)));
            }
            assertThat(agents.values()).allSatisfy(a -> assertThat(a.active()).isLessThanOrEqualTo(a.capacity()));
            int busiest = agents.values().stream().mapToInt(AgentLoad::active).max().orElseThrow();
            int idlest = agents.values().stream().mapToInt(AgentLoad::active).min().orElseThrow();
            assertThat(busiest - idlest).isLessThanOrEqualTo(1);
            assertThat(waiting).hasSize(30 - 20);
        }
    }

    @Nested
    class QueueOrder {
        @Test
        void priorityThenSlaDueThenAge() {
            QueuedTicket p2Old = new QueuedTicket(UUID.randomUUID(), Tier.L1, "x", Priority.P2, null, T0);
            QueuedTicket p1NoSla = new QueuedTicket(UUID.randomUUID(), Tier.L1, "x", Priority.P1, null, T0.plusSeconds(9));
            QueuedTicket p1DueLate = new QueuedTicket(UUID.randomUUID(), Tier.L1, "x", Priority.P1, T0.plusSeconds(3600),
                    T0.plusSeconds(5));
            QueuedTicket p1DueSoon = new QueuedTicket(UUID.randomUUID(), Tier.L1, "x", Priority.P1, T0.plusSeconds(600),
                    T0.plusSeconds(8));
            QueuedTicket p2Young = new QueuedTicket(UUID.randomUUID(), Tier.L1, "x", Priority.P2, null, T0.plusSeconds(1));
            List<QueuedTicket> queue = new ArrayList<>(List.of(p2Young, p1NoSla, p2Old, p1DueLate, p1DueSoon));
            queue.sort(QueuedTicket.ORDER);
            assertThat(queue).containsExactly(p1DueSoon, p1DueLate, p1NoSla, p2Old, p2Young);
        }
    }

    @Nested
    class Lines {
        @Test
        void escalationGoesUpOneLineAtATime() {
            Escalation.checkEscalation(Tier.L1, Tier.L2, false);
            Escalation.checkEscalation(Tier.L3, Tier.L4, false);
            assertThatThrownBy(() -> Escalation.checkEscalation(Tier.L1, Tier.L3, false))
                    .isInstanceOf(EscalationRejected.class).hasMessageContaining("only a supervisor");
        }

        @Test
        void aSupervisorMaySkipALine() {
            Escalation.checkEscalation(Tier.L1, Tier.L3, true);
        }

        @Test
        void escalationNeverGoesDownOrSideways() {
            assertThatThrownBy(() -> Escalation.checkEscalation(Tier.L2, Tier.L1, true))
                    .isInstanceOf(EscalationRejected.class).hasMessageContaining("goes up");
            assertThatThrownBy(() -> Escalation.checkEscalation(Tier.L2, Tier.L2, true))
                    .isInstanceOf(EscalationRejected.class);
        }

        @Test
        void aReturnGoesToTheOwnersTier() {
            assertThat(Escalation.returnTarget(Tier.L3, Tier.L1)).isEqualTo(Tier.L1);
            assertThatThrownBy(() -> Escalation.returnTarget(Tier.L1, Tier.L1))
                    .isInstanceOf(EscalationRejected.class).hasMessageContaining("nothing to return");
        }

        @Test
        void aBreachMovesOneLineUpButNotBeyondTheVendor() {
            assertThat(Escalation.onBreach(Tier.L1)).contains(Tier.L2);
            assertThat(Escalation.onBreach(Tier.L3)).contains(Tier.L4);
            assertThat(Escalation.onBreach(Tier.L4)).isEmpty();
        }
    }

    @Nested
    class OnBreach {
        static final BreachPolicy BOTH = new BreachPolicy(true, true, Optional.of("duty-manager"));

        @Test
        void bothPoliciesMoveUpAndAlertTheAssigneesSupervisor() {
            BreachPolicy.Response r = BOTH.respond(new BreachPolicy.Ticket(RoutingState.ASSIGNED, Tier.L1, "sam", "olga"));
            assertThat(r.escalateTo()).contains(Tier.L2);
            assertThat(r.alert()).isTrue();
            assertThat(r.supervisor()).contains("sam");
        }

        @Test
        void withoutAnAssigneeSupervisorTheOwnersThenTheFallbackThenTheTierIsAlerted() {
            assertThat(BOTH.respond(new BreachPolicy.Ticket(RoutingState.QUEUED, Tier.L2, null, "olga")).supervisor())
                    .contains("olga");
            assertThat(BOTH.respond(new BreachPolicy.Ticket(RoutingState.QUEUED, Tier.L2, null, null)).supervisor())
                    .contains("duty-manager");
            BreachPolicy.Response tierWide = new BreachPolicy(true, true, Optional.empty())
                    .respond(new BreachPolicy.Ticket(RoutingState.QUEUED, Tier.L2, null, null));
            assertThat(tierWide.alert()).isTrue();
            assertThat(tierWide.supervisor()).isEmpty();
        }

        @Test
        void atTheVendorLineOnlyTheSupervisorIsAlerted() {
            BreachPolicy.Response r = BOTH.respond(new BreachPolicy.Ticket(RoutingState.ASSIGNED, Tier.L4, "sam", null));
            assertThat(r.escalateTo()).isEmpty();
            assertThat(r.alert()).isTrue();
        }

        @Test
        void eachPolicyCanBeSwitchedOffAlone() {
            BreachPolicy.Ticket ticket = new BreachPolicy.Ticket(RoutingState.ASSIGNED, Tier.L1, "sam", null);
            BreachPolicy.Response functionalOnly = new BreachPolicy(true, false, Optional.empty()).respond(ticket);
            assertThat(functionalOnly.escalateTo()).contains(Tier.L2);
            assertThat(functionalOnly.alert()).isFalse();
            BreachPolicy.Response hierarchicalOnly = new BreachPolicy(false, true, Optional.empty()).respond(ticket);
            assertThat(hierarchicalOnly.escalateTo()).isEmpty();
            assertThat(hierarchicalOnly.alert()).isTrue();
            assertThat(new BreachPolicy(false, false, Optional.empty()).respond(ticket))
                    .isEqualTo(BreachPolicy.Response.NOTHING);
        }

        @Test
        void aTicketThatIsNotInWorkIsLeftAlone() {
            for (RoutingState state : List.of(RoutingState.INACTIVE, RoutingState.CLOSED)) {
                assertThat(BOTH.respond(new BreachPolicy.Ticket(state, Tier.L1, "sam", "olga")))
                        .as(state.name()).isEqualTo(BreachPolicy.Response.NOTHING);
            }
        }
    }
}
