package dev.gait.serve;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gait.core.bundle.FleetBundle;
import dev.gait.core.bundle.FleetRelease;
import dev.gait.core.bundle.PolicyContent;
import dev.gait.core.digest.Digests;
import dev.gait.core.json.JsonArray;
import dev.gait.core.json.JsonObject;
import dev.gait.core.json.JsonReader;
import dev.gait.core.sign.Ed25519KeyPair;
import dev.gait.core.sign.LocalSigner;
import dev.gait.core.sign.Signer;
import dev.gait.serve.fleet.FleetOptions;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The sidecar following a control plane (a stand-in serving bundle bytes with ETag, 304 and long
 * polls): it blocks everything until a bundle verifies, enforces each new verified bundle from the
 * next request on, refuses bad bundles while the last good one keeps enforcing, keeps enforcing
 * when the control plane goes away, and restores the last good bundle from its cache at start.
 */
class FleetAgentTest {
    private static final String CREDENTIAL = "ep-secret-1";
    private static final OffsetDateTime T0 = OffsetDateTime.parse("2026-11-24T06:00:00Z");
    private static final String ALLOW_DELETE = SidecarFixture.POLICY.replace("effect: block, match: {tool_names: [tool.delete]}",
            "effect: allow, match: {tool_names: [tool.delete]}");

    @TempDir
    Path dir;
    private final Signer controlPlaneKey = new LocalSigner(Ed25519KeyPair.generate(new SecureRandom()));
    private final ControlPlaneStandIn controlPlane = new ControlPlaneStandIn(CREDENTIAL);
    private SidecarFixture sidecar;

    @AfterEach
    void stop() {
        if (sidecar != null) {
            sidecar.close();
        }
        controlPlane.close();
    }

    private FleetOptions fleet(String environment, String enforcementPoint) {
        return new FleetOptions(controlPlane.url(), "acme", environment, CREDENTIAL, List.of(controlPlaneKey.publicKey()), dir.resolve("cache"),
                Duration.ofSeconds(2), enforcementPoint);
    }

    private SidecarFixture start(FleetOptions fleet) {
        return new SidecarFixture(dir, o -> o, fleet);
    }

    private byte[] bundle(String environment, long sequence, String policy, Signer signer) {
        return bundle(environment, sequence, policy, null, false, signer);
    }

    private byte[] bundle(String environment, long sequence, String policy, JsonObject killSwitch, boolean leastPrivilege, Signer signer) {
        FleetRelease.Verified release = FleetRelease.verify(FleetRelease.sign(PolicyContent.of(policy, List.of(), killSwitch),
                new FleetRelease.Provenance("alice", "test", T0), signer), List.of(signer.publicKey()));
        return FleetBundle.sign(new FleetBundle.Draft("acme", environment, sequence, release, false, List.of(), leastPrivilege,
                T0.plusMinutes(sequence)), signer);
    }

    private byte[] bundle(long sequence, String policy) {
        return bundle("prod", sequence, policy, controlPlaneKey);
    }

    private JsonObject decide(String tool) {
        return sidecar.postJson("/v1/gate/evaluate", SidecarFixture.intent(tool));
    }

    private String verdict(String tool) {
        return decide(tool).string("verdict").orElseThrow();
    }

    private String metrics() {
        return sidecar.get("/metrics").body();
    }

