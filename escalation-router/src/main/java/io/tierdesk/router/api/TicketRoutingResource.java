package io.tierdesk.router.api;

import io.tierdesk.rules.TierParam;
import io.tierdesk.eventing.domain.Limits;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import io.tierdesk.events.routing.Tier;
import io.tierdesk.eventing.domain.Rejection;
import io.tierdesk.router.application.Router;
import io.tierdesk.router.application.RoutingRepository;
import io.tierdesk.router.application.VendorCatalogue;
import io.tierdesk.router.application.FieldWork;
import io.tierdesk.router.application.FieldWorkRepository;
import io.tierdesk.router.domain.Visit;
import io.tierdesk.events.routing.VisitOutcome;
import io.tierdesk.events.routing.VisitPlace;
import java.time.Instant;
import io.tierdesk.events.routing.VendorCase;
import io.tierdesk.router.domain.RoutedTicket;
import io.tierdesk.eventing.store.StoredEvent;
import io.tierdesk.eventing.api.IdempotencyKeys;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.core.Response;
import java.util.function.BiFunction;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.hibernate.reactive.mutiny.Mutiny;
import io.tierdesk.events.ticket.Urgency;
import io.tierdesk.router.domain.Impact;

/**
 * One ticket's route: where it is (tier, queue position, owner, assignee, history), and moving it between the lines
 * by hand — escalation up, return down to the owner's line. One resource, because JAX-RS picks the root resource by
 * its longest path: a second class under /api/v1 could not serve /api/v1/tickets/{id}/routing.
 */
@Path("/api/v1/tickets/{ticketId}")
@RolesAllowed({"agent", "supervisor"})
public class TicketRoutingResource {
    /** To L4: {@code vendor} (an id of the catalogue) and the vendor's own {@code vendorCase} reference. */
    public record EscalationRequest(String targetTier, String reason, String note, String vendor, String vendorCase) {
    }

    public record VendorUpdateRequest(String message, Boolean resolved) {
    }

    public record VisitRequest(String place, String engineer, String from, String to, String address) {
    }

    public record RescheduleRequest(String engineer, String from, String to) {
    }

    public record CancelRequest(String reason) {
    }

    public record OutcomeRequest(String outcome, String note) {
    }

    public record RemoteSessionRequest(String tool, String reference) {
    }

    public record EndRequest(String summary) {
    }

    public record ReturnRequest(String note) {
    }

    public record TriageRequest(String impact, String urgency, String category) {
    }

    public record AssignmentRequest(String agentId) {
    }

    private final Mutiny.SessionFactory sessions;
    private final Router router;
    private final SecurityIdentity identity;
    private final RoutingRepository tickets;
    private final IdempotencyKeys keys;
    private final VendorCatalogue vendors;
    private final FieldWork fieldWork;
    private final FieldWorkRepository visits;

    public TicketRoutingResource(Mutiny.SessionFactory sessions, Router router, SecurityIdentity identity,
            RoutingRepository tickets, IdempotencyKeys keys, VendorCatalogue vendors, FieldWork fieldWork,
            FieldWorkRepository visits) {
        this.vendors = vendors;
        this.fieldWork = fieldWork;
        this.visits = visits;
        this.keys = keys;
        this.tickets = tickets;
        this.sessions = sessions;
        this.router = router;
        this.identity = identity;
    }

    public record TicketRoute(UUID ticketId, String tier, String priority, String owner, String assignee,
            String state, Integer queuePosition, List<StoredEvent<Object>> history) {
    }

    @GET
    @Path("routing")
    @RolesAllowed({"agent", "supervisor", "admin"})
    public Uni<TicketRoute> route(@PathParam("ticketId") UUID ticketId) {
        return sessions.withSession(session -> tickets.find(session, ticketId).chain(found -> {
            RoutedTicket t = found.orElseThrow(() -> Rejection.notFound("ticketId",
                    "the router has not seen ticket " + ticketId));
            return tickets.queuePosition(session, ticketId).chain(position -> tickets.history(session, ticketId)
                    .map(history -> new TicketRoute(ticketId, t.tier().name(), t.priority().name(), t.owner(),
                            t.assignee(), t.state().wireName(), position, history)));
        }));
    }

