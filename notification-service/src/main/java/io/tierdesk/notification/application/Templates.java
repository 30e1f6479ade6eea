package io.tierdesk.notification.application;

import io.quarkus.qute.Engine;
import io.quarkus.qute.TemplateException;
import io.quarkus.qute.Variant;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.tierdesk.eventing.store.SqlRows;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.hibernate.reactive.mutiny.Mutiny;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.qute.HtmlEscaper;
import io.quarkus.qute.IfSectionHelper;
import io.quarkus.qute.ValueResolvers;
import io.quarkus.qute.WhenSectionHelper;
import io.quarkus.qute.WithSectionHelper;
import io.quarkus.vertx.VertxContextSupport;
import java.util.Collections;
import org.jboss.logging.Logger;

/**
 * The notification templates (Qute), per kind and language: the defaults shipped in
 * {@code notification-templates/}, each replaceable by an admin. Every template is rendered against one model (see
 * {@link #model}); one that does not compile, or names a field the model does not have, is refused at save with the
 * line. HTML parts escape what they insert.
 *
 * <p>Admins write templates, so they are compiled by an engine of their own ({@link #sandbox()}), not the
 * application's: no namespace ({@code config:}, {@code inject:}, {@code cdi:}, {@code str:}), no method of any Java
 * object, no loop, include or eval — only the model's maps, conditions and {@code with}. Rendering is then linear in
 * the template's size, which is bounded ({@link #MAX_PART}).
 */
@ApplicationScoped
public class Templates {
    public static final List<String> LANGUAGES = List.of("ru", "en");
    private static final String DEFAULTS = "notification-templates/";

    /** One template: subject and plain text always, HTML for mail when it has one. */
    public record Template(String kind, String language, String subject, String text, String html, long version) {
    }

    /** What a template gave. */
    public record Rendered(String subject, String text, String html) {
    }

    /** A fault of a template, named by its part and line. */
    public record Fault(String field, String message) {
    }

    /** The longest text or HTML part an admin may save; subjects are one line of at most {@link #MAX_SUBJECT}. */
    public static final int MAX_PART = 20_000;
    public static final int MAX_SUBJECT = 500;
    /** Compiled templates kept: every kind in both languages with room for previews. */
    static final int CACHE_SIZE = 256;
    private static final Logger LOG = Logger.getLogger(Templates.class);

    private final Engine engine = sandbox();
    private final MeterRegistry metrics;
    private final Mutiny.SessionFactory sessions;
    private final List<String> kinds;
    private final Map<String, Template> defaults = new LinkedHashMap<>();
    /** Admins' versions, by kind and language. */
    private final Map<String, Template> changed = new ConcurrentHashMap<>();

    public Templates(Mutiny.SessionFactory sessions, MeterRegistry metrics) {
        this.metrics = metrics;
        this.sessions = sessions;
        this.kinds = resource("kinds.txt").lines().map(String::strip)
                .filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
        for (String kind : kinds) {
            for (String language : LANGUAGES) {
                String base = kind + "." + language;
                defaults.put(base, new Template(kind, language, resource(base + ".subject").strip(),
                        resource(base + ".txt"), optional(base + ".html"), 0));
            }
        }
    }

    void start(@Observes StartupEvent event) throws Throwable {
        VertxContextSupport.subscribeAndAwait(this::reload);
    }

    /** Reads the admins' templates again (at start, and for other replicas' saves: {@link SettingsRefresh}). */
    public Uni<Void> reload() {
        return sessions.withSession(session -> SqlRows.select(session,
                        "SELECT key, language, subject, text, html, version FROM notification_template"))
                .invoke(rows -> rows.forEach(r -> changed.put(r.text("key") + "." + r.text("language"),
                        new Template(r.text("key"), r.text("language"), r.text("subject"), r.text("text"),
                                r.text("html"), r.number("version")))))
                .replaceWithVoid();
    }

    public Set<String> kinds() {
        return Set.copyOf(kinds);
    }

    /** The template in force: the admin's, else the default; null for a kind or language that has none. */
    public Template find(String kind, String language) {
        String key = kind + "." + language;
        return changed.getOrDefault(key, defaults.get(key));
    }

    /** The template shipped with the service, whatever an admin saved; null for a kind or language without one. */
    public Template shipped(String kind, String language) {
        return defaults.get(kind + "." + language);
    }

