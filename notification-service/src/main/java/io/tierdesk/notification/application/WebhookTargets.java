package io.tierdesk.notification.application;

import jakarta.enterprise.context.ApplicationScoped;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import java.util.Arrays;

/**
 * Where webhooks may point. A webhook is an admin's instruction to make this service call an address, so an address
 * inside the platform's own network (loopback, private, link-local, unique-local, shared or unspecified) is allowed
 * only when {@code tierdesk.notification.webhook.allowed-targets} lists it: a host name, {@code *.domain}, an
 * address or a network in CIDR form. Public addresses are allowed unless {@code public-targets} is false. Checked
 * when a webhook is saved and again, on the name's current addresses, before every send.
 */
@ApplicationScoped
public class WebhookTargets {
    /** A target refused, with the reason for the admin. */
    public record Refusal(String reason) {
    }

    private record Network(byte[] address, int prefix) {
        boolean contains(InetAddress candidate) {
            byte[] other = candidate.getAddress();
            if (other.length != address.length) {
                return false;
            }
            int bits = other.length * 8;
            BigInteger mask = prefix == 0 ? BigInteger.ZERO
                    : BigInteger.ONE.shiftLeft(bits).subtract(BigInteger.ONE)
                            .xor(BigInteger.ONE.shiftLeft(bits - prefix).subtract(BigInteger.ONE));
            return new BigInteger(1, other).and(mask).equals(new BigInteger(1, address).and(mask));
        }
    }

    private final List<String> hosts = new ArrayList<>();
    private final List<String> domains = new ArrayList<>();
    private final List<Network> networks = new ArrayList<>();
    private final boolean publicTargets;
    private final Vertx vertx;

    public WebhookTargets(Vertx vertx,
            @ConfigProperty(name = "tierdesk.notification.webhook.allowed-targets") Optional<List<String>> allowed,
            @ConfigProperty(name = "tierdesk.notification.webhook.public-targets", defaultValue = "true")
            boolean publicTargets) {
        this.publicTargets = publicTargets;
        this.vertx = vertx;
        for (String entry : allowed.orElse(List.of())) {
            String e = entry.strip().toLowerCase(Locale.ROOT);
            if (e.isEmpty()) {
                continue;
            }
            if (e.startsWith("*.")) {
                domains.add(e.substring(1));
            } else if (e.contains("/") || e.contains(":") || e.matches("[0-9.]+")) {
                networks.add(network(e));
            } else {
                hosts.add(e);
            }
        }
    }

    private static Network network(String entry) {
        String[] parts = entry.split("/", 2);
        try {
            byte[] address = InetAddress.getByName(parts[0]).getAddress();
            int prefix = parts.length == 2 ? Integer.parseInt(parts[1]) : address.length * 8;
            if (prefix < 0 || prefix > address.length * 8) {
                throw new IllegalArgumentException("prefix out of range");
            }
            return new Network(address, prefix);
        } catch (UnknownHostException | IllegalArgumentException e) {
            throw new IllegalArgumentException("tierdesk.notification.webhook.allowed-targets: '" + entry
                    + "' is no address or network", e);
        }
    }

    /** {@link #check} off the event loop (a name is resolved), answered on the caller's context. */
    public Uni<Optional<Refusal>> checked(URI url) {
        return vertx.executeBlocking(() -> check(url), false);
    }

    /** Whether the URL's host may be called, resolving a name (blocking); empty when it may. */
    public Optional<Refusal> check(URI url) {
        String host = url.getHost();
        if (host == null) {
            return Optional.of(new Refusal("no host"));
        }
        String name = host.toLowerCase(Locale.ROOT);
        if (name.startsWith("[") && name.endsWith("]")) {
            name = name.substring(1, name.length() - 1);
        }
        if (hosts.contains(name) || domains.stream().anyMatch(name::endsWith)) {
            return Optional.empty();
        }
        InetAddress[] addresses;
        try {
            addresses = InetAddress.getAllByName(name);
        } catch (UnknownHostException e) {
            return Optional.of(new Refusal("the host " + host + " does not resolve"));
        }
        for (InetAddress address : addresses) {
            boolean listed = networks.stream().anyMatch(n -> n.contains(address));
            if (listed) {
                continue;
            }
            if (internal(address)) {
                return Optional.of(new Refusal("the host " + host + " is an internal address (" + address
                        .getHostAddress() + "); an operator allows such targets in "
                        + "tierdesk.notification.webhook.allowed-targets"));
            }
            if (!publicTargets) {
                return Optional.of(new Refusal("the host " + host + " is not among the allowed targets"));
            }
        }
        return Optional.empty();
    }

    /** Addresses of the platform's own networks, or of none. */
    static boolean internal(InetAddress address) {
        if (address.isLoopbackAddress() || address.isAnyLocalAddress() || address.isLinkLocalAddress()
                || address.isSiteLocalAddress() || address.isMulticastAddress()) {
            return true;
        }
        byte[] b = address.getAddress();
        if (b.length == 4) {
            int first = b[0] & 0xff;
            int second = b[1] & 0xff;
            // 0.0.0.0/8, 100.64.0.0/10 (shared, carrier-grade NAT), 198.18.0.0/15 (benchmarking), 240.0.0.0/4.
            return first == 0 || first == 100 && second >= 64 && second < 128 || first == 198 && (second & 0xfe) == 18
                    || first >= 240;
        }
        // fc00::/7 unique-local; an IPv4-mapped address is judged as the IPv4 one.
        if ((b[0] & 0xfe) == 0xfc) {
            return true;
        }
        boolean mapped = true;
        for (int i = 0; i < 10; i++) {
            mapped &= b[i] == 0;
        }
        if (mapped && (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff) {
            try {
                return internal(InetAddress.getByAddress(Arrays.copyOfRange(b, 12, 16)));
            } catch (UnknownHostException e) {
                return true;
            }
        }
        return false;
    }
}