    /** L1 re-triages with what it learned; any field left out keeps its value. */
    @POST
    @Path("triage")
    public Uni<Response> triage(@PathParam("ticketId") UUID ticketId,
            @HeaderParam(IdempotencyKeys.HEADER) String key, TriageRequest request) {
        if (request == null) {
            throw Rejection.invalid("body", "is required");
        }
        Impact impact = Limits.parsed("impact", request.impact(),
                Impact::fromWire);
        Urgency urgency = Limits.parsed("urgency", request.urgency(),
                Urgency::fromWire);
        if (request.category() != null && (request.category().isBlank() || request.category().length() > 100)) {
            throw Rejection.invalid("category", "must be 1 to 100 characters");
        }
        boolean supervisor = identity.hasRole("supervisor");
        return once(ticketId, "triage", key, request, (session, by) -> router.retriage(session, ticketId, impact,
                urgency, request.category(), by, supervisor)
                .map(priority -> Map.of("ticketId", ticketId, "priority", priority)));
    }

    /**
     * Assigns the ticket to an agent of its tier ({@code agentId} omitted: the caller takes it). May put the agent
     * over capacity; automatic assignment then passes them by until they are below it.
     */
    @POST
    @Path("assignment")
    public Uni<Response> assign(@PathParam("ticketId") UUID ticketId,
            @HeaderParam(IdempotencyKeys.HEADER) String key, AssignmentRequest request) {
        String by = identity.getPrincipal().getName();
        String agentId = request == null || request.agentId() == null ? by : request.agentId();
        Limits.max("agentId", agentId, Limits.NAME);
        boolean supervisor = identity.hasRole("supervisor");
        if (!agentId.equals(by) && !supervisor) {
            throw Rejection.forbidden("assign-others", "agents take tickets for themselves; supervisors assign");
        }
        return once(ticketId, "assignment", key, request, (session, caller) -> router.assignManually(session,
                ticketId, agentId, caller, supervisor).replaceWith(Map.of("ticketId", ticketId, "assignee", agentId)));
    }

    @POST
    @Path("escalations")
    public Uni<Response> escalate(@PathParam("ticketId") UUID ticketId,
            @HeaderParam(IdempotencyKeys.HEADER) String key, EscalationRequest request) {
        if (request == null || request.reason() == null || request.reason().isBlank()) {
            throw Rejection.invalid("reason", "is required");
        }
        Limits.max("reason", request.reason(), Limits.SHORT_TEXT);
        Limits.max("note", request.note(), Limits.LONG_TEXT);
        Tier target = TierParam.parse(request.targetTier(), "targetTier", "must be L2, L3 or L4");
        if (target == Tier.L4) {
            Limits.required("vendor", request.vendor(), Limits.NAME);
            Limits.required("vendorCase", request.vendorCase(), Limits.NAME);
        } else if (request.vendor() != null || request.vendorCase() != null) {
            throw Rejection.invalid(request.vendor() != null ? "vendor" : "vendorCase",
                    "only an escalation to L4 names a vendor");
        }
        boolean supervisor = identity.hasRole("supervisor");
        return once(ticketId, "escalations", key, request, (session, by) -> (target != Tier.L4
                ? Uni.createFrom().<VendorCase>nullItem()
                : vendors.vendor(session, request.vendor()).map(found -> found.orElseThrow(() -> Rejection.invalid(
                        "vendor", "there is no vendor '" + request.vendor() + "' in the catalogue"))
                        .caseOf(request.vendorCase())))
                .chain(vendorCase -> router.escalate(session, ticketId, target, supervisor, request.reason(),
                        request.note(), by, vendorCase))
                .map(tier -> Map.of("ticketId", ticketId, "tier", tier)));
    }

    /** The vendor answered on the ticket's case at L4; {@code resolved}: the vendor says the fault is fixed. */
    @POST
    @Path("vendor-updates")
    public Uni<Response> vendorUpdate(@PathParam("ticketId") UUID ticketId,
            @HeaderParam(IdempotencyKeys.HEADER) String key, VendorUpdateRequest request) {
        if (request == null) {
            throw Rejection.invalid("message", "is required");
        }
        Limits.required("message", request.message(), Limits.LONG_TEXT);
        boolean resolved = Boolean.TRUE.equals(request.resolved());
        return created(ticketId, "vendor-updates", key, request, (session, by) -> router.recordVendorUpdate(session,
                ticketId, request.message(), resolved, by, supervisor()));
    }