    /**
     * Renders a kind in a language (the default language when it has none in that one). An admin's template that
     * fails on this notice's data gives way to the shipped one, so the notice still goes (and nobody else's is held
     * up); the fallback is logged and counted.
     */
    public Rendered render(String kind, String language, Map<String, Object> model) {
        Template template = find(kind, language);
        if (template == null) {
            template = find(kind, "en");
        }
        try {
            return render(template, model);
        } catch (TemplateException e) {
            Template shipped = shipped(template.kind(), template.language());
            if (shipped == null || shipped == template) {
                throw e;
            }
            LOG.warnf("template %s.%s version %d failed on a notice's data, the shipped one was used: %s",
                    template.kind(), template.language(), template.version(), e.getMessage());
            metrics.counter("tierdesk.notification.template.fallbacks", "kind", template.kind()).increment();
            return render(shipped, model);
        }
    }

    public Rendered render(Template template, Map<String, Object> model) {
        return new Rendered(oneLine(parsed(template.subject(), false).render(model)),
                parsed(template.text(), false).render(model),
                template.html() == null ? null : parsed(template.html(), true).render(model));
    }

    /**
     * Templates compiled once per text rather than once per notice, the least recently used dropped beyond
     * {@link #CACHE_SIZE} (previews and saves bring new texts).
     */
    private final Map<String, io.quarkus.qute.Template> compiled = Collections.synchronizedMap(
            new LinkedHashMap<>(64, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, io.quarkus.qute.Template> eldest) {
                    return size() > CACHE_SIZE;
                }
            });

    /** How many compiled templates are kept now: at most {@link #CACHE_SIZE}. */
    public int compiledCount() {
        return compiled.size();
    }

    private io.quarkus.qute.Template parsed(String content, boolean html) {
        String key = (html ? "html:" : "text:") + content;
        io.quarkus.qute.Template found = compiled.get(key);
        if (found == null) {
            found = compile(content, html);
            compiled.put(key, found);
        }
        return found;
    }

    private io.quarkus.qute.Template compile(String content, boolean html) {
        return html ? engine.parse(content, Variant.forContentType(Variant.TEXT_HTML)) : engine.parse(content);
    }

    /**
     * The engine admins' templates run in: conditions ({@code if}, {@code when}/{@code switch}) and {@code with}
     * over the model's maps, nothing else. Unknown names fail (strict rendering), HTML parts escape what they insert.
     */
    static Engine sandbox() {
        return Engine.builder()
                .addSectionHelper(new IfSectionHelper.Factory())
                .addSectionHelper(new WhenSectionHelper.Factory())
                .addSectionHelper(new WithSectionHelper.Factory())
                .addValueResolvers(ValueResolvers.mapResolver(),
                        ValueResolvers.thisResolver(), ValueResolvers.orResolver(),
                        ValueResolvers.orEmpty(), ValueResolvers.trueResolver(),
                        ValueResolvers.logicalAndResolver(),
                        ValueResolvers.logicalOrResolver(),
                        ValueResolvers.equalsResolver())
                .addResultMapper(new HtmlEscaper(List.of(Variant.TEXT_HTML)))
                .strictRendering(true)
                .removeStandaloneLines(true)
                .build();
    }

    /** Compiles each part and renders it against the sample model: every fault, with its line. */
    public List<Fault> check(String subject, String text, String html) {
        List<Fault> faults = new ArrayList<>();
        check(faults, "subject", subject, false);
        check(faults, "text", text, false);
        if (html != null) {
            check(faults, "html", html, true);
        }
        return faults;
    }

    private void check(List<Fault> faults, String field, String content, boolean html) {
        if (content == null || content.isBlank()) {
            faults.add(new Fault(field, "required"));
            return;
        }
        int limit = field.equals("subject") ? MAX_SUBJECT : MAX_PART;
        if (content.length() > limit) {
            faults.add(new Fault(field, "at most " + limit + " characters"));
            return;
        }
        try {
            compile(content, html).render(sample());
        } catch (TemplateException e) {
            int line = e.getOrigin() == null ? 0 : e.getOrigin().getLine();
            faults.add(new Fault(field, (line > 0 ? "line " + line + ": " : "") + e.getMessage()));
        }
    }

    /** Saves an admin's template (the caller checked it) and puts it in force here at once. */
    public Uni<Template> save(Mutiny.Session session, String kind, String language, String subject, String text,
            String html, String by, Instant at) {
        // A blank HTML part is none, here and after a restart alike.
        String htmlOrNone = html == null || html.isBlank() ? null : html;
        return SqlRows.first(session, """
                        INSERT INTO notification_template (key, language, subject, text, html, version, changed_by,
                            changed_at)
                        VALUES (?1, ?2, ?3, ?4, ?5, 1, ?6, ?7) ON CONFLICT (key, language) DO UPDATE SET
                            subject = EXCLUDED.subject, text = EXCLUDED.text, html = EXCLUDED.html,
                            version = notification_template.version + 1, changed_by = EXCLUDED.changed_by,
                            changed_at = EXCLUDED.changed_at
                        RETURNING version""", kind, language, subject, text, SqlRows.nullable(htmlOrNone, String.class), by, at)
                .map(row -> {
                    Template saved = new Template(kind, language, subject, text, htmlOrNone, row.number("version"));
                    changed.put(kind + "." + language, saved);
                    return saved;
                });
    }

    /**
     * The model every template is rendered against; absent values are empty. {@code message} is what the event
     * says: the reply, the question, the solution, the customer's message.
     */
    public static Map<String, Object> model(Map<String, Object> ticket, String customerName, String agentId,
            String message, Map<String, Object> sla, Map<String, Object> escalation, Map<String, Object> alert) {
        return model(ticket, customerName, agentId, message, sla, escalation, alert, visit("", "", "", "", ""));
    }

    /** The same with a visit: {@code visit.from}, {@code .to}, {@code .address}, {@code .place}, {@code .engineer}. */
    public static Map<String, Object> model(Map<String, Object> ticket, String customerName, String agentId,
            String message, Map<String, Object> sla, Map<String, Object> escalation, Map<String, Object> alert,
            Map<String, Object> visit) {
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("ticket", ticket);
        model.put("customer", Map.of("name", text(customerName)));
        model.put("agent", Map.of("id", text(agentId)));
        model.put("message", text(message));
        model.put("sla", sla);
        model.put("escalation", escalation);
        model.put("alert", alert);
        model.put("visit", visit);
        return model;
    }

    public static Map<String, Object> ticket(String id, String number, String subject, String channel, String tier) {
        return Map.of("id", text(id), "number", text(number), "subject", text(subject), "channel", text(channel),
                "tier", text(tier));
    }

    public static Map<String, Object> sla(String clock, String dueAt) {
        return Map.of("clock", text(clock), "dueAt", text(dueAt));
    }

    public static Map<String, Object> escalation(String toTier, String reason) {
        return Map.of("toTier", text(toTier), "reason", text(reason));
    }

    /** A visit's window as the customer reads it; {@code serviceCentre} is "true" for one at the service centre. */
    public static Map<String, Object> visit(String place, String from, String to, String address, String engineer) {
        return Map.of("place", text(place), "from", text(from), "to", text(to), "address", text(address),
                "engineer", text(engineer), "serviceCentre", "service-centre".equals(place) ? "true" : "");
    }

    public static Map<String, Object> alert(String reason, String detail) {
        return Map.of("reason", text(reason), "detail", text(detail));
    }

    /** A model with every field filled, for previews and for checking templates at save. */
    public static Map<String, Object> sample() {
        return model(ticket("6f1c1f2e-0000-4000-8000-000000000001", "TD-000123", "Принтер не печатает", "email", "L1"),
                "Анна Петрова", "anna", "Перезапустите службу печати.", sla("resolution", "2026-12-01T10:00:00Z"),
                escalation("L4", "vendor firmware defect"), alert("deadline near", "Nobody answered yet."),
                visit("on-site", "2026-12-07 10:00 UTC", "2026-12-07 12:00 UTC", "Tverskaya 1, Moscow", "igor"));
    }

    /** A subject is one line: line breaks from ticket data would open a way to inject mail headers. */
    static String oneLine(String text) {
        return text.replaceAll("[\\r\\n\\u0085\\u2028\\u2029]+", " ").strip();
    }

    private static String text(String value) {
        return value == null ? "" : value;
    }

    private static String resource(String name) {
        String found = optional(name);
        if (found == null) {
            throw new IllegalStateException("missing default template resource " + DEFAULTS + name);
        }
        return found;
    }

    private static String optional(String name) {
        try (InputStream in = Templates.class.getClassLoader().getResourceAsStream(DEFAULTS + name)) {
            return in == null ? null : new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
