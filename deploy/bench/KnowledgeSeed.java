import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Fills a knowledge-service with published articles through its API: the evaluation set's articles, repeated with a
 * distinguishing model number until there are as many as asked. Arguments: base URL, an agent's token, a kb-editor's
 * token, the articles file (JSON lines), the number of articles.
 */
public class KnowledgeSeed {
    private static final Pattern ID = Pattern.compile("\"articleId\"\\s*:\\s*\"([0-9a-f-]{36})\"");

    public static void main(String[] args) throws Exception {
        String base = args[0];
        List<String> lines = Files.readAllLines(Path.of(args[3])).stream().filter(l -> !l.isBlank()).toList();
        int count = Integer.parseInt(args[4]);
        HttpClient http = HttpClient.newHttpClient();
        for (int i = 0; i < count; i++) {
            // Translations are published as articles of their own here: the seed has no ids to link them by.
            String body = lines.get(i % lines.size()).replaceAll("\"translationOf\"\\s*:\\s*\"[^\"]*\"",
                    "\"translationOf\": null").replaceFirst("\\{", "{\"audience\": \"public\", \"tier\": \"L1\", ");
            if (i >= lines.size()) {
                body = body.replaceFirst("\"title\"\\s*:\\s*\"", "\"title\": \"M" + i + " ");
            }
            String created = send(http, base + "/api/v1/articles", args[1], body, 201);
            Matcher id = ID.matcher(created);
            if (!id.find()) {
                throw new IllegalStateException("no article id in " + created);
            }
            String transitions = base + "/api/v1/articles/" + id.group(1) + "/transitions";
            send(http, transitions, args[1], "{\"to\": \"in-review\"}", 200);
            send(http, transitions, args[2], "{\"to\": \"published\"}", 200);
        }
        System.err.printf("published %d articles%n", count);
    }

    private static String send(HttpClient http, String url, String token, String body, int expected)
            throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != expected) {
            throw new IllegalStateException(url + " answered " + response.statusCode() + ": " + response.body());
        }
        return response.body();
    }
}