    @POST
    @Path("returns")
    public Uni<Response> giveBack(@PathParam("ticketId") UUID ticketId,
            @HeaderParam(IdempotencyKeys.HEADER) String key, ReturnRequest request) {
        Limits.max("note", request == null ? null : request.note(), Limits.LONG_TEXT);
        boolean supervisor = identity.hasRole("supervisor");
        return once(ticketId, "returns", key, request, (session, by) -> router.giveBack(session, ticketId,
                request == null ? null : request.note(), by, supervisor)
                .map(tier -> Map.of("ticketId", ticketId, "tier", tier)));
    }

    /** Books an engineer: on site at the customer's address, or at the service centre. */
    @POST
    @Path("visits")
    public Uni<Response> scheduleVisit(@PathParam("ticketId") UUID ticketId,
            @HeaderParam(IdempotencyKeys.HEADER) String key, VisitRequest request) {
        if (request == null) {
            throw Rejection.invalid("place", "is required: on-site or service-centre");
        }
        VisitPlace place = Limits.parsed("place", Limits.required("place", request.place(), 50), VisitPlace::fromWire);
        FieldWork.Booking booking = new FieldWork.Booking(place, Limits.required("engineer", request.engineer(),
                Limits.NAME), instant("from", request.from()), instant("to", request.to()),
                Limits.max("address", request.address(), Limits.SHORT_TEXT));
        return created(ticketId, "visits", key, request, (session, by) -> fieldWork.schedule(session, ticketId,
                booking, by, supervisor()));
    }

    @GET
    @Path("visits")
    @RolesAllowed({"agent", "supervisor", "admin"})
    public Uni<List<Visit>> visits(@PathParam("ticketId") UUID ticketId) {
        return sessions.withSession(session -> visits.ofTicket(session, ticketId));
    }

    @POST
    @Path("visits/{visitId}/reschedule")
    public Uni<Response> reschedule(@PathParam("ticketId") UUID ticketId, @PathParam("visitId") UUID visitId,
            @HeaderParam(IdempotencyKeys.HEADER) String key, RescheduleRequest request) {
        if (request == null) {
            throw Rejection.invalid("from", "is required");
        }
        Limits.max("engineer", request.engineer(), Limits.NAME);
        Instant from = instant("from", request.from());
        Instant to = instant("to", request.to());
        return once(ticketId, "visits/" + visitId + "/reschedule", key, request, (session, by) -> fieldWork
                .reschedule(session, ticketId, visitId, request.engineer(), from, to, by, supervisor())
                .map(TicketRoutingResource::answer));
    }

    @POST
    @Path("visits/{visitId}/cancellation")
    public Uni<Response> cancel(@PathParam("ticketId") UUID ticketId, @PathParam("visitId") UUID visitId,
            @HeaderParam(IdempotencyKeys.HEADER) String key, CancelRequest request) {
        String reason = Limits.max("reason", request == null ? null : request.reason(), Limits.SHORT_TEXT);
        return once(ticketId, "visits/" + visitId + "/cancellation", key, request, (session, by) -> fieldWork
                .cancel(session, ticketId, visitId, reason, by, supervisor()).map(TicketRoutingResource::answer));
    }

    /** The engineer arrived (or took the equipment in): the visit has begun. */
    @POST
    @Path("visits/{visitId}/arrival")
    public Uni<Response> arrive(@PathParam("ticketId") UUID ticketId, @PathParam("visitId") UUID visitId,
            @HeaderParam(IdempotencyKeys.HEADER) String key) {
        return once(ticketId, "visits/" + visitId + "/arrival", key, null, (session, by) -> fieldWork
                .start(session, ticketId, visitId, by, supervisor()).map(TicketRoutingResource::answer));
    }

