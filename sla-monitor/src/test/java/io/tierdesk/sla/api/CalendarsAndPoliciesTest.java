package io.tierdesk.sla.api;

import static io.tierdesk.testsupport.TestApi.as;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import io.tierdesk.testsupport.TierdeskInfra;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Calendars and policies over HTTP: defaults at first start, versions, and bad input refused with nothing changed. */
@QuarkusTest
@WithTestResource(TierdeskInfra.class)
class CalendarsAndPoliciesTest {
    static final String MOSCOW_OFFICE = """
            {"name": "Moscow office", "zone": "Europe/Moscow",
             "week": {"mon": [{"from": "09:00", "to": "13:00"}, {"from": "14:00", "to": "18:00"}],
                      "tue": [{"from": "09:00", "to": "18:00"}], "wed": [{"from": "09:00", "to": "18:00"}],
                      "thu": [{"from": "09:00", "to": "18:00"}], "fri": [{"from": "09:00", "to": "16:45"}],
                      "sat": [], "sun": []},
             "holidays": [{"date": "2027-01-07", "name": "Рождество", "yearly": true}],
             "workingDays": [{"date": "2027-11-06", "name": "перенос"}]}""";

    static RequestSpecification supervisor() {
        return as("sam", "supervisor");
    }

    @Test
    void aFreshInstallationHasTheBuiltInAndDefaultCalendarsAndAPolicyPerPlan() {
        as("anna", "agent").get("/api/v1/calendars").then().statusCode(200)
                .body("id", hasItems("24x7", "office"));
        as("anna", "agent").get("/api/v1/calendars/24x7").then().statusCode(200)
                .body("week.sun[0].to", equalTo("24:00"));
        as("anna", "agent").get("/api/v1/policies").then().statusCode(200)
                .body("plan", hasItems("warranty", "post-warranty", "premium", "self-service"));
        as("anna", "agent").get("/api/v1/policies/premium").then().statusCode(200)
                .body("calendar", equalTo("24x7")).body("targets.P1.firstResponse", equalTo("PT15M"));
        as("anna", "agent").get("/api/v1/policies/self-service").then().statusCode(200)
                .body("targets.P1.firstResponse", nullValue()).body("targets.P1.resolution", equalTo("PT40H"));
    }

    @Test
    void readinessSaysEveryPlanHasAPolicyOnAnExistingCalendar() {
        io.restassured.RestAssured.given().get("/q/health/ready").then().statusCode(200)
                .body("checks.find { it.name == 'sla-settings' }.status", equalTo("UP"))
                .body("checks.find { it.name == 'sla-settings' }.data.'plans with a policy'", equalTo(4));
    }

    @Test
    void everyChangeOfACalendarIsANewVersionAndReadsBackAsWritten() {
        String id = "moscow-" + UUID.randomUUID().toString().substring(0, 8);
        supervisor().body(MOSCOW_OFFICE).put("/api/v1/calendars/" + id).then().statusCode(200)
                .body("version", equalTo(1)).body("zone", equalTo("Europe/Moscow"))
                .body("week.mon[1].from", equalTo("14:00")).body("holidays[0].yearly", equalTo(true))
                .body("workingDays[0].hours", nullValue());
        supervisor().body(MOSCOW_OFFICE.replace("16:45", "17:00")).put("/api/v1/calendars/" + id).then()
                .statusCode(200).body("version", equalTo(2));
        as("anna", "agent").get("/api/v1/calendars/" + id).then().statusCode(200).body("version", equalTo(2))
                .body("week.fri[0].to", equalTo("17:00")).body("holidays[0].name", equalTo("Рождество"));
        as("anna", "agent").get("/api/v1/calendars/no-such").then().statusCode(404);
    }

    @Test
    void aBadCalendarIsRefusedNamingEachFieldAndTheOldOneStays() {
        String id = "kept-" + UUID.randomUUID().toString().substring(0, 8);
        supervisor().body(MOSCOW_OFFICE).put("/api/v1/calendars/" + id).then().statusCode(200);
        record Bad(String body, String field) {
        }
        for (Bad bad : new Bad[] {
                new Bad(MOSCOW_OFFICE.replace("Europe/Moscow", "Europe/Atlantis"), "zone"),
                new Bad(MOSCOW_OFFICE.replace("\"14:00\"", "\"12:00\""), "week.mon"),
                new Bad(MOSCOW_OFFICE.replace("\"16:45\"", "\"08:00\""), "week.fri[0]"),
                new Bad(MOSCOW_OFFICE.replace("\"13:00\"", "\"25:00\""), "week.mon[0].to"),
                new Bad(MOSCOW_OFFICE.replace("2027-01-07", "2027-13-07"), "holidays[0].date"),
                new Bad(MOSCOW_OFFICE.replace("\"sun\": []", "\"sunday\": []"), "week.sunday"),
                new Bad("{\"name\": \"Closed\", \"zone\": \"UTC\", \"week\": {\"mon\": []}}", "week")}) {
            supervisor().body(bad.body()).put("/api/v1/calendars/" + id).then().statusCode(400)
                    .contentType("application/problem+json").body("errors.field", hasItem(bad.field()));
        }
        as("anna", "agent").get("/api/v1/calendars/" + id).then().body("version", equalTo(1))
                .body("zone", equalTo("Europe/Moscow"));
        supervisor().body(MOSCOW_OFFICE).put("/api/v1/calendars/24x7").then().statusCode(409);
        supervisor().body(MOSCOW_OFFICE).put("/api/v1/calendars/Not_An_Id").then().statusCode(400)
                .body("errors.field", hasItem("id"));
    }

