package com.linkwithmentor.deploy;

import static com.linkwithmentor.deploy.Manifests.FLEET;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.assertj.core.api.SoftAssertions;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The rendered NetworkPolicies, evaluated as the API defines them (a pod is isolated in a direction
 * once a policy selecting it names that direction; then only what some selecting policy's rule
 * allows gets through; policies add up): only the gateway is reachable from outside; each service
 * accepts traffic from the gateway and the services that call it (their URL variables, and
 * user-service from every service that checks tokens or asks for one) and from no other; each
 * reaches what it calls, PostgreSQL and Redis if it uses them, DNS, and the internet only on the
 * ports of the providers its configuration names.
 */
class NetworkPolicyTests {

    private static final Pattern HTTPS_DEFAULT = Pattern.compile("\\$\\{LWM_[A-Z0-9_]+:https://");

    /** Where a connection comes from or goes to; {@code namespaceLabels} null: the overlay's own namespace. */
    record Peer(String description, @Nullable Map<String, String> podLabels, @Nullable Map<String, String> namespaceLabels,
            @Nullable String address) {

        static Peer pod(String name, Map<String, String> labels) {
            return new Peer(name, labels, null, null);
        }

        static Peer elsewhere(String namespace, Map<String, String> labels) {
            return new Peer(namespace + "/" + labels, labels, Map.of("kubernetes.io/metadata.name", namespace), null);
        }

        static Peer internet(String address) {
            return new Peer("internet " + address, null, null, address);
        }
    }

    @TestFactory
    Stream<DynamicTest> eachOverlaysPoliciesAllowWhatTheFleetNeedsAndNothingElse() {
        return Manifests.overlays().stream().map(overlay -> DynamicTest.dynamicTest(overlay, () -> check(overlay)));
    }

