import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Predicate;

/**
 * The demo's story (`./tierdesk demo`): one ticket's whole life on the running platform, through the public APIs
 * only, each step printed with the events it caused as the topics carried them and with where to look. Beside it a
 * premium ticket nobody answers runs out its first response. Every run is a story of its own: the customers, the
 * channel events' ids and the threads carry the run's id, so a second run makes a second story.
 *
 * <p>The premium ticket's first response is made short by a demo version of the premium policy that is in force only
 * while that ticket opens: the clocks keep the version they started under, and the previous policy is saved again as
 * soon as the ticket's clocks have started (and, should anything fail, on the way out).
 */
public class Story {
    private static final Duration STEP = Duration.ofSeconds(Long.getLong("story.step-timeout", 60));
    /** The payload fields worth a glance, in the order they are printed. */
    private static final List<String> SALIENT = List.of("number", "plan", "channel", "urgency", "fromTier", "toTier",
            "tier", "priority", "impact", "category", "agentId", "owner", "by", "supervisorId", "reason", "clock",
            "threshold", "target", "dueAt", "kind", "audience", "recipient", "medium", "rating", "articleId",
            "articles", "solutionSummary", "question", "note");

    private final Platform platform = new Platform();
    private final Platform.Events events;
    private final String run;
    private final Instant began = Instant.now();

