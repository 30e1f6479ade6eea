package io.tierdesk.intake.api;

import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import io.tierdesk.eventing.api.IdempotencyKeys;
import io.tierdesk.eventing.domain.Limits;
import io.tierdesk.eventing.domain.Rejection;
import io.tierdesk.events.ticket.Channel;
import io.tierdesk.events.ticket.Diagnostics;
import io.tierdesk.events.ticket.Urgency;
import io.tierdesk.intake.application.IntakeConfig;
import io.tierdesk.intake.application.IntakeValidation;
import io.tierdesk.intake.application.TicketRegistration;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import org.hibernate.reactive.mutiny.Mutiny;
import java.util.Arrays;

/** L1 registers a request that came by phone, at the desk or any other way, and stays its customer's contact. */
@Path("/api/v1/tickets")
@RolesAllowed({"agent", "supervisor"})
public class TicketRegistrationResource {
    /** The registration form as sent. */
    public record Registration(String channel, CustomerBody customer, String subject, String body, String urgency,
            Diagnostics diagnostics) {
    }

    public record CustomerBody(String externalId, String name, String email, String phone, String language) {
    }

    private final TicketRegistration registration;
    private final IdempotencyKeys keys;
    private final Mutiny.SessionFactory sessions;
    private final SecurityIdentity identity;
    private final IntakeConfig config;

    public TicketRegistrationResource(TicketRegistration registration, IdempotencyKeys keys,
            Mutiny.SessionFactory sessions, SecurityIdentity identity, IntakeConfig config) {
        this.registration = registration;
        this.keys = keys;
        this.sessions = sessions;
        this.identity = identity;
        this.config = config;
    }

    @POST
    public Uni<Response> register(@HeaderParam(IdempotencyKeys.HEADER) String key, Registration body) {
        TicketRegistration.Request request = checked(body);
        String agent = identity.getPrincipal().getName();
        return sessions.withTransaction(session -> keys.once(session, key, agent, "POST /tickets", body,
                        TicketRegistration.Registered.class, () -> registration.register(session, request, agent)))
                .map(once -> Response.created(URI.create("/api/v1/tickets/" + once.answer().ticketId()))
                        .entity(once.answer()).header(IdempotencyKeys.REPLAYED, once.replayed() ? "true" : null)
                        .build());
    }

    private TicketRegistration.Request checked(Registration body) {
        if (body == null) {
            throw Rejection.invalid("body", "a registration with channel, customer, subject and body is required");
        }
        Channel channel = Limits.parsed("channel", body.channel(), Channel::fromWire);
        if (channel == null) {
            throw Rejection.invalid("channel", "is required: " + Arrays.stream(Channel.values())
                    .map(Channel::wireName).toList());
        }
        CustomerBody c = body.customer();
        if (c == null) {
            throw Rejection.invalid("customer", "is required: name and language, and an e-mail or phone to reach them");
        }
        Limits.required("customer.name", c.name(), IntakeValidation.MAX_NAME);
        Limits.required("customer.language", c.language(), 10);
        if (!config.languages().contains(c.language())) {
            throw Rejection.invalid("customer.language", "must be one of " + config.languages().stream().sorted()
                    .toList());
        }
        Limits.max("customer.externalId", c.externalId(), IntakeValidation.MAX_REFERENCE);
        Limits.max("customer.email", c.email(), IntakeValidation.MAX_NAME);
        if (c.email() != null && !c.email().matches("[^@\\s]+@[^@\\s]+\\.[^@\\s]+")) {
            throw Rejection.invalid("customer.email", "is not an e-mail address");
        }
        Limits.max("customer.phone", c.phone(), 50);
        String subject = Limits.required("subject", body.subject(), IntakeValidation.MAX_SUBJECT);
        String text = Limits.required("body", body.body(), IntakeValidation.MAX_BODY);
        Urgency urgency = Limits.parsed("urgency", body.urgency(), Urgency::fromWire);
        Diagnostics diagnostics = body.diagnostics() == null ? Diagnostics.NONE : body.diagnostics();
        IntakeValidation.check(diagnostics);
        return new TicketRegistration.Request(channel, new TicketRegistration.Customer(blankToNull(c.externalId()),
                c.name().strip(),
                blankToNull(c.email()), blankToNull(c.phone()), c.language()), subject.strip(), text,
                urgency == null ? Urgency.MEDIUM : urgency, diagnostics);
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
