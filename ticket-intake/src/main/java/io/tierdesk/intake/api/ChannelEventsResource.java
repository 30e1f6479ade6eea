package io.tierdesk.intake.api;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.tierdesk.events.CloudEvent;
import io.tierdesk.events.HttpBinding;
import io.tierdesk.events.InvalidEventException;
import io.tierdesk.eventing.api.Problem;
import io.tierdesk.intake.application.ChannelAnswer;
import io.tierdesk.intake.application.ChannelIntake;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Locale;

/** Where channel adapters post what they received, as CloudEvents over HTTP (structured, binary or batch). */
@Path("/api/v1/channel-events")
@RolesAllowed("channel")
public class ChannelEventsResource {
    public static final String REPLAYED = "Idempotent-Replayed";

    /** One entry of a batch answer: the status the event would have got alone, and its answer or problem. */
    public record BatchItem(int status, ChannelAnswer answer, Problem problem) {
    }

    private final ChannelIntake intake;

    public ChannelEventsResource(ChannelIntake intake) {
        this.intake = intake;
    }

    @POST
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    public Uni<Response> post(byte[] body, @Context HttpHeaders headers) {
        String contentType = headers.getHeaderString(HttpHeaders.CONTENT_TYPE);
        if (HttpBinding.isBatch(contentType)) {
            return batch(body);
        }
        CloudEvent event = HttpBinding.isStructured(contentType) ? HttpBinding.structured(body)
                : HttpBinding.binary(name -> headers.getHeaderString(name), contentType, body);
        Object data = intake.read(event);
        return intake.accept(event, data).map(receipt -> {
            Response.ResponseBuilder response = Response.status(status(receipt.answer())).entity(receipt.answer());
            return (receipt.replayed() ? response.header(REPLAYED, "true") : response).build();
        });
    }

    /** In order, each event in its own transaction: one bad event does not reject its neighbours. */
    private Uni<Response> batch(byte[] body) {
        List<Object> parsed = HttpBinding.batch(body);
        return Multi.createFrom().iterable(parsed)
                .onItem().transformToUniAndConcatenate(this::one)
                .collect().asList()
                .map(items -> Response.ok(items).build());
    }

    private Uni<BatchItem> one(Object parsed) {
        if (parsed instanceof InvalidEventException invalid) {
            return Uni.createFrom().item(failed(invalid));
        }
        CloudEvent event = (CloudEvent) parsed;
        try {
            Object data = intake.read(event);
            return intake.accept(event, data)
                    .map(receipt -> new BatchItem(status(receipt.answer()), receipt.answer(), null))
                    .onFailure(e -> IntakeProblems.of(e) != null).recoverWithItem(ChannelEventsResource::failed);
        } catch (RuntimeException e) {
            if (IntakeProblems.of(e) == null) {
                throw e;
            }
            return Uni.createFrom().item(failed(e));
        }
    }

    private static BatchItem failed(Throwable e) {
        Problem problem = IntakeProblems.of(e);
        return new BatchItem(problem.status(), null, problem);
    }

    private static int status(ChannelAnswer answer) {
        return ChannelAnswer.CREATED.equals(answer.outcome().toLowerCase(Locale.ROOT)) ? 201 : 200;
    }
}