    @POST
    @Path("visits/{visitId}/outcome")
    public Uni<Response> outcome(@PathParam("ticketId") UUID ticketId, @PathParam("visitId") UUID visitId,
            @HeaderParam(IdempotencyKeys.HEADER) String key, OutcomeRequest request) {
        if (request == null) {
            throw Rejection.invalid("outcome", "is required: fixed, not-fixed or customer-absent");
        }
        VisitOutcome outcome = Limits.parsed("outcome", Limits.required("outcome", request.outcome(), 50),
                VisitOutcome::fromWire);
        String note = Limits.max("note", request.note(), Limits.LONG_TEXT);
        return once(ticketId, "visits/" + visitId + "/outcome", key, request, (session, by) -> fieldWork
                .complete(session, ticketId, visitId, outcome, note, by, supervisor())
                .map(TicketRoutingResource::answer));
    }

    /** An agent connects to the customer's machine: which tool, the tool's own session reference. */
    @POST
    @Path("remote-sessions")
    public Uni<Response> startRemote(@PathParam("ticketId") UUID ticketId,
            @HeaderParam(IdempotencyKeys.HEADER) String key, RemoteSessionRequest request) {
        String tool = Limits.required("tool", request == null ? null : request.tool(), 100);
        String reference = Limits.max("reference", request.reference(), Limits.NAME);
        return created(ticketId, "remote-sessions", key, request, (session, by) -> fieldWork.startRemote(session,
                ticketId, tool, reference, by, supervisor()));
    }

    @GET
    @Path("remote-sessions")
    @RolesAllowed({"agent", "supervisor", "admin"})
    public Uni<List<FieldWorkRepository.RemoteSession>> remoteSessions(@PathParam("ticketId") UUID ticketId) {
        return sessions.withSession(session -> visits.remoteSessions(session, ticketId));
    }

    @POST
    @Path("remote-sessions/{sessionId}/end")
    public Uni<Response> endRemote(@PathParam("ticketId") UUID ticketId, @PathParam("sessionId") UUID sessionId,
            @HeaderParam(IdempotencyKeys.HEADER) String key, EndRequest request) {
        String summary = Limits.max("summary", request == null ? null : request.summary(), Limits.LONG_TEXT);
        return once(ticketId, "remote-sessions/" + sessionId + "/end", key, request, (session, by) -> fieldWork
                .endRemote(session, ticketId, sessionId, summary, by, supervisor()).map(TicketRoutingResource::answer));
    }

    private boolean supervisor() {
        return identity.hasRole("supervisor");
    }

    private static Instant instant(String field, String value) {
        Limits.required(field, value, 50);
        try {
            return java.time.OffsetDateTime.parse(value).toInstant();
        } catch (java.time.DateTimeException e) {
            throw Rejection.invalid(field, "'" + value + "' is not an instant with its offset (2026-12-07T09:00:00+03:00)");
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> answer(Object value) {
        return io.tierdesk.events.EventJson.mapper().convertValue(value, Map.class);
    }

    /** As {@link #once}, answering 201 with what the command made. */
    private Uni<Response> created(UUID ticketId, String command, String key, Object request,
            BiFunction<Mutiny.Session, String, Uni<?>> make) {
        return once(ticketId, command, key, request, Response.Status.CREATED,
                (session, by) -> make.apply(session, by).map(TicketRoutingResource::answer));
    }

    @SuppressWarnings("unchecked")
    private static final Class<Map<String, Object>> ANSWER = (Class<Map<String, Object>>) (Class<?>) Map.class;

    /**
     * One move in one transaction, made by the caller; with an Idempotency-Key, a retry of the same request gets the
     * first answer.
     */
    private Uni<Response> once(UUID ticketId, String command, String key, Object request,
            BiFunction<Mutiny.Session, String, Uni<Map<String, Object>>> move) {
        return once(ticketId, command, key, request, Response.Status.OK, move);
    }

    private Uni<Response> once(UUID ticketId, String command, String key, Object request, Response.Status status,
            BiFunction<Mutiny.Session, String, Uni<Map<String, Object>>> move) {
        String by = identity.getPrincipal().getName();
        return sessions.withTransaction(session -> keys.once(session, key, by, "POST /tickets/" + ticketId + "/"
                        + command, request, ANSWER, () -> move.apply(session, by)))
                .map(outcome -> outcome.ok().status(status).build());
    }
}
