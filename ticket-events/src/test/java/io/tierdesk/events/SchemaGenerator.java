package io.tierdesk.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/**
 * Derives the JSON Schema of an event from its record. Which fields are required is learned from the record itself:
 * a component is required when the canonical constructor refuses null for it.
 */
final class SchemaGenerator {
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private SchemaGenerator() {
    }

    static ObjectNode schema(EventType<?> type) {
        ObjectNode schema = JSON.objectNode();
        schema.put("$schema", "https://json-schema.org/draft/2020-12/schema");
        schema.put("$id", "https://tierdesk.io/events/" + type.ceType() + ".schema.json");
        schema.put("title", type.javaType().getSimpleName());
        schema.put("x-ce-type", type.ceType());
        schema.put("x-topic", type.topic());
        schema.setAll(objectSchema(type.javaType()));
        return schema;
    }

    private static ObjectNode objectSchema(Class<?> record) {
        ObjectNode node = JSON.objectNode();
        node.put("type", "object");
        ObjectNode properties = node.putObject("properties");
        ArrayNode required = JSON.arrayNode();
        for (RecordComponent component : record.getRecordComponents()) {
            properties.set(component.getName(), typeSchema(component.getGenericType()));
            if (isRequired(record, component)) {
                required.add(component.getName());
            }
        }
        if (!required.isEmpty()) {
            node.set("required", required);
        }
        node.put("additionalProperties", true);
        return node;
    }

    private static JsonNode typeSchema(Type type) {
        if (type instanceof ParameterizedType p && p.getRawType() == List.class) {
            ObjectNode array = JSON.objectNode().put("type", "array");
            array.set("items", typeSchema(p.getActualTypeArguments()[0]));
            return array;
        }
        Class<?> c = (Class<?>) type;
        if (c == String.class) {
            return JSON.objectNode().put("type", "string");
        }
        if (c == UUID.class) {
            return JSON.objectNode().put("type", "string").put("format", "uuid");
        }
        if (c == Instant.class) {
            return JSON.objectNode().put("type", "string").put("format", "date-time");
        }
        if (c == int.class || c == long.class || c == Integer.class || c == Long.class) {
            return JSON.objectNode().put("type", "integer");
        }
        if (c == boolean.class || c == Boolean.class) {
            return JSON.objectNode().put("type", "boolean");
        }
        if (c == double.class || c == Double.class) {
            return JSON.objectNode().put("type", "number");
        }
        if (c.isEnum()) {
            ObjectNode e = JSON.objectNode().put("type", "string");
            ArrayNode values = e.putArray("enum");
            for (Object constant : c.getEnumConstants()) {
                values.add(EventJson.mapper().valueToTree(constant).asText());
            }
            return e;
        }
        if (c.isRecord()) {
            return objectSchema(c);
        }
        throw new IllegalArgumentException("no JSON Schema mapping for " + c);
    }