    Story(Platform.Events events) {
        this.events = events;
        this.run = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC).format(began) + "-"
                + HexFormat.of().toHexDigits((short) ThreadLocalRandom.current().nextInt(1 << 16));
    }

    public static void main(String[] args) throws Exception {
        try (Platform.Events events = new Platform().events()) {
            new Story(events).tell();
        } catch (Platform.Failed e) {
            System.out.println();
            System.out.println("demo FAILED: " + e.getMessage());
            System.exit(1);
        }
    }

    void tell() throws Exception {
        String console = "http://127.0.0.1:" + platform.base;
        say("Tierdesk demo — story " + run + " on " + console + " (the console; sign in as anna, pavel, …)");
        needDemoData();
        String peter = "story-" + run;
        String olga = "story-" + run + "-premium";
        customer(peter, "Peter Gibbons", "Initech", "en", "post-warranty");
        customer(olga, "Olga Ivanova", "ACME Ltd", "ru", "premium");
        say("customers " + peter + " (post-warranty, English) and " + olga + " (premium 24/7, Russian)");

        // The premium ticket first: its short first response runs out while the main story is told.
        Premium premium = openPremium(olga);

        step(1, "An e-mail from Peter Gibbons (post-warranty) reaches the mail gateway");
        JsonNode opened = channel("1", "tierdesk.channel.message.received", Map.of(
                "channel", "email",
                "customer", Map.of("externalId", peter, "name", "Peter Gibbons", "email", mailbox(peter),
                        "language", "en"),
                "subject", "Outlook keeps asking for my password",
                "body", "Since this morning Outlook shows the sign-in window every few minutes, "
                        + "although the password is right.",
                "diagnostics", Map.of("product", "Mail", "equipment", "Outlook on Windows 11",
                        "symptoms", "sign-in window every few minutes"),
                "urgency", "high"));
        String ticket = opened.path("ticketId").asText();
        String number = opened.path("number").asText();
        String reference = opened.path("reference").asText();
        expect(opened.path("outcome").asText().equals("created"), "the first message opens a ticket: " + opened);
        say("   → " + number + " opened (ticket " + ticket + "); the gateway keeps the reference for the customer's "
                + "answers");
        awaitEvent(ticket, "tierdesk.ticket.opened.v1");
        Platform.Seen receipt = awaitDelivery(ticket, "customer.receipt");
        show(ticket, "tierdesk.tickets", "tierdesk.notifications");
        String receiptSubject = mail(peter, receipt);
        say("   mail: \"" + receiptSubject + "\" in " + mailbox(peter) + "'s inbox (IMAP " + platform.mailHost + ":" + platform.imapPort
                + " with the address as login and password, or " + platform.mailWeb + "/api/user/" + mailbox(peter)
                + "/messages/)");
        expect(receiptSubject.contains(number), "the receipt names the number " + number);

        step(2, "Routing triages the ticket and an L1 agent takes it");
        Platform.Seen triaged = awaitEvent(ticket, "tierdesk.routing.triaged.v1");
        String l1 = agentOf(ticket, "L1", "mail", triaged);
        show(ticket, "tierdesk.routing", "tierdesk.sla");
        say("   " + l1 + " works on it at L1 (" + triaged.payload().path("priority").asText() + ") and stays the customer's "
                + "contact; their live stream: GET http://127.0.0.1:" + (platform.base + 5) + "/api/v1/streams/agents/" + l1);

        step(3, "The knowledge base suggests articles");
        awaitEvent(ticket, "tierdesk.knowledge.solutions-suggested.v1");
        JsonNode suggestions = platform.call("knowledge", "GET", "/api/v1/tickets/" + ticket + "/suggestions",
                platform.token("agent", l1), null);
        show(ticket, "tierdesk.knowledge");
        JsonNode articles = suggestions.path("articles");
        expect(articles.size() > 0, "the knowledge base suggests at least one article");
        for (int i = 0; i < Math.min(3, articles.size()); i++) {
            say("   " + (i + 1) + ". " + articles.get(i).path("title").asText());
        }
        String article = articles.get(0).path("articleId").asText();

        step(4, l1 + " asks the customer for information; the SLA clocks pause");
        platform.call("intake", "POST", "/api/v1/tickets/" + ticket + "/questions", platform.token("agent", l1),
                Map.of("question", "Does it happen in Outlook on the web too, or only in the desktop application?"));
        awaitEvent(ticket, "tierdesk.ticket.awaiting-customer.v1");
        awaitEvent(ticket, "tierdesk.sla.clock-paused.v1");
        Platform.Seen question = awaitDelivery(ticket, "customer.question");
        show(ticket);
        String questionSubject = mail(peter, question);
        say("   mail: \"" + questionSubject + "\"; SLA: " + clocks(ticket));

        step(5, "Peter answers by replying to that mail (threaded by the number in its subject)");
        JsonNode answered = channel("5", "tierdesk.channel.message.received", Map.of(
                "channel", "email",
                "customer", Map.of("externalId", peter, "name", "Peter Gibbons", "email", mailbox(peter),
                        "language", "en"),
                "subject", "Re: " + questionSubject,
                "body", "Only in the desktop application. Outlook on the web works."));
        expect(answered.path("ticketId").asText().equals(ticket), "the reply lands on " + number + ": " + answered);
        awaitEvent(ticket, "tierdesk.ticket.customer-message-received.v1");
        awaitEvent(ticket, "tierdesk.sla.clock-resumed.v1");
        show(ticket);
        say("   outcome " + answered.path("outcome").asText() + "; SLA: " + clocks(ticket));

        step(6, l1 + " escalates to L2 and stays the owner");
        platform.call("router", "POST", "/api/v1/tickets/" + ticket + "/escalations", platform.token("agent", l1), Map.of(
                "targetTier", "L2", "reason", "needs-expertise",
                "note", "Desktop client only; modern authentication suspected."));
        Platform.Seen toL2 = awaitEvent(ticket, "tierdesk.routing.escalated.v1", p -> "L2".equals(p.path("toTier").asText()));
        String l2 = agentOf(ticket, "L2", "mail", toL2);
        show(ticket);
        JsonNode route = routing(ticket);
        expect(l1.equals(route.path("owner").asText()), "the L1 agent stays the owner: " + route);
        say("   owner " + route.path("owner").asText() + ", assignee " + l2 + " at L2");

        step(7, "The supervisor sends it to the vendor line (L4) — the manufacturer's case — and it comes back");
        String vendorCase = "MS-" + run.substring(9).replace("-", "");
        platform.call("router", "POST", "/api/v1/tickets/" + ticket + "/escalations", platform.token("supervisor", "pavel"), Map.of(
                "targetTier", "L4", "reason", "vendor", "vendor", "microsoft", "vendorCase", vendorCase,
                "note", "Token refresh fails after the last client update."));
        Platform.Seen toL4 = awaitEvent(ticket, "tierdesk.routing.escalated.v1", p -> "L4".equals(p.path("toTier").asText()));
        say("   case " + vendorCase + " opened at Microsoft under its agreement: answer within "
                + toL4.payload().at("/vendor/agreement/response").asText() + ", fix within "
                + toL4.payload().at("/vendor/agreement/resolution").asText() + " — the vendor's clocks run beside the customer's");
        String l4 = agentOf(ticket, "L4", "mail", toL4);
        platform.call("router", "POST", "/api/v1/tickets/" + ticket + "/vendor-updates", platform.token("agent", l4), Map.of(
                "message", "Known defect, fixed by the client's update channel; re-enable modern authentication "
                        + "for the mailbox.", "resolved", true));
        awaitEvent(ticket, "tierdesk.routing.vendor-update-recorded.v1");
        awaitEvent(ticket, "tierdesk.sla.met.v1", p -> "vendor-resolution".equals(p.path("clock").asText()));
        say("   the vendor's answer is recorded on the ticket: both vendor clocks met");
        // Within the day: the confirmation goes, and no reminder (it would come after the booking's own mail).
        java.time.Instant soon = java.time.Instant.now().truncatedTo(java.time.temporal.ChronoUnit.HOURS);
        JsonNode visit = platform.call("router", "POST", "/api/v1/tickets/" + ticket + "/visits",
                platform.token("supervisor", "pavel"), Map.of("place", "on-site", "engineer", "dmitry",
                        "from", soon.plus(java.time.Duration.ofHours(3)).toString(),
                        "to", soon.plus(java.time.Duration.ofHours(5)).toString(),
                        "address", "Initech, 4120 Freidrich Lane, floor 3"));
        awaitEvent(ticket, "tierdesk.routing.visit-scheduled.v1");
        say("   an engineer is booked to reinstall the client on site: dmitry, " + visit.path("from").asText() + " to "
                + visit.path("to").asText() + "; the customer gets the confirmation (a visit booked further ahead also a reminder a day before)");
        String visitPath = "/api/v1/tickets/" + ticket + "/visits/" + visit.path("visitId").asText();
        platform.call("router", "POST", visitPath + "/arrival", platform.token("agent", "dmitry"), Map.of());
        platform.call("router", "POST", visitPath + "/outcome", platform.token("agent", "dmitry"),
                Map.of("outcome", "fixed", "note", "Client reinstalled from the vendor's update channel."));
        awaitEvent(ticket, "tierdesk.routing.visit-completed.v1");
        say("   dmitry arrives and records the outcome: fixed");
        platform.call("router", "POST", "/api/v1/tickets/" + ticket + "/returns", platform.token("agent", l4),
                Map.of("note", "Vendor answered (" + vendorCase + "); back to the owner."));
        Platform.Seen returned = awaitEvent(ticket, "tierdesk.routing.returned.v1");
        String back = agentOf(ticket, "L1", "mail", returned, l1);
        show(ticket);
        if (!back.equals(l1)) {
            platform.call("router", "POST", "/api/v1/tickets/" + ticket + "/assignment", platform.token("supervisor", "pavel"),
                    Map.of("agentId", l1));
            awaitEvent(ticket, Set.of("tierdesk.routing.assigned.v1"), p -> l1.equals(p.path("agentId").asText()),
                    returned);
            say("   " + back + " took it as the line's least loaded; supervisor pavel gives it back to its owner " + l1);
            show(ticket);
        }
        say("   the vendor's answer is on the ticket; " + l1 + " has it again at L1");

        step(8, l1 + " resolves it with the suggested article; Peter is asked whether it is solved");
        platform.call("intake", "POST", "/api/v1/tickets/" + ticket + "/resolution", platform.token("agent", l1), Map.of(
                "solutionSummary", "Re-enabled modern authentication for the mailbox and updated Outlook.",
                "articleId", article));
        awaitEvent(ticket, "tierdesk.ticket.resolved.v1");
        Platform.Seen solved = awaitDelivery(ticket, "customer.resolved");
        show(ticket);
        say("   mail: \"" + mail(peter, solved) + "\"");

        step(9, "Peter confirms the solution; the ticket closes and the survey goes out");
        JsonNode confirmed = channel("9", "tierdesk.channel.resolution.confirmed",
                Map.of("ticket", number, "reference", reference, "comment", "Works again, thank you."));
        expect(confirmed.path("outcome").asText().equals("recorded"), "the confirmation is recorded: " + confirmed);
        awaitEvent(ticket, "tierdesk.ticket.closed.v1");
        Platform.Seen survey = awaitDelivery(ticket, "customer.survey");
        show(ticket);
        say("   mail: \"" + mail(peter, survey) + "\"");

        step(10, "Peter rates the support");
        channel("10", "tierdesk.channel.satisfaction.submitted", Map.of("ticket", number, "reference", reference,
                "rating", 5, "comment", "Quick and clear."));
        awaitEvent(ticket, "tierdesk.ticket.satisfaction-rated.v1");
        show(ticket);
        say("   the ticket in the console: " + console + "/#/tickets/" + ticket);

        step(11, "Meanwhile nobody answered " + premium.number + " (premium, P1): its first response runs out");
        awaitEvent(premium.ticket, "tierdesk.sla.warning-reached.v1");
        awaitEvent(premium.ticket, "tierdesk.sla.breached.v1");
        Platform.Seen alerted = awaitEvent(premium.ticket, "tierdesk.routing.supervisor-alerted.v1");
        awaitEvent(premium.ticket, "tierdesk.routing.escalated.v1",
                p -> "sla-breached".equals(p.path("reason").asText()));
        show(premium.ticket);
        say("   supervisor " + alerted.payload().path("supervisorId").asText("(the line's)") + " alerted; the ticket moved "
                + "a line up. Supervisors' stream: GET http://127.0.0.1:" + (platform.base + 5) + "/api/v1/streams/supervisors");

        step(12, "The quality report for the story's tickets (opened since it began)");
        report();
        say("");
        say("demo done: " + number + " (ticket " + ticket + ") lived its whole life, " + premium.number + " (ticket "
                + premium.ticket + ") breached and was escalated.");
    }

    // ---------- the premium ticket ----------

    record Premium(String ticket, String number) {
    }

    private Premium openPremium(String olga) throws Exception {
        step(0, "A premium customer's database server fails; nobody will answer it (first response made 20 s)");
        String admin = platform.token("admin", "oleg");
        JsonNode policy = platform.call("sla", "GET", "/api/v1/policies/premium", admin, null);
        ObjectNode previous = Platform.JSON.createObjectNode();
        for (String field : List.of("calendar", "defaultPriority", "warnings", "targets")) {
            previous.set(field, policy.get(field));
        }
        ObjectNode demo = previous.deepCopy();
        ((ObjectNode) demo.get("targets")).properties()
                .forEach(t -> ((ObjectNode) t.getValue()).put("firstResponse", "PT20S"));
        JsonNode saved = platform.call("sla", "PUT", "/api/v1/policies/premium", admin, demo);
        try {
            JsonNode opened = channel("0", "tierdesk.channel.message.received", Map.of(
                    "channel", "email",
                    "customer", Map.of("externalId", olga, "name", "Olga Ivanova", "email", mailbox(olga),
                            "language", "ru"),
                    "subject", "Сервер базы данных не отвечает",
                    "body", "С 9:40 сервер базы данных не отвечает, склад не может отгружать заказы.",
                    "diagnostics", Map.of("product", "Database server"),
                    "urgency", "critical"));
            String ticket = opened.path("ticketId").asText();
            awaitEvent(ticket, "tierdesk.sla.clock-started.v1");
            JsonNode sla = platform.call("sla", "GET", "/api/v1/tickets/" + ticket + "/sla", admin, null);
            expect(sla.path("policyVersion").asLong() == saved.path("version").asLong(),
                    "the premium ticket's clocks run under the demo policy: " + sla);
            say("   → " + opened.path("number").asText() + " opened for " + olga + " under premium policy version "
                    + saved.path("version").asLong() + " (first response 20 s); left alone from now on");
            return new Premium(ticket, opened.path("number").asText());
        } finally {
            JsonNode restored = platform.call("sla", "PUT", "/api/v1/policies/premium", admin, previous);
            say("   premium policy restored as version " + restored.path("version").asLong()
                    + " (later premium tickets get the usual targets)");
        }
    }

    // ---------- reading what happened ----------

    /** Who works on the ticket on this line after {@code after}: as routing assigned it, else as a supervisor does. */
    private String agentOf(String ticket, String tier, String skill, Platform.Seen after) throws Exception {
        return agentOf(ticket, tier, skill, after, null);
    }

    private String agentOf(String ticket, String tier, String skill, Platform.Seen after, String preferred) throws Exception {
        Platform.Seen seen = awaitEvent(ticket, Set.of("tierdesk.routing.assigned.v1", "tierdesk.routing.queued.v1"),
                p -> tier.equals(p.path("tier").asText()), after);
        if (seen.type().equals("tierdesk.routing.assigned.v1")) {
            return seen.payload().path("agentId").asText();
        }
        // The line's agents are all busy: the supervisor hands the ticket to one who has the skill.
        JsonNode agents = platform.call("router", "GET", "/api/v1/agents?limit=1000", platform.token("supervisor", "pavel"), null);
        String chosen = preferred;
        for (JsonNode a : chosen != null ? List.<JsonNode>of() : Platform.iterable(agents)) {
            JsonNode profile = a.path("profile");
            if (tier.equals(profile.path("tier").asText())
                    && profile.path("skills").toString().contains("\"" + skill + "\"")) {
                chosen = a.path("agentId").asText();
                break;
            }
        }
        expect(chosen != null, "an agent on " + tier + " with the skill " + skill);
        say("   every " + tier + " agent is busy; supervisor pavel assigns " + chosen);
        platform.call("router", "POST", "/api/v1/tickets/" + ticket + "/assignment", platform.token("supervisor", "pavel"),
                Map.of("agentId", chosen));
        String who = chosen;
        awaitEvent(ticket, Set.of("tierdesk.routing.assigned.v1"), p -> who.equals(p.path("agentId").asText()), seen);
        return chosen;
    }

    private JsonNode routing(String ticket) throws Exception {
        return platform.call("router", "GET", "/api/v1/tickets/" + ticket + "/routing", platform.token("supervisor", "pavel"), null);
    }

    private String clocks(String ticket) throws Exception {
        JsonNode sla = platform.call("sla", "GET", "/api/v1/tickets/" + ticket + "/sla", platform.token("supervisor", "pavel"), null);
        List<String> parts = new ArrayList<>();
        for (JsonNode c : sla.path("clocks")) {
            parts.add(c.path("clock").asText() + " " + c.path("state").asText());
        }
        return String.join(", ", parts);
    }

    private Platform.Seen awaitDelivery(String ticket, String kind) throws Exception {
        return awaitEvent(ticket, Set.of("tierdesk.notification.delivered.v1"),
                p -> kind.equals(p.path("kind").asText()), null);
    }

    /** The mail a delivery sent, found in the customer's mailbox at the mail catcher by its Message-ID. */
    private String mail(String customer, Platform.Seen delivery) throws Exception {
        String messageId = "<" + delivery.payload().path("deliveryId").asText() + "@tierdesk>";
        URI inbox = URI.create(platform.mailWeb + "/api/user/" + URLEncoder.encode(mailbox(customer), StandardCharsets.UTF_8)
                + "/messages/");
        Instant until = Instant.now().plus(STEP);
        while (true) {
            HttpResponse<String> answer = platform.http.send(HttpRequest.newBuilder(inbox).timeout(Duration.ofSeconds(10))
                    .build(), HttpResponse.BodyHandlers.ofString());
            if (answer.statusCode() == 200) {
                for (JsonNode m : Platform.JSON.readTree(answer.body())) {
                    if (messageId.equals(m.path("Message-ID").asText())) {
                        return m.path("subject").asText();
                    }
                }
            }
            if (Instant.now().isAfter(until)) {
                throw new Platform.Failed("no mail " + messageId + " in " + mailbox(customer) + "'s inbox at " + platform.mailWeb);
            }
            Thread.sleep(200);
        }
    }

    private void report() throws Exception {
        String from = URLEncoder.encode(began.minusSeconds(1).toString(), StandardCharsets.UTF_8);
        // sla-monitor counts what the topics carried a moment ago: wait until the story's own facts are in — three
        // escalations, a breach, a rating — then print.
        Instant until = Instant.now().plus(STEP);
        JsonNode report;
        while (true) {
            report = platform.call("sla", "GET", "/api/v1/reports/quality?groupBy=plan&from=" + from,
                    platform.token("supervisor", "pavel"), null);
            JsonNode total = report.path("total");
            int escalations = 0;
            for (JsonNode e : total.path("escalations")) {
                escalations += e.path("count").asInt();
            }
            int breached = 0;
            for (JsonNode clock : Platform.iterable(total.path("sla"))) {
                breached += clock.path("breached").asInt();
            }
            if (escalations >= 3 && breached >= 1 && total.path("satisfaction").path("count").asInt() >= 1) {
                break;
            }
            if (Instant.now().isAfter(until)) {
                throw new Platform.Failed("the quality report did not count the story's escalations, breach and rating: "
                        + total);
            }
            Thread.sleep(200);
        }
        say(String.format("   %-14s %6s %8s %8s %12s %12s %6s %6s %6s", "plan", "opened", "resolved", "share",
                "1st resp p50", "resolve p50", "breach", "met", "rating"));
        for (JsonNode group : report.path("groups")) {
            row(group.path("key").asText(), group.path("figures"));
        }
        row("total", report.path("total"));
        JsonNode escalations = report.path("total").path("escalations");
        say("   escalations: " + escalations);
    }

    private void row(String key, JsonNode f) {
        int breached = 0;
        int met = 0;
        for (JsonNode clock : Platform.iterable(f.path("sla"))) {
            breached += clock.path("breached").asInt();
            met += clock.path("met").asInt();
        }
        say(String.format("   %-14s %6d %8d %8s %12s %12s %6d %6d %6s", key, f.path("opened").asInt(),
                f.path("resolved").asInt(), f.path("shareResolved").asText("-"),
                f.path("firstResponse").path("p50").asText("-"), f.path("resolution").path("p50").asText("-"),
                breached, met, f.path("satisfaction").path("average").asText("-")));
    }


    // ---------- the events ----------

    private Platform.Seen awaitEvent(String ticket, String type) throws Exception {
        return awaitEvent(ticket, Set.of(type), p -> true, null);
    }

    private Platform.Seen awaitEvent(String ticket, String type, Predicate<JsonNode> matching) throws Exception {
        return awaitEvent(ticket, Set.of(type), matching, null);
    }

    /** The first event of these types that matches, among those that came after {@code after} (any, when null). */
    private Platform.Seen awaitEvent(String ticket, Set<String> types, Predicate<JsonNode> matching, Platform.Seen after)
            throws Exception {
        long from = after == null ? -1 : after.seq();
        Platform.Seen seen = events.await(ticket, s -> s.seq() > from && types.contains(s.type()) && matching.test(s.payload()),
                STEP);
        if (seen == null) {
            show(ticket);
            throw new Platform.Failed("no " + String.join(" or ", types) + " for ticket " + ticket + " within "
                    + STEP.toSeconds() + " s");
        }
        return seen;
    }

    /** Prints the ticket's events not printed yet — of these topics only, when some are named. */
    private void show(String ticket, String... topics) {
        Set<String> only = Set.of(topics);
        for (Platform.Seen s : events.unshown(ticket, s -> only.isEmpty() || only.contains(s.topic()))) {
            say(String.format("     %-22s %-38s %s", s.topic(), shortType(s.type()), summary(s.payload())));
        }
    }

    private static String shortType(String type) {
        return type.replaceFirst("^tierdesk\\.", "").replaceFirst("\\.v\\d+$", "");
    }

    private static String summary(JsonNode payload) {
        StringBuilder out = new StringBuilder();
        for (String field : SALIENT) {
            JsonNode value = payload.get(field);
            if (value == null || value.isNull()) {
                continue;
            }
            String text = value.isValueNode() ? value.asText() : value.isArray() ? "[" + value.size() + "]" : "{…}";
            if (text.length() > 40) {
                text = text.substring(0, 39) + "…";
            }
            out.append(out.isEmpty() ? "" : " ").append(field).append('=').append(text);
        }
        return out.toString();
    }

    // ---------- calling the platform ----------

    private void needDemoData() throws Exception {
        HttpResponse<String> anna = platform.send("router", "GET", "/api/v1/agents/anna", platform.token("supervisor", "pavel"), null);
        if (anna.statusCode() != 200) {
            throw new Platform.Failed("the demo agents are missing: start the platform with its demo data "
                    + "(./tierdesk up, without TIERDESK_NO_DEMO)");
        }
    }

    private void customer(String id, String name, String organisation, String language, String plan)
            throws Exception {
        platform.call("intake", "PUT", "/api/v1/customers/" + id, platform.token("supervisor", "pavel"), Map.of("name", name,
                "email", mailbox(id), "organisation", organisation, "language", language, "plan", plan));
    }

    private static String mailbox(String customer) {
        return customer + "@example.com";
    }

    private JsonNode channel(String step, String type, Map<String, Object> data) throws Exception {
        ObjectNode event = Platform.JSON.createObjectNode();
        event.put("specversion", "1.0");
        event.put("id", "story-" + run + "-" + step);
        event.put("source", "/adapters/demo-adapters/story");
        event.put("type", type);
        event.set("data", Platform.JSON.valueToTree(data));
        HttpResponse<String> answer = platform.send("intake", "POST", "/api/v1/channel-events",
                platform.token("channel", "demo-adapters"), event, "application/cloudevents+json");
        return Platform.answered(answer, "POST intake/api/v1/channel-events " + type);
    }

    // ---------- telling ----------

    private static void step(int n, String what) {
        System.out.println();
        System.out.println(n + ". " + what);
    }

    private static void say(String line) {
        System.out.println(line);
    }

    private static void expect(boolean holds, String what) {
        if (!holds) {
            throw new Platform.Failed("expected " + what);
        }
    }

}