    private void check(String overlay) {
        List<ObjectNode> policies = Manifests.ofKind(overlay, "NetworkPolicy");
        SoftAssertions soft = new SoftAssertions();
        soft.assertThat(policies).as("a default-deny policy for every pod, both directions").anySatisfy(policy -> {
            assertThat(policy.path("spec").path("podSelector").isEmpty()).isTrue();
            assertThat(KubernetesManifestsTests.texts(policy.path("spec").path("policyTypes"))).containsExactlyInAnyOrder("Ingress", "Egress");
            assertThat(policy.path("spec").path("ingress").isEmpty() && policy.path("spec").path("egress").isEmpty()).isTrue();
        });

        Map<String, Peer> pods = new LinkedHashMap<>();
        for (Fleet.Service service : Manifests.deployed(overlay)) {
            pods.put(service.name(), Peer.pod(service.name(), Manifests.podLabels(Manifests.find(overlay, "Deployment", service.name()))));
        }
        Peer internet = Peer.internet("203.0.113.7");
        Peer otherNamespace = Peer.elsewhere("default", Map.of("app", "curious"));
        Peer monitoring = Peer.elsewhere("monitoring", Map.of("app.kubernetes.io/name", "prometheus"));
        Peer dns = Peer.elsewhere("kube-system", Map.of("k8s-app", "kube-dns"));

        for (Fleet.Service service : Manifests.deployed(overlay)) {
            Peer self = pods.get(service.name());
            List<Integer> ports = new ArrayList<>(List.of(service.port()));
            if (service.socketPort() != null) {
                ports.add(service.socketPort());
            }
            boolean edge = service.name().equals("gateway-service");
            // Ingress: the gateway and the callers, nobody else (the edge takes anyone).
            for (Fleet.Service other : Manifests.deployed(overlay)) {
                if (other.equals(service) || edge) {
                    continue;
                }
                boolean caller = FLEET.callers(service).contains(other);
                boolean allowed = allows(policies, self, "Ingress", pods.get(other.name()), "TCP", service.port());
                soft.assertThat(allowed).as("%s: %s -> %s:%d ingress (%s)", overlay, other.name(), service.name(), service.port(),
                        caller ? "it calls it" : "it does not call it").isEqualTo(caller);
                if (caller) {
                    soft.assertThat(allows(policies, pods.get(other.name()), "Egress", self, "TCP", service.port()))
                            .as("%s: %s -> %s:%d egress", overlay, other.name(), service.name(), service.port()).isTrue();
                }
                if (!caller && service.socketPort() != null) {
                    soft.assertThat(allows(policies, self, "Ingress", pods.get(other.name()), "TCP", service.socketPort()))
                            .as("%s: %s -> %s socket port", overlay, other.name(), service.name()).isFalse();
                }
            }
            if (service.socketPort() != null && pods.containsKey("gateway-service")) {
                soft.assertThat(allows(policies, self, "Ingress", pods.get("gateway-service"), "TCP", service.socketPort()))
                        .as("%s: the gateway reaches %s's socket port", overlay, service.name()).isTrue();
            }
            for (int port : edge ? List.of(8080, 8443) : ports) {
                soft.assertThat(allows(policies, self, "Ingress", internet, "TCP", port))
                        .as("%s: the internet -> %s:%d/tcp", overlay, service.name(), port).isEqualTo(edge);
                soft.assertThat(allows(policies, self, "Ingress", otherNamespace, "TCP", port))
                        .as("%s: another namespace -> %s:%d/tcp", overlay, service.name(), port).isEqualTo(edge);
            }
            if (edge) {
                soft.assertThat(allows(policies, self, "Ingress", internet, "UDP", 8443)).as("%s: HTTP/3 on 8443/udp", overlay).isTrue();
            }
            soft.assertThat(allows(policies, self, "Ingress", monitoring, "TCP", service.port()))
                    .as("%s: Prometheus scrapes %s", overlay, service.name()).isTrue();

            // Egress: DNS; PostgreSQL and Redis only if used; the internet only on its providers' ports.
            soft.assertThat(allows(policies, self, "Egress", dns, "UDP", 53)).as("%s: %s -> DNS", overlay, service.name()).isTrue();
            Peer postgres = postgres(overlay);
            soft.assertThat(allows(policies, self, "Egress", postgres, "TCP", 5432))
                    .as("%s: %s -> PostgreSQL", overlay, service.name()).isEqualTo(FLEET.usesDatabase(service));
            Peer redis = redis(overlay);
            soft.assertThat(allows(policies, self, "Egress", redis, "TCP", 6379))
                    .as("%s: %s -> Redis", overlay, service.name()).isEqualTo(FLEET.usesRedis(service));
            boolean https = HTTPS_DEFAULT.matcher(FLEET.applicationYaml(service)).find() || FLEET.usesStorage(service);
            soft.assertThat(allows(policies, self, "Egress", internet, "TCP", 443))
                    .as("%s: %s -> the internet on 443 (its providers)", overlay, service.name()).isEqualTo(https);
            soft.assertThat(allows(policies, self, "Egress", internet, "TCP", 587))
                    .as("%s: %s -> an SMTP relay on 587", overlay, service.name()).isEqualTo(FLEET.usesSmtp(service));
            soft.assertThat(allows(policies, self, "Egress", internet, "TCP", 80)).as("%s: %s -> the internet on 80", overlay, service.name()).isFalse();
            for (Fleet.Service other : Manifests.deployed(overlay)) {
                boolean calls = FLEET.callees(service).contains(other)
                        || service.name().equals("payment-sandbox") && other.name().equals("payment-service");
                if (!other.equals(service) && !calls) {
                    soft.assertThat(allows(policies, self, "Egress", pods.get(other.name()), "TCP", other.port()))
                            .as("%s: %s -> %s egress (it does not call it)", overlay, service.name(), other.name()).isFalse();
                }
            }
        }
        if (overlay.equals("dev")) {
            Peer postgres = postgres(overlay);
            Peer redis = redis(overlay);
            for (Fleet.Service service : Manifests.deployed(overlay)) {
                soft.assertThat(allows(policies, postgres, "Ingress", pods.get(service.name()), "TCP", 5432))
                        .as("dev: PostgreSQL admits %s", service.name()).isEqualTo(FLEET.usesDatabase(service));
                soft.assertThat(allows(policies, redis, "Ingress", pods.get(service.name()), "TCP", 6379))
                        .as("dev: Redis admits %s", service.name()).isEqualTo(FLEET.usesRedis(service));
            }
            soft.assertThat(allows(policies, postgres, "Ingress", internet, "TCP", 5432)).as("dev: PostgreSQL from outside").isFalse();
        }
        soft.assertAll();
    }

    /** Where PostgreSQL runs: the dev overlay's pod, or prod's pooler in the data namespace. */
    private static Peer postgres(String overlay) {
        ObjectNode statefulSet = Manifests.find(overlay, "StatefulSet", "postgres");
        return statefulSet != null ? Peer.pod("postgres", Manifests.podLabels(statefulSet))
                : Peer.elsewhere("data", Map.of("cnpg.io/poolerName", "lwm-postgres-pooler"));
    }

    private static Peer redis(String overlay) {
        ObjectNode statefulSet = Manifests.find(overlay, "StatefulSet", "redis");
        return statefulSet != null ? Peer.pod("redis", Manifests.podLabels(statefulSet))
                : Peer.elsewhere("data", Map.of("app.kubernetes.io/name", "redis"));
    }

    /**
     * Whether traffic between {@code pod} (a pod of the overlay's namespace) and {@code peer} is
     * allowed in {@code direction} on the port, as far as {@code pod}'s side decides it.
     */
    static boolean allows(List<ObjectNode> policies, Peer pod, String direction, Peer peer, String protocol, int port) {
        boolean isolated = false;
        for (ObjectNode policy : policies) {
            JsonNode spec = policy.path("spec");
            if (!matches(spec.path("podSelector"), pod.podLabels()) || !types(spec).contains(direction)) {
                continue;
            }
            isolated = true;
            String namespace = policy.path("metadata").path("namespace").asText("");
            for (JsonNode rule : spec.path(direction.equals("Ingress") ? "ingress" : "egress")) {
                // An absent or empty from/to matches every peer; otherwise one of its entries must.
                JsonNode peers = rule.path(direction.equals("Ingress") ? "from" : "to");
                boolean peerMatches = peers.isEmpty();
                for (JsonNode candidate : peers) {
                    peerMatches |= peerMatches(candidate, peer, namespace);
                }
                if (peerMatches && portMatches(rule.path("ports"), protocol, port)) {
                    return true;
                }
            }
        }
        return !isolated;
    }

