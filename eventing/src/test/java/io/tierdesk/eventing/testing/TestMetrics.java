package io.tierdesk.eventing.testing;

import static io.restassured.RestAssured.given;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads the application's Prometheus endpoint the way a scraper does. */
public final class TestMetrics {
    private TestMetrics() {
    }

    /** The sum of a counter or gauge over all its tags; 0 before it was first registered. */
    public static double sum(String name) {
        String body = given().get("/q/metrics").then().statusCode(200).extract().asString();
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(name) + "(\\{[^}]*\\})? ([0-9.eE+-]+)$").matcher(body);
        double sum = 0;
        while (m.find()) {
            sum += Double.parseDouble(m.group(2));
        }
        return sum;
    }
}
