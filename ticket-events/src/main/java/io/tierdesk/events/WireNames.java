package io.tierdesk.events;

import java.util.Arrays;
import java.util.Locale;

/** The JSON spelling of contract enums: lower case, words joined by '-' ({@code POST_WARRANTY} → {@code post-warranty}). */
public final class WireNames {
    private WireNames() {
    }

    public static String of(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** Parses a wire name; an unknown one is an {@link IllegalArgumentException} listing the allowed values. */
    public static <E extends Enum<E>> E parse(Class<E> type, String wire) {
        E[] constants = type.getEnumConstants();
        return Arrays.stream(constants).filter(c -> of(c).equals(wire)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown " + type.getSimpleName() + " '" + wire
                        + "'; allowed: " + Arrays.stream(constants).map(WireNames::of).toList()));
    }
}