    private static boolean peerMatches(JsonNode candidate, Peer peer, String policyNamespace) {
        if (candidate.has("ipBlock")) {
            return peer.address() != null && inBlock(candidate.path("ipBlock"), peer.address());
        }
        if (peer.address() != null) {
            return false; // pod and namespace selectors select pods, not outside addresses
        }
        Map<String, String> namespace = peer.namespaceLabels() != null ? peer.namespaceLabels()
                : Map.of("kubernetes.io/metadata.name", policyNamespace);
        if (candidate.has("namespaceSelector")) {
            if (!matches(candidate.path("namespaceSelector"), namespace)) {
                return false;
            }
        }
        else if (!policyNamespace.equals(namespace.get("kubernetes.io/metadata.name"))) {
            return false; // a bare podSelector selects pods of the policy's own namespace only
        }
        return !candidate.has("podSelector") || matches(candidate.path("podSelector"), peer.podLabels());
    }

    private static List<String> types(JsonNode spec) {
        if (spec.has("policyTypes")) {
            return KubernetesManifestsTests.texts(spec.path("policyTypes"));
        }
        return spec.has("egress") ? List.of("Ingress", "Egress") : List.of("Ingress");
    }

    private static boolean peerMatches(JsonNode candidate, Peer peer) {
        if (candidate.has("ipBlock")) {
            return peer.address() != null && inBlock(candidate.path("ipBlock"), peer.address());
        }
        if (peer.address() != null) {
            return false;
        }
        boolean hasNamespaceSelector = candidate.has("namespaceSelector");
        if (hasNamespaceSelector) {
            Map<String, String> namespace = peer.namespaceLabels() != null ? peer.namespaceLabels() : Map.of();
            if (peer.namespaceLabels() == null) {
                return false; // a pod of our own namespace, whose labels these tests do not model
            }
            if (!matches(candidate.path("namespaceSelector"), namespace)) {
                return false;
            }
        }
        else if (peer.namespaceLabels() != null) {
            return false; // a bare podSelector selects pods of the policy's own namespace only
        }
        return !candidate.has("podSelector") || matches(candidate.path("podSelector"), peer.podLabels());
    }

    private static boolean portMatches(JsonNode ports, String protocol, int port) {
        if (ports.isMissingNode() || ports.isEmpty()) {
            return true;
        }
        for (JsonNode candidate : ports) {
            if (candidate.has("endPort") || candidate.path("port").isTextual()) {
                throw new AssertionError("named ports and port ranges in NetworkPolicies are not evaluated here: " + candidate);
            }
            if (candidate.path("protocol").asText("TCP").equals(protocol) && (!candidate.has("port") || candidate.path("port").asInt() == port)) {
                return true;
            }
        }
        return false;
    }

    private static boolean matches(JsonNode selector, @Nullable Map<String, String> labels) {
        if (selector.has("matchExpressions")) {
            throw new AssertionError("matchExpressions are not evaluated here: " + selector);
        }
        Map<String, String> actual = labels == null ? Map.of() : labels;
        boolean[] all = {true};
        selector.path("matchLabels").fields().forEachRemaining(entry -> all[0] &= entry.getValue().asText().equals(actual.get(entry.getKey())));
        return all[0];
    }

    private static boolean inBlock(JsonNode block, String address) {
        if (!inCidr(block.path("cidr").asText(), address)) {
            return false;
        }
        for (JsonNode except : block.path("except")) {
            if (inCidr(except.asText(), address)) {
                return false;
            }
        }
        return true;
    }

    private static boolean inCidr(String cidr, String address) {
        Matcher matcher = Pattern.compile("(\\d+)\\.(\\d+)\\.(\\d+)\\.(\\d+)/(\\d+)").matcher(cidr);
        if (!matcher.matches()) {
            throw new AssertionError("not an IPv4 CIDR: " + cidr);
        }
        long network = ipv4(matcher.group(1) + "." + matcher.group(2) + "." + matcher.group(3) + "." + matcher.group(4));
        int bits = Integer.parseInt(matcher.group(5));
        long mask = bits == 0 ? 0 : (0xffffffffL << (32 - bits)) & 0xffffffffL;
        return (ipv4(address) & mask) == (network & mask);
    }

    private static long ipv4(String address) {
        long value = 0;
        for (String part : address.split("\\.")) {
            value = value << 8 | Integer.parseInt(part);
        }
        return value;
    }
}