    /**
     * A calendar that cannot serve the targets counting on it is refused at save: less than an hour a week, or too
     * little for a policy's target within a year, whichever is saved second.
     */
    @Test
    void aCalendarThatCannotServeItsTargetsIsRefusedAtSave() {
        String calendar = "sparse-cal-" + UUID.randomUUID().toString().substring(0, 8);
        String halfHour = """
                {"name": "Sparse", "zone": "Europe/Moscow", "week": {"mon": [{"from": "09:00", "to": "09:30"}]}}""";
        supervisor().body(halfHour).put("/api/v1/calendars/" + calendar).then().statusCode(400)
                .contentType("application/problem+json").body("errors.field", hasItem("week"));
        String twoHours = halfHour.replace("09:30", "11:00");
        supervisor().body(twoHours).put("/api/v1/calendars/" + calendar).then().statusCode(200);
        // Two hours a week cannot give a P3 resolution of five working days (120 h) within a year.
        String policy = """
                {"calendar": "%s", "defaultPriority": "P3", "warnings": [0.75],
                 "targets": {"P1": {"firstResponse": "PT1H"}, "P3": {"resolution": "P5D"}}}""".formatted(calendar);
        supervisor().body(policy).put("/api/v1/policies/self-service").then().statusCode(400)
                .body("errors.field", hasItem("targets.P3.resolution"));
        // A calendar a policy counts on cannot be thinned below what that policy promises either.
        String office = "busy-cal-" + UUID.randomUUID().toString().substring(0, 8);
        supervisor().body(MOSCOW_OFFICE).put("/api/v1/calendars/" + office).then().statusCode(200);
        supervisor().body(policy.replace(calendar, office)).put("/api/v1/policies/self-service").then()
                .statusCode(200);
        supervisor().body(twoHours).put("/api/v1/calendars/" + office).then().statusCode(400)
                .body("errors.field", hasItem("week"));
        as("anna", "agent").get("/api/v1/calendars/" + office).then().body("version", equalTo(1));
    }

    @Test
    void aPolicyChangeIsANewVersionAndABadOneIsRefusedNamingEachField() {
        String calendar = "policy-cal-" + UUID.randomUUID().toString().substring(0, 8);
        supervisor().body(MOSCOW_OFFICE).put("/api/v1/calendars/" + calendar).then().statusCode(200);
        int before = as("anna", "agent").get("/api/v1/policies/post-warranty").then().statusCode(200).extract()
                .path("version");
        String policy = """
                {"calendar": "%s", "defaultPriority": "P3", "warnings": [0.5, 0.75],
                 "targets": {"P1": {"firstResponse": "PT30M", "nextReply": "PT1H", "resolution": "PT4H"},
                             "P2": {"firstResponse": "PT1H", "resolution": "PT8H"},
                             "P3": {"resolution": "P5D"}, "P4": {}}}""".formatted(calendar);
        supervisor().body(policy).put("/api/v1/policies/post-warranty").then().statusCode(200)
                .body("version", equalTo(before + 1)).body("targets.P2.nextReply", nullValue())
                .body("targets.P3.resolution", equalTo("PT120H")).body("warnings", hasItems(0.5f, 0.75f));

        record Bad(String body, String field) {
        }
        for (Bad bad : new Bad[] {
                new Bad(policy.replace(calendar, "nowhere"), "calendar"),
                new Bad(policy.replace("PT30M", "30 minutes"), "targets.P1.firstResponse"),
                new Bad(policy.replace("0.75", "1.5"), "warnings[1]"),
                new Bad(policy.replace("\"P4\": {}", "\"P5\": {}"), "targets.P5"),
                new Bad(policy.replace("\"defaultPriority\": \"P3\"", "\"defaultPriority\": \"urgent\""),
                        "defaultPriority"),
                new Bad(policy.replace("PT4H", "-PT4H"), "targets.P1.resolution")}) {
            supervisor().body(bad.body()).put("/api/v1/policies/post-warranty").then().statusCode(400)
                    .contentType("application/problem+json").body("errors.field", hasItem(bad.field()));
        }
        as("anna", "agent").get("/api/v1/policies/post-warranty").then().body("version", equalTo(before + 1))
                .body("calendar", equalTo(calendar)).body("calendar", not(equalTo("nowhere")));
        supervisor().body(policy).put("/api/v1/policies/gold").then().statusCode(404)
                .body("errors.field", hasItem("plan"));
    }
}
