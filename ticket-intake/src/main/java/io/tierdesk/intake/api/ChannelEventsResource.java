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
import io.tierdesk.events.channel.ChannelMessage;
import io.tierdesk.events.channel.CustomerAnswer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Locale;

/** Where channel adapters post what they received, as CloudEvents over HTTP (structured, binary or batch). */
@Path("/api/v1/channel-events")
@RolesAllowed("channel")
public class ChannelEventsResource {
    public static final String REPLAYED = "Idempotent-Replayed";
    static final int BATCH_CONCURRENCY = 8;

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

    /**
     * Each event in its own transaction, so one bad event does not reject its neighbours. Events about one
     * customer or one ticket keep the batch's order; different ones run side by side (at most
     * {@link #BATCH_CONCURRENCY}). The answer lists every event in the batch's order.
     */
    private Uni<Response> batch(byte[] body) {
        List<Object> parsed = HttpBinding.batch(body);
        BatchItem[] answers = new BatchItem[parsed.size()];
        Map<String, List<Integer>> lanes = new LinkedHashMap<>();
        List<Object> data = new ArrayList<>(parsed.size());
        for (int i = 0; i < parsed.size(); i++) {
            Object item = parsed.get(i);
            Object read;
            try {
                read = item instanceof CloudEvent event ? intake.read(event) : item;
            } catch (RuntimeException e) {
                if (IntakeProblems.of(e) == null) {
                    throw e;
                }
                read = e;
            }
            data.add(read);
            lanes.computeIfAbsent(lane(read, i), key -> new ArrayList<>()).add(i);
        }
        return Multi.createFrom().iterable(lanes.values())
                .onItem().transformToUni(lane -> inOrder(lane, parsed, data, answers)).merge(BATCH_CONCURRENCY)
                .collect().asList()
                .map(done -> Response.ok(List.of(answers)).build());
    }

    /** Events of one lane one after another. */
    private Uni<Void> inOrder(List<Integer> lane, List<Object> parsed, List<Object> data, BatchItem[] answers) {
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (int index : lane) {
            chain = chain.chain(() -> one(parsed.get(index), data.get(index)).invoke(item -> answers[index] = item))
                    .replaceWithVoid();
        }
        return chain;
    }

    /** Which events must keep their order: those about one ticket, or else of one customer. */
    private static String lane(Object data, int index) {
        if (data instanceof ChannelMessage message) {
            String number = ChannelIntake.firstNumber(message.threadRef(), message.subject());
            return number != null ? "ticket:" + number : "customer:" + message.customer().externalId();
        }
        if (data instanceof CustomerAnswer answer) {
            return "ticket:" + answer.ticket();
        }
        return "alone:" + index;
    }

    private Uni<BatchItem> one(Object parsed, Object data) {
        if (data instanceof Throwable failure) {
            return Uni.createFrom().item(failed(failure));
        }
        return intake.accept((CloudEvent) parsed, data)
                .map(receipt -> new BatchItem(status(receipt.answer()), receipt.answer(), null))
                .onFailure(e -> IntakeProblems.of(e) != null).recoverWithItem(ChannelEventsResource::failed);
    }

    private static BatchItem failed(Throwable e) {
        Problem problem = IntakeProblems.of(e);
        return new BatchItem(problem.status(), null, problem);
    }

    private static int status(ChannelAnswer answer) {
        return ChannelAnswer.CREATED.equals(answer.outcome().toLowerCase(Locale.ROOT)) ? 201 : 200;
    }
}
