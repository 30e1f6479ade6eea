package io.tierdesk.intake.api;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.tierdesk.events.CloudEvent;
import io.tierdesk.events.HttpBinding;
import io.tierdesk.eventing.api.Problem;
import io.tierdesk.eventing.api.ProblemMappers;
import io.tierdesk.intake.application.BatchOpening;
import io.tierdesk.intake.application.BatchPlan;
import io.tierdesk.intake.application.ChannelAnswer;
import io.tierdesk.intake.application.ChannelIntake;
import io.quarkus.security.identity.SecurityIdentity;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jboss.logging.Logger;

/** Where channel adapters post what they received, as CloudEvents over HTTP (structured, binary or batch). */
@Path("/api/v1/channel-events")
@RolesAllowed("channel")
public class ChannelEventsResource {
    public static final String REPLAYED = "Idempotent-Replayed";
    static final int BATCH_CONCURRENCY = 8;
    private static final Logger LOG = Logger.getLogger(ChannelEventsResource.class);

    /** One entry of a batch answer: the status the event would have got alone, and its answer or problem. */
    public record BatchItem(int status, ChannelAnswer answer, Problem problem) {
    }

    private final ChannelIntake intake;
    private final BatchOpening opening;
    private final SecurityIdentity identity;

    public ChannelEventsResource(ChannelIntake intake, BatchOpening opening, SecurityIdentity identity) {
        this.intake = intake;
        this.opening = opening;
        this.identity = identity;
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
        Object data = intake.read(event, channel());
        return intake.accept(channel(), event, data).map(receipt -> {
            Response.ResponseBuilder response = Response.status(status(receipt.answer())).entity(receipt.answer());
            return (receipt.replayed() ? response.header(REPLAYED, "true") : response).build();
        });
    }

    /**
     * One bad event does not reject its neighbours, and the answer lists every event in the batch's order. Lanes of
     * messages that only open new tickets are written together in one transaction ({@link BatchOpening}); the other
     * lanes — and anything the joint write leaves out or fails on — run event by event, each in its own transaction,
     * events of one lane in order and lanes side by side (at most {@link #BATCH_CONCURRENCY}). See
     * {@link BatchPlan}.
     */
    private Uni<Response> batch(byte[] body) {
        List<Object> parsed = HttpBinding.batch(body);
        BatchItem[] answers = new BatchItem[parsed.size()];
        List<Object> data = new ArrayList<>(parsed.size());
        List<String> keys = new ArrayList<>(parsed.size());
        for (Object item : parsed) {
            Object read;
            try {
                read = item instanceof CloudEvent event ? intake.read(event, channel()) : item;
            } catch (RuntimeException e) {
                if (ProblemMappers.problemOf(e) == null) {
                    throw e;
                }
                read = e;
            }
            data.add(read);
            keys.add(read instanceof Throwable ? null
                    : ((CloudEvent) item).source() + "\u0000" + ((CloudEvent) item).id());
        }
        BatchPlan plan = BatchPlan.of(data, keys);
        return together(plan.together(), parsed, data, answers)
                .chain(leftOver -> {
                    List<List<Integer>> lanes = new ArrayList<>(plan.oneByOne());
                    lanes.addAll(leftOver);
                    return Multi.createFrom().iterable(lanes)
                            .onItem().transformToUni(lane -> inOrder(lane, parsed, data, answers))
                            .merge(BATCH_CONCURRENCY)
                            .collect().asList();
                })
                .map(done -> Response.ok(List.of(answers)).build());
    }

    /** Opens the new tickets together; answers the lanes still to run one by one. */
    private Uni<List<List<Integer>>> together(List<List<Integer>> lanes, List<Object> parsed, List<Object> data,
            BatchItem[] answers) {
        List<BatchOpening.Candidate> candidates = new ArrayList<>();
        // In batch order, so that ticket numbers follow it.
        lanes.stream().flatMap(List::stream).sorted().forEach(i -> candidates.add(
                new BatchOpening.Candidate(i, (CloudEvent) parsed.get(i), (ChannelMessage) data.get(i))));
        if (candidates.size() < 2) {
            return Uni.createFrom().item(lanes);
        }
        return opening.open(channel(), candidates)
                .map(opened -> {
                    opened.forEach((i, receipt) -> answers[i] = new BatchItem(status(receipt.answer()),
                            receipt.answer(), null));
                    return lanes.stream().map(lane -> lane.stream().filter(i -> !opened.containsKey(i)).toList())
                            .filter(lane -> !lane.isEmpty()).toList();
                })
                // Nothing was written: the same events take the one-by-one path, which answers each on its own.
                .onFailure().invoke(e -> LOG.warnf(e, "opening %d tickets together failed, accepting them one by one: %s",
                        candidates.size(), e.toString()))
                .onFailure().recoverWithItem(lanes);
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

    private Uni<BatchItem> one(Object parsed, Object data) {
        if (data instanceof Throwable failure) {
            return Uni.createFrom().item(failed(failure));
        }
        return intake.accept(channel(), (CloudEvent) parsed, data)
                .map(receipt -> new BatchItem(status(receipt.answer()), receipt.answer(), null))
                .onFailure(e -> ProblemMappers.problemOf(e) != null).recoverWithItem(ChannelEventsResource::failed);
    }

    private static BatchItem failed(Throwable e) {
        Problem problem = ProblemMappers.problemOf(e);
        return new BatchItem(problem.status(), null, problem);
    }

    private String channel() {
        return identity.getPrincipal().getName();
    }

    private static int status(ChannelAnswer answer) {
        return ChannelAnswer.CREATED.equals(answer.outcome().toLowerCase(Locale.ROOT)) ? 201 : 200;
    }
}