    /** Waits for something the agent does in the background; fails after a generous bound, never asserts on speed. */
    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(20);
        }
    }

    private void awaitActivated(long sequence) throws InterruptedException {
        await("bundle " + sequence + " to be activated", () -> sidecar.log().contains("activated fleet bundle sequence=" + sequence + " "));
    }

    @Test
    void a_sidecar_that_never_had_a_bundle_blocks_every_call_with_a_signed_trace() throws Exception {
        sidecar = start(fleet("prod", ""));
        await("a poll answered 404", () -> sidecar.log().contains("no bundle published at"));
        for (String tool : List.of("tool.read", "tool.write", "tool.delete")) {
            JsonObject result = decide(tool);
            assertThat(result.string("verdict")).contains("block");
            assertThat(result.array("reason_codes").orElseThrow()).isEqualTo(JsonArray.ofStrings(List.of("fleet_bundle_unavailable")));
            assertThat(Path.of(result.string("trace_path").orElseThrow())).exists();
        }
        JsonObject health = SidecarFixture.json(sidecar.get("/healthz"));
        assertThat(health.string("status")).contains("degraded");
        assertThat(health.array("errors").orElseThrow().elements()).anySatisfy(e -> assertThat(e.toString()).contains("fleet_bundle_unavailable"));
        assertThat(metrics()).contains("gait_serve_fleet_fetch_errors_total ");
        assertThat(controlPlane.unauthorized.get()).isZero();
    }

    @Test
    void each_verified_bundle_decides_from_the_next_request_and_polls_are_conditional() throws Exception {
        controlPlane.publish("prod", bundle(1, SidecarFixture.POLICY));
        sidecar = start(fleet("prod", ""));
        awaitActivated(1);
        assertThat(verdict("tool.read")).isEqualTo("allow");
        assertThat(verdict("tool.delete")).isEqualTo("block");
        await("a conditional poll answered 304", () -> controlPlane.notModified.get() > 0);

        controlPlane.publish("prod", bundle(2, ALLOW_DELETE));
        awaitActivated(2);
        JsonObject next = decide("tool.delete");
        assertThat(next.string("verdict")).contains("allow");
        assertThat(next.string("policy_digest")).contains(dev.gait.core.gate.policy.Policy.parse(ALLOW_DELETE, "p").digest());
        assertThat(metrics()).contains("gait_serve_fleet_bundles_total{result=\"activated\",reason=\"\"} 2")
                .contains("gait_serve_fleet_bundle_info{digest=\"" + Digests.sha256Hex(bundle(2, ALLOW_DELETE)) + "\",sequence=\"2\"} 1");
        assertThat(Files.readAllBytes(dir.resolve("cache/bundle.json"))).isEqualTo(bundle(2, ALLOW_DELETE));
    }

    @Test
    void the_kill_switch_and_least_privilege_travel_with_the_policy() throws Exception {
        controlPlane.publish("prod", bundle(1, ALLOW_DELETE));
        sidecar = start(fleet("prod", ""));
        awaitActivated(1);
        String highRiskDelete = SidecarFixture.intent("tool.delete").replace("\"risk_class\":\"low\"", "\"risk_class\":\"high\"");
        assertThat(sidecar.postJson("/v1/gate/evaluate", highRiskDelete).string("verdict")).contains("allow");

        JsonObject killSwitch = JsonReader.strict().readObject("""
                {"schema_id":"gait.gate.kill_switch_state","schema_version":"1.0.0","entries":[
                 {"entry_id":"ks_read","created_at":"2026-11-24T05:00:00Z","enabled":true,"tool_name":"tool.read"}]}
                """.getBytes(StandardCharsets.UTF_8));
        controlPlane.publish("prod", bundle("prod", 2, ALLOW_DELETE, killSwitch, true, controlPlaneKey));
        awaitActivated(2);
        JsonObject read = decide("tool.read");
        assertThat(read.string("verdict")).contains("block");
        assertThat(read.array("reason_codes").orElseThrow().elements()).anySatisfy(c -> assertThat(c.toString()).contains("kill_switch_active"));
        JsonObject delete = sidecar.postJson("/v1/gate/evaluate", highRiskDelete);
        assertThat(delete.string("verdict")).contains("block");
        assertThat(delete.array("reason_codes").orElseThrow().elements()).anySatisfy(c -> assertThat(c.toString()).contains("broker_credential_required"));
        assertThat(verdict("tool.delete")).isEqualTo("allow");
    }

    @Test
    void bad_bundles_are_refused_and_the_last_good_one_keeps_enforcing() throws Exception {
        controlPlane.publish("prod", bundle(2, SidecarFixture.POLICY));
        sidecar = start(fleet("prod", ""));
        awaitActivated(2);

        byte[] tampered = bundle(3, ALLOW_DELETE);
        JsonObject document = JsonReader.strict().readObject(tampered);
        String sig = document.object("signature").orElseThrow().string("sig").orElseThrow();
        String brokenSig = (sig.charAt(0) == 'A' ? "B" : "A") + sig.substring(1);
        byte[] brokenSignature = new String(tampered, StandardCharsets.UTF_8).replace(sig, brokenSig).getBytes(StandardCharsets.UTF_8);
        List<byte[]> refused = List.of(
                brokenSignature,
                bundle("staging", 4, ALLOW_DELETE, controlPlaneKey),
                bundle(1, ALLOW_DELETE),
                bundle("prod", 5, ALLOW_DELETE, new LocalSigner(Ed25519KeyPair.generate(new SecureRandom()))));
        List<String> reasons = List.of("bad_signature", "wrong_environment", "rollback", "wrong_key");
        for (int i = 0; i < refused.size(); i++) {
            controlPlane.publish("prod", refused.get(i));
            String reason = reasons.get(i);
            await("refusal " + reason, () -> metrics().contains("gait_serve_fleet_bundles_total{result=\"refused\",reason=\"" + reason + "\"} 1"));
            assertThat(verdict("tool.delete")).isEqualTo("block");
            assertThat(verdict("tool.read")).isEqualTo("allow");
        }
        JsonObject health = SidecarFixture.json(sidecar.get("/healthz"));
        assertThat(health.string("status")).contains("degraded");
        assertThat(sidecar.log()).contains("refused fleet bundle from").contains("bundle 2 stays in force");
        assertThat(metrics()).contains("gait_serve_fleet_bundles_total{result=\"activated\",reason=\"\"} 1");
        assertThat(Files.readAllBytes(dir.resolve("cache/bundle.json"))).isEqualTo(bundle(2, SidecarFixture.POLICY));
    }

    @Test
    void with_the_control_plane_gone_the_sidecar_keeps_enforcing_and_a_restart_restores_the_cached_bundle() throws Exception {
        controlPlane.publish("prod", bundle(1, ALLOW_DELETE));
        sidecar = start(fleet("prod", ""));
        awaitActivated(1);
        controlPlane.close();
        await("a failed poll", () -> metrics().matches("(?s).*gait_serve_fleet_fetch_errors_total [1-9].*"));
        assertThat(verdict("tool.delete")).isEqualTo("allow");
        assertThat(verdict("tool.write")).isEqualTo("require_approval");

        sidecar.close();
        sidecar = start(fleet("prod", ""));
        assertThat(sidecar.log()).contains("activated fleet bundle sequence=1 ").contains("from cache");
        assertThat(verdict("tool.delete")).isEqualTo("allow");
    }

    @Test
    void a_tampered_cache_is_not_restored_and_the_sidecar_fails_closed() throws Exception {
        Files.createDirectories(dir.resolve("cache"));
        byte[] cached = bundle(1, ALLOW_DELETE);
        cached[cached.length / 2] ^= 0x01;
        Files.write(dir.resolve("cache/bundle.json"), cached);
        controlPlane.close();
        sidecar = start(fleet("prod", ""));
        assertThat(sidecar.log()).contains("refused fleet bundle from cache");
        assertThat(decide("tool.read").array("reason_codes").orElseThrow()).isEqualTo(JsonArray.ofStrings(List.of("fleet_bundle_unavailable")));
    }

    @Test
    void status_reports_name_the_active_bundle_and_decisions_and_a_404_changes_nothing() throws Exception {
        controlPlane.publish("prod", bundle(1, SidecarFixture.POLICY));
        sidecar = start(fleet("prod", "ep-7"));
        awaitActivated(1);
        verdict("tool.read");
        controlPlane.publish("prod", bundle(2, SidecarFixture.POLICY.replace("tool.read", "tool.list")));
        awaitActivated(2);
        String digest = Digests.sha256Hex(bundle(2, SidecarFixture.POLICY.replace("tool.read", "tool.list")));
        await("a status report for bundle 2", () -> controlPlane.statusReports.stream().anyMatch(r -> r.contains(digest)));
        JsonObject report = JsonReader.strict().readObject(controlPlane.statusReports.stream().filter(r -> r.contains(digest)).findFirst()
                .orElseThrow().getBytes(StandardCharsets.UTF_8));
        assertThat(report.string("schema_id")).contains("gait.fleet.status_report");
        assertThat(report.string("enforcement_point")).contains("ep-7");
        assertThat(report.string("environment")).contains("prod");
        assertThat(report.object("decisions").orElseThrow().get("allow")).isPresent();
        assertThat(verdict("tool.list")).isEqualTo("allow");
    }
}
