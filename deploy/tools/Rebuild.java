import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * ./tierdesk rebuild [SERVICE [PROJECTION]]: each projection of the running services built again from its topics
 * beside the live one (POST /api/v1/projections/{name}/rebuilds) and compared row by row; prints each table's
 * counts and the first rows that differ, and exits 1 when any projection differs. SERVICE is a service's name
 * (ticket-intake) or short name (intake); without it, every service.
 */
final class Rebuild {
    private static final List<String> NAMES = List.of("ticket-intake", "escalation-router", "sla-monitor",
            "knowledge-service", "notification-service");

    public static void main(String[] args) throws Exception {
        try {
            List<String> services = args.length == 0 ? Platform.SERVICES : List.of(shortName(args[0]));
            String projection = args.length > 1 ? args[1] : null;
            System.exit(check(new Platform(), services, projection) == 0 ? 0 : 1);
        } catch (Platform.Failed e) {
            System.out.println("rebuild FAILED: " + e.getMessage());
            System.exit(1);
        }
    }

    private static String shortName(String service) {
        int full = NAMES.indexOf(service);
        if (full >= 0) {
            return Platform.SERVICES.get(full);
        }
        if (!Platform.SERVICES.contains(service)) {
            throw new Platform.Failed("no service " + service + "; one of " + NAMES);
        }
        return service;
    }

    /** Rebuilds and compares, printing each; how many projections differ from their rebuilt selves. */
    static int check(Platform platform, List<String> services, String only) throws Exception {
        String admin = platform.token("admin", "rebuild");
        int differing = 0;
        for (String service : services) {
            String name = NAMES.get(Platform.SERVICES.indexOf(service));
            List<String> projections = new ArrayList<>();
            if (only != null) {
                projections.add(only);
            } else {
                platform.call(service, "GET", "/api/v1/projections", admin, null).forEach(p -> projections.add(p.asText()));
            }
            for (String projection : projections) {
                String path = "/api/v1/projections/" + projection + "/rebuilds";
                // A rebuild reads every event of its topics: longer than a request's usual 30 s on years of them.
                JsonNode report = Platform.answered(platform.http.send(HttpRequest.newBuilder(platform.uri(service, path))
                        .timeout(Duration.ofMinutes(30)).header("Authorization", "Bearer " + admin)
                        .header("Accept", "application/json").POST(HttpRequest.BodyPublishers.noBody()).build(),
                        HttpResponse.BodyHandlers.ofString()), "POST " + service + path);
                boolean equal = report.path("equal").asBoolean();
                differing += equal ? 0 : 1;
                System.out.printf("%-21s %-13s %-9s %,7d events applied, %,d skipped (dead-lettered), %,d unreadable, "
                                + "%,d ms%n", name, projection, equal ? "EQUAL" : "DIFFERS", report.path("events").asLong(),
                        report.path("skipped").asLong(), report.path("unreadable").asLong(),
                        report.path("millis").asLong());
                for (JsonNode table : report.path("tables")) {
                    System.out.printf("    %-20s live %,7d  rebuilt %,7d  only live %,5d  only rebuilt %,5d%n",
                            table.path("table").asText(), table.path("live").asLong(), table.path("rebuilt").asLong(),
                            table.path("missing").asLong(), table.path("extra").asLong());
                    for (JsonNode row : table.path("missingRows")) {
                        System.out.println("      only live:    " + row);
                    }
                    for (JsonNode row : table.path("extraRows")) {
                        System.out.println("      only rebuilt: " + row);
                    }
                }
            }
        }
        return differing;
    }
}