    private static boolean isRequired(Class<?> record, RecordComponent component) {
        if (component.getType().isPrimitive()) {
            return true;
        }
        Object[] args = validArguments(record);
        RecordComponent[] components = record.getRecordComponents();
        for (int i = 0; i < components.length; i++) {
            if (components[i].getName().equals(component.getName())) {
                args[i] = null;
            }
        }
        try {
            canonical(record).newInstance(args);
            return false;
        } catch (InvocationTargetException e) {
            return true;
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * A valid instance of any event record, built from sample values. Several components of one enum type get
     * different constants — ascending, or descending where the record wants them so (a return goes down the lines).
     */
    static Object sample(Class<?> record) {
        Object given = GIVEN_SAMPLES.get(record);
        if (given != null) {
            return given;
        }
        try {
            return canonical(record).newInstance(validArguments(record));
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot build a sample " + record.getSimpleName(), e);
        }
    }

    /** Records whose rules tie components together in ways sample values cannot meet by themselves. */
    private static final java.util.Map<Class<?>, Object> GIVEN_SAMPLES = java.util.Map.of(
            io.tierdesk.events.routing.VendorCase.Agreement.class,
            new io.tierdesk.events.routing.VendorCase.Agreement("PT4H", "P2D", "office"),
            io.tierdesk.events.routing.TicketEscalated.class,
            new io.tierdesk.events.routing.TicketEscalated(UUID.fromString("00000000-0000-4000-8000-000000000001"),
                    io.tierdesk.events.routing.Tier.L3, io.tierdesk.events.routing.Tier.L4, "sample", "sample",
                    "sample", Instant.parse("2026-01-02T03:04:05Z"), new io.tierdesk.events.routing.VendorCase(
                            "sample", "sample", "sample",
                            new io.tierdesk.events.routing.VendorCase.Agreement("PT4H", "P2D", "office"))),
            io.tierdesk.events.routing.VisitScheduled.class, new io.tierdesk.events.routing.VisitScheduled(
                    UUID.fromString("00000000-0000-4000-8000-000000000001"),
                    UUID.fromString("00000000-0000-4000-8000-000000000002"),
                    io.tierdesk.events.routing.VisitPlace.ON_SITE, "sample", Instant.parse("2026-01-02T09:00:00Z"),
                    Instant.parse("2026-01-02T11:00:00Z"), "sample", "sample", Instant.parse("2026-01-02T03:04:05Z")),
            io.tierdesk.events.routing.VisitRescheduled.class, new io.tierdesk.events.routing.VisitRescheduled(
                    UUID.fromString("00000000-0000-4000-8000-000000000001"),
                    UUID.fromString("00000000-0000-4000-8000-000000000002"), "sample",
                    Instant.parse("2026-01-02T09:00:00Z"), Instant.parse("2026-01-02T11:00:00Z"), "sample",
                    Instant.parse("2026-01-02T03:04:05Z")));

    private static Object[] validArguments(Class<?> record) {
        Object[] ascending = sampleArguments(record, false);
        try {
            canonical(record).newInstance(ascending);
            return ascending;
        } catch (InvocationTargetException refused) {
            return sampleArguments(record, true);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot build a sample " + record.getSimpleName(), e);
        }
    }

    private static Object[] sampleArguments(Class<?> record, boolean descending) {
        java.util.Map<Class<?>, Integer> seen = new java.util.HashMap<>();
        return Arrays.stream(record.getRecordComponents()).map(c -> {
            if (c.getType().isEnum()) {
                Object[] constants = c.getType().getEnumConstants();
                int n = seen.merge(c.getType(), 1, Integer::sum) - 1;
                return constants[descending ? constants.length - 1 - n : n];
            }
            return sampleValue(c.getGenericType());
        }).toArray();
    }

    private static Object sampleValue(Type type) {
        if (type instanceof ParameterizedType p && p.getRawType() == List.class) {
            return List.of(sampleValue(p.getActualTypeArguments()[0]));
        }
        Class<?> c = (Class<?>) type;
        if (c == String.class) {
            return "sample";
        }
        if (c == UUID.class) {
            return UUID.fromString("00000000-0000-4000-8000-000000000001");
        }
        if (c == Instant.class) {
            return Instant.parse("2026-01-02T03:04:05Z");
        }
        if (c == int.class || c == Integer.class) {
            return 3;
        }
        if (c == long.class || c == Long.class) {
            return 42L;
        }
        if (c == boolean.class || c == Boolean.class) {
            return true;
        }
        if (c == double.class || c == Double.class) {
            return 0.75;
        }
        if (c.isEnum()) {
            return c.getEnumConstants()[0];
        }
        if (c.isRecord()) {
            return sample(c);
        }
        throw new IllegalArgumentException("no sample value for " + c);
    }

    private static Constructor<?> canonical(Class<?> record) throws NoSuchMethodException {
        Class<?>[] types = Arrays.stream(record.getRecordComponents()).map(RecordComponent::getType)
                .toArray(Class<?>[]::new);
        return record.getDeclaredConstructor(types);
    }
}
