package dev.gait.serve;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gait.core.gate.policy.Policy;
import dev.gait.core.json.JsonObject;
import dev.gait.core.sign.Ed25519KeyPair;
import dev.gait.core.sign.GoKeyText;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Policy, key and kill-switch files swap in whole on the next request; a broken or half-written file never decides. */
class ReloadTest {
    private static final String ALLOW_DELETE = SidecarFixture.POLICY.replace("effect: block, match: {tool_names: [tool.delete]}",
            "effect: allow, match: {tool_names: [tool.delete]}");

    @TempDir
    Path dir;
    SidecarFixture fixture;

    @AfterEach
    void stop() {
        fixture.close();
    }

    private String verdict(String tool) {
        return fixture.postJson("/v1/gate/evaluate", SidecarFixture.intent(tool)).string("verdict").orElseThrow();
    }

    @Test
    void an_edited_policy_decides_the_very_next_request_and_the_digest_is_logged() throws Exception {
        fixture = new SidecarFixture(dir);
        assertThat(verdict("tool.delete")).isEqualTo("block");
        Files.writeString(fixture.policy, ALLOW_DELETE);
        JsonObject next = fixture.postJson("/v1/gate/evaluate", SidecarFixture.intent("tool.delete"));
        assertThat(next.string("verdict")).contains("allow");
        String digest = Policy.parse(ALLOW_DELETE, "p").digest();
        assertThat(next.string("policy_digest")).contains(digest);
        assertThat(fixture.log()).contains("reloaded policy " + fixture.policy + " policy_digest=" + digest + "\n");
    }

    @Test
    void a_broken_edit_keeps_the_previous_policy_and_health_reports_it_until_fixed() throws Exception {
        fixture = new SidecarFixture(dir);
        String before = fixture.sidecar.policyDigest();
        Files.writeString(fixture.policy, "default_verdict: allow\nrules: [ {name: oops\n");
        assertThat(verdict("tool.delete")).isEqualTo("block");
        assertThat(verdict("tool.read")).isEqualTo("allow");
        JsonObject health = SidecarFixture.json(fixture.get("/healthz"));
        assertThat(health.string("status")).contains("degraded");
        assertThat(health.string("policy_digest")).contains(before);
        assertThat(health.array("errors").orElseThrow().elements()).singleElement().asString().contains(fixture.policy.toString());
        assertThat(fixture.log()).contains("kept the previous policy; reload of " + fixture.policy + " failed");

        Files.writeString(fixture.policy, ALLOW_DELETE);
        assertThat(verdict("tool.delete")).isEqualTo("allow");
        assertThat(SidecarFixture.json(fixture.get("/healthz")).string("status")).contains("ok");
    }

    @Test
    void a_half_written_policy_never_decides_even_when_its_prefix_parses() throws Exception {
        fixture = new SidecarFixture(dir, o -> SidecarFixture.withFiles(o, null, null, Duration.ZERO, Duration.ofSeconds(1)));
        assertThat(verdict("tool.read")).isEqualTo("allow"); // the client's connection is open: the next request arrives at once
        // The complete new policy blocks deletes by rule; its first line alone is a valid policy that allows everything.
        String complete = "default_verdict: allow\nrules:\n"
                + "  - {name: block-delete, priority: 10, effect: block, match: {tool_names: [tool.delete]}, reason_codes: [destructive]}\n";
        String prefix = "default_verdict: allow\n";
        assertThat(Policy.parse(prefix, "prefix").rules()).isEmpty();

        Files.writeString(fixture.policy, prefix);
        CompletableFuture<JsonObject> during = CompletableFuture.supplyAsync(
                () -> fixture.postJson("/v1/gate/evaluate", SidecarFixture.intent("tool.delete")));
        Thread.sleep(300);
        assertThat(during).as("the request waits for the file to settle").isNotDone();
        Files.write(fixture.policy, complete.substring(prefix.length()).getBytes(StandardCharsets.UTF_8), StandardOpenOption.APPEND);

        JsonObject decided = during.get();
        assertThat(decided.string("verdict")).contains("block");
        assertThat(decided.string("policy_digest")).contains(Policy.parse(complete, "p").digest());
        assertThat(verdict("tool.delete")).isEqualTo("block");
        assertThat(fixture.log()).doesNotContain("policy_digest=" + Policy.parse(prefix, "p").digest());
    }

    @Test
    void a_rotated_key_signs_the_next_trace_and_a_kill_switch_edit_blocks_the_next_call() throws Exception {
        Path killSwitch = dir.resolve("kill_switch_state.json");
        Files.writeString(killSwitch, "{\"schema_id\":\"gait.gate.kill_switch_state\",\"schema_version\":\"1.0.0\",\"entries\":[]}");
        fixture = new SidecarFixture(dir, o -> SidecarFixture.withFiles(o, killSwitch, null, Duration.ZERO, Duration.ofMillis(100)));
        assertThat(verdict("tool.read")).isEqualTo("allow");

        Ed25519KeyPair rotated = Ed25519KeyPair.generate(new SecureRandom());
        Files.writeString(fixture.key, GoKeyText.encode(rotated.goPrivateKey()));
        JsonObject signed = fixture.postJson("/v1/gate/evaluate", SidecarFixture.intent("tool.read"));
        String trace = Files.readString(Path.of(signed.string("trace_path").orElseThrow()));
        assertThat(trace).contains("\"key_id\": \"" + rotated.keyId() + "\"");

        Files.writeString(killSwitch, "{\"schema_id\":\"gait.gate.kill_switch_state\",\"schema_version\":\"1.0.0\",\"entries\":["
                + "{\"entry_id\":\"ks-1\",\"created_at\":\"2026-01-01T00:00:00Z\",\"enabled\":true,\"tool_name\":\"tool.read\",\"reason\":\"incident\"}]}");
        assertThat(verdict("tool.read")).isEqualTo("block");

        // back to no entries, then an edit that does not load: it may have been the switch being turned on, so it blocks
        Files.writeString(killSwitch, "{\"schema_id\":\"gait.gate.kill_switch_state\",\"schema_version\":\"1.0.0\",\"entries\":[]}");
        assertThat(verdict("tool.read")).isEqualTo("allow");
        Files.writeString(killSwitch, "{\"schema_id\":\"gait.gate.kill_switch_state\",\"entries\":[{\"tool_name\":");
        JsonObject broken = fixture.postJson("/v1/gate/evaluate", SidecarFixture.intent("tool.read"));
        assertThat(broken.string("verdict")).contains("block");
        assertThat(broken.toString()).contains("kill_switch_state_unavailable");
        Files.writeString(killSwitch, "{\"schema_id\":\"gait.gate.kill_switch_state\",\"schema_version\":\"1.0.0\",\"entries\":[]}");
        assertThat(verdict("tool.read")).as("a good edit restores the switch").isEqualTo("allow");
    }

    @Test
    void repeated_identical_decisions_each_keep_their_own_trace_file() throws Exception {
        fixture = new SidecarFixture(dir, o -> o);
        String first = fixture.postJson("/v1/gate/evaluate", SidecarFixture.intent("tool.read")).string("trace_path").orElseThrow();
        Thread.sleep(5);
        String second = fixture.postJson("/v1/gate/evaluate", SidecarFixture.intent("tool.read")).string("trace_path").orElseThrow();
        assertThat(second).isNotEqualTo(first);
        assertThat(Path.of(first)).exists();
        assertThat(Path.of(second)).exists();
    }
}
