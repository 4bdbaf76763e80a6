package dev.gait.fleet.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gait.core.digest.Digests;
import dev.gait.fleet.audit.AuditEntry;
import dev.gait.fleet.audit.AuditVerifier;
import dev.gait.fleet.auth.Principal;
import dev.gait.fleet.auth.Role;
import dev.gait.fleet.credentials.CredentialInfo;
import dev.gait.fleet.credentials.IssuedCredential;
import dev.gait.fleet.error.FleetException;
import dev.gait.fleet.ingest.ArtifactKind;
import dev.gait.fleet.ingest.ArtifactQuery;
import dev.gait.fleet.ingest.IngestedArtifact;
import dev.gait.fleet.ingest.NewArtifact;
import dev.gait.fleet.posture.PointPosture;
import dev.gait.fleet.posture.StatusReport;
import dev.gait.fleet.registry.ActiveBundle;
import dev.gait.fleet.registry.NewRelease;
import dev.gait.fleet.registry.Promotion;
import dev.gait.fleet.registry.PromotionRequest;
import dev.gait.fleet.registry.Publication;
import dev.gait.fleet.registry.Release;
import dev.gait.fleet.registry.ReleaseKind;
import dev.gait.fleet.registry.Rollout;
import dev.gait.fleet.tenancy.Bootstrap;
import dev.gait.fleet.tenancy.EnforcementPoint;
import dev.gait.fleet.tenancy.Environment;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link Store} implementation must do. Each subclass supplies a fresh, empty database
 * per test; the tests use only the public interfaces.
 */
abstract class StoreConformance {

    private Database database;
    private Store store;
    private Principal adminA;
    private Principal adminB;

    /** A new, empty database; the store migrates it. */
    protected abstract Database newDatabase() throws Exception;

    @BeforeEach
    void open() throws Exception {
        database = newDatabase();
        store = JdbiStore.open(database, new TickingClock());
        adminA = login(store.tenancy().bootstrap("org-a", "alice@a.example").adminToken());
        adminB = login(store.tenancy().bootstrap("org-b", "bob@b.example").adminToken());
    }

    @AfterEach
    void close() {
        store.close();
    }

    // --- tenancy and credentials ---

    @Test
    void bootstrapCreatesAnOrganisationWhoseAdminTokenAuthenticates() {
        Bootstrap bootstrap = store.tenancy().bootstrap("org-c", "carol@c.example");

        Principal admin = login(bootstrap.adminToken());

        assertThat(admin).isEqualTo(new Principal.User(bootstrap.organization().id(), bootstrap.admin().id(), Role.ADMIN));
        assertThat(store.tenancy().organization(admin).name()).isEqualTo("org-c");
        assertThat(store.audit().head(admin)).get().extracting(AuditEntry::action).isEqualTo("organization.bootstrap");
    }

    @Test
    void bootstrapRefusesATakenNameAndBadInput() {
        expect(FleetException.Reason.CONFLICT, () -> store.tenancy().bootstrap("org-a", "mallory@a.example"));
        expect(FleetException.Reason.INVALID, () -> store.tenancy().bootstrap("Org A!", "x@a.example"));
        expect(FleetException.Reason.INVALID, () -> store.tenancy().bootstrap("org-d", "not-an-email"));
    }

    @Test
    void environmentsKeepTheirLabelsAndNamesAreUniquePerOrganisation() {
        Environment prod = store.tenancy().createEnvironment(adminA, "prod", Map.of("tier", "critical"));

        assertThat(store.tenancy().environment(adminA, prod.id())).contains(prod);
        assertThat(store.tenancy().environments(adminA)).containsExactly(prod);
        expect(FleetException.Reason.CONFLICT, () -> store.tenancy().createEnvironment(adminA, "prod", Map.of()));
        expect(FleetException.Reason.INVALID, () -> store.tenancy().createEnvironment(adminA, "../prod", Map.of()));
        // Another organisation may use the same name.
        assertThat(store.tenancy().createEnvironment(adminB, "prod", Map.of()).name()).isEqualTo("prod");
    }

    @Test
    void enforcementPointsAreRegisteredIntoAnEnvironment() {
        Environment dev = store.tenancy().createEnvironment(adminA, "dev", Map.of());
        EnforcementPoint point = store.tenancy().registerEnforcementPoint(adminA, dev.id(), "sidecar-1", Map.of("canary", "yes"));

        assertThat(store.tenancy().enforcementPoints(adminA, dev.id())).containsExactly(point);
        assertThat(store.tenancy().enforcementPoint(adminA, point.id())).contains(point);
        expect(FleetException.Reason.CONFLICT, () -> store.tenancy().registerEnforcementPoint(adminA, dev.id(), "sidecar-1", Map.of()));
        expect(FleetException.Reason.NOT_FOUND, () -> store.tenancy().registerEnforcementPoint(adminA, "env_missing", "x", Map.of()));
    }

    @Test
    void machineCredentialsAuthenticateAsTheirEnforcementPointInItsEnvironment() {
        EnforcementPoint point = point(adminA, "staging", "sidecar-1");
        IssuedCredential issued = store.credentials().issueMachineCredential(adminA, point.id());

        assertThat(store.credentials().authenticate(issued.token())).contains(
                new Principal.Machine(adminA.orgId(), point.id(), point.environmentId(), issued.id()));
    }

    @Test
    void wrongMalformedAndRevokedTokensDoNotAuthenticate() {
        EnforcementPoint point = point(adminA, "staging", "sidecar-1");
        IssuedCredential issued = store.credentials().issueMachineCredential(adminA, point.id());
        String token = issued.token();
        char last = token.charAt(token.length() - 1);

        assertThat(store.credentials().authenticate(token.substring(0, token.length() - 1) + (last == 'A' ? 'B' : 'A'))).isEmpty();
        assertThat(store.credentials().authenticate("gait_" + issued.id())).isEmpty();
        assertThat(store.credentials().authenticate("")).isEmpty();
        assertThat(store.credentials().authenticate(null)).isEmpty();

        store.credentials().revoke(adminA, issued.id());
        store.credentials().revoke(adminA, issued.id());

        assertThat(store.credentials().authenticate(token)).isEmpty();
        assertThat(store.credentials().list(adminA)).filteredOn(info -> info.id().equals(issued.id()))
                .singleElement().matches(CredentialInfo::revoked);
    }

    @Test
    void secretsAreNeverStoredOnlySaltedHashes() throws SQLException {
        EnforcementPoint point = point(adminA, "staging", "sidecar-1");
        String token = store.credentials().issueMachineCredential(adminA, point.id()).token();
        String secret = token.substring(token.indexOf('.') + 1);

        List<String> stored = new ArrayList<>();
        try (Connection connection = database.dataSource().getConnection();
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT * FROM credentials")) {
            while (rows.next()) {
                for (int column = 1; column <= rows.getMetaData().getColumnCount(); column++) {
                    stored.add(String.valueOf(rows.getString(column)));
                }
            }
        }
        try (Connection connection = database.dataSource().getConnection();
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT details FROM audit_log")) {
            while (rows.next()) {
                stored.add(rows.getString(1));
            }
        }
        assertThat(stored).noneMatch(value -> value.contains(secret));
    }

    @Test
    void machinesMayOnlyReadTheirOwnEnvironmentsBundle() {
        EnforcementPoint point = point(adminA, "staging", "sidecar-1");
        Environment other = store.tenancy().createEnvironment(adminA, "prod", Map.of());
        Principal machine = login(store.credentials().issueMachineCredential(adminA, point.id()));
        Release release = publish(adminA, "base", "1.0.0", "policy v1");
        promote(adminA, point.environmentId(), 1, release, "bundle 1");
        promote(adminA, other.id(), 1, release, "bundle prod 1");

        assertThat(store.registry().activeBundle(machine, point.environmentId())).isPresent();
        expect(FleetException.Reason.FORBIDDEN, () -> store.registry().activeBundle(machine, other.id()));
        expect(FleetException.Reason.FORBIDDEN, () -> store.registry().publish(machine, release("x", "1", "doc")));
        expect(FleetException.Reason.FORBIDDEN, () -> promote(machine, point.environmentId(), 2, release, "bundle 2"));
        expect(FleetException.Reason.FORBIDDEN, () -> store.tenancy().createEnvironment(machine, "qa", Map.of()));
        expect(FleetException.Reason.FORBIDDEN, () -> store.credentials().list(machine));
        expect(FleetException.Reason.FORBIDDEN, () -> store.audit().head(machine));
    }

    // --- registry ---

    @Test
    void publishingNamesAReleaseByTheDigestItsFormatGivesAndKeepsTheBytesExactly() {
        byte[] document = {0, (byte) 0xff, (byte) 0xc3, 0x28, '\n', 0};
        Publication publication = store.registry().publish(adminA,
                new NewRelease(Digests.sha256Hex(document), ReleaseKind.COMBINED, "base", "1.0.0", "alice@a.example", "git:abc123", document));

        Release release = publication.release();
        assertThat(publication.created()).isTrue();
        assertThat(release.digest()).isEqualTo(Digests.sha256Hex(document));
        assertThat(release).extracting(Release::kind, Release::name, Release::version, Release::author, Release::source, Release::sizeBytes)
                .containsExactly(ReleaseKind.COMBINED, "base", "1.0.0", "alice@a.example", "git:abc123", (long) document.length);
        assertThat(store.registry().document(adminA, release.digest())).get().isEqualTo(document);
        assertThat(store.registry().release(adminA, release.digest())).contains(release);
    }

    @Test
    void republishingTheSameContentIsIdempotentAndRecordedOnce() {
        Release first = publish(adminA, "base", "1.0.0", "policy v1");
        long auditBefore = store.audit().head(adminA).orElseThrow().seq();

        Publication again = store.registry().publish(adminA, release("base", "1.0.0", "policy v1"));

        assertThat(again.created()).isFalse();
        assertThat(again.release()).isEqualTo(first);
        assertThat(store.audit().head(adminA).orElseThrow().seq()).isEqualTo(auditBefore);
        assertThat(store.registry().releases(adminA)).containsExactly(first);
    }

    @Test
    void releasesAreImmutable() {
        publish(adminA, "base", "1.0.0", "policy v1");

        expect(FleetException.Reason.CONFLICT, () -> store.registry().publish(adminA, release("base", "1.0.0", "policy v1 edited")));
        expect(FleetException.Reason.CONFLICT, () -> store.registry().publish(adminA, release("base", "1.0.1", "policy v1")));
        expect(FleetException.Reason.INVALID, () -> store.registry().publish(adminA, release("base", "1.0.2", "")));
        expect(FleetException.Reason.INVALID, () -> store.registry().publish(adminA, release("base", "1 0", "x")));
    }

    @Test
    void releasesAreListedNewestFirst() {
        Release one = publish(adminA, "base", "1.0.0", "v1");
        Release two = publish(adminA, "base", "2.0.0", "v2");

        assertThat(store.registry().releases(adminA)).containsExactly(two, one);
    }

    @Test
    void promotionsFormAnEnvironmentsHistoryAndTheNewestIsActive() {
        Environment env = store.tenancy().createEnvironment(adminA, "prod", Map.of());
        Release v1 = publish(adminA, "base", "1.0.0", "v1");
        Release v2 = publish(adminA, "base", "2.0.0", "v2");
        assertThat(store.registry().activeBundle(adminA, env.id())).isEmpty();

        Promotion first = promote(adminA, env.id(), 1, v1, "bundle 1");
        Promotion second = store.registry().promote(adminA, new PromotionRequest(env.id(), 2, Promotion.Action.PROMOTE,
                v2.digest(), bytes("bundle 2"), new Rollout(Map.of("canary", "yes"), 25)));
        Promotion rollback = store.registry().promote(adminA, new PromotionRequest(env.id(), 3, Promotion.Action.ROLLBACK,
                v1.digest(), bytes("bundle 3"), Rollout.ALL));

        ActiveBundle active = store.registry().activeBundle(adminA, env.id()).orElseThrow();
        assertThat(active.promotion()).isEqualTo(rollback);
        assertThat(active.bundle()).isEqualTo(bytes("bundle 3"));
        assertThat(rollback.bundleDigest()).isEqualTo(Digests.sha256Hex(bytes("bundle 3")));
        assertThat(store.registry().history(adminA, env.id())).containsExactly(rollback, second, first);
        assertThat(second.rollout()).isEqualTo(new Rollout(Map.of("canary", "yes"), 25));
        assertThat(store.registry().bundle(adminA, env.id(), 1)).get().isEqualTo(bytes("bundle 1"));
        assertThat(store.audit().head(adminA).orElseThrow().action()).isEqualTo("environment.rollback");
    }

    @Test
    void aPromotionMustCarryTheNextSequenceAndAKnownRelease() {
        Environment env = store.tenancy().createEnvironment(adminA, "prod", Map.of());
        Release v1 = publish(adminA, "base", "1.0.0", "v1");
        promote(adminA, env.id(), 1, v1, "bundle 1");

        expect(FleetException.Reason.CONFLICT, () -> promote(adminA, env.id(), 1, v1, "bundle again"));
        expect(FleetException.Reason.CONFLICT, () -> promote(adminA, env.id(), 3, v1, "bundle skip"));
        expect(FleetException.Reason.NOT_FOUND, () -> store.registry().promote(adminA, new PromotionRequest(
                env.id(), 2, Promotion.Action.PROMOTE, "0".repeat(64), bytes("b"), Rollout.ALL)));
        expect(FleetException.Reason.INVALID, () -> promote(adminA, env.id(), 2, v1, ""));
    }

    // --- tenant isolation ---

    @Test
    void noOperationReadsOrChangesAnotherOrganisationsData() {
        EnforcementPoint pointA = point(adminA, "prod", "sidecar-a");
        IssuedCredential credentialA = store.credentials().issueMachineCredential(adminA, pointA.id());
        Release releaseA = publish(adminA, "base", "1.0.0", "policy of A");
        promote(adminA, pointA.environmentId(), 1, releaseA, "bundle of A");
        String envA = pointA.environmentId();

        assertThat(store.tenancy().organization(adminB).name()).isEqualTo("org-b");
        assertThat(store.tenancy().environment(adminB, envA)).isEmpty();
        assertThat(store.tenancy().environments(adminB)).isEmpty();
        assertThat(store.tenancy().enforcementPoints(adminB, envA)).isEmpty();
        assertThat(store.tenancy().enforcementPoint(adminB, pointA.id())).isEmpty();
        expect(FleetException.Reason.NOT_FOUND, () -> store.tenancy().registerEnforcementPoint(adminB, envA, "intruder", Map.of()));
        expect(FleetException.Reason.NOT_FOUND, () -> store.credentials().issueMachineCredential(adminB, pointA.id()));
        expect(FleetException.Reason.NOT_FOUND, () -> store.credentials().revoke(adminB, credentialA.id()));
        assertThat(store.credentials().list(adminB)).extracting(CredentialInfo::id).doesNotContain(credentialA.id());
        assertThat(store.registry().release(adminB, releaseA.digest())).isEmpty();
        assertThat(store.registry().document(adminB, releaseA.digest())).isEmpty();
        assertThat(store.registry().releases(adminB)).isEmpty();
        expect(FleetException.Reason.NOT_FOUND, () -> promote(adminB, envA, 2, releaseA, "bundle of B"));
        assertThat(store.registry().activeBundle(adminB, envA)).isEmpty();
        assertThat(store.registry().history(adminB, envA)).isEmpty();
        assertThat(store.registry().bundle(adminB, envA, 1)).isEmpty();
        assertThat(store.audit().entries(adminB, 0, 1000)).allMatch(entry -> entry.orgId().equals(adminB.orgId()));

        // The same content published by B is B's own release; A's is untouched.
        Publication ofB = store.registry().publish(adminB, release("base", "1.0.0", "policy of A"));
        assertThat(ofB.created()).isTrue();
        assertThat(ofB.release().orgId()).isEqualTo(adminB.orgId());
        assertThat(store.credentials().authenticate(credentialA.token())).isPresent();
        assertThat(store.registry().activeBundle(adminA, envA)).get().extracting(ActiveBundle::bundle).isEqualTo(bytes("bundle of A"));
    }

    @Test
    void aMachineOfOneOrganisationCannotReadAnotherOrganisationsBundle() {
        EnforcementPoint pointA = point(adminA, "prod", "sidecar-a");
        EnforcementPoint pointB = point(adminB, "prod", "sidecar-b");
        Release releaseB = publish(adminB, "base", "1.0.0", "policy of B");
        promote(adminB, pointB.environmentId(), 1, releaseB, "bundle of B");
        Principal machineA = login(store.credentials().issueMachineCredential(adminA, pointA.id()));

        expect(FleetException.Reason.FORBIDDEN, () -> store.registry().activeBundle(machineA, pointB.environmentId()));
    }

    // --- audit log ---

    @Test
    void everyChangeIsInTheAuditLogAndTheExportVerifies() throws IOException {
        EnforcementPoint point = point(adminA, "prod", "sidecar-1");
        store.credentials().issueMachineCredential(adminA, point.id());
        Release release = publish(adminA, "base", "1.0.0", "v1");
        promote(adminA, point.environmentId(), 1, release, "bundle 1");

        List<String> lines = exportLines(adminA);

        assertThat(lines).extracting(line -> line.replaceAll(".*\"action\":\"([^\"]+)\".*", "$1")).containsExactly(
                "organization.bootstrap", "environment.create", "enforcement_point.register", "credential.issue",
                "release.publish", "environment.promote");
        AuditVerifier.Result result = verify(lines, store.audit().head(adminA).map(AuditEntry::hash));
        assertThat(result.problems()).isEmpty();
        assertThat(result.entries()).isEqualTo(6);
        // Each organisation has its own chain.
        assertThat(verify(exportLines(adminB), store.audit().head(adminB).map(AuditEntry::hash)).problems()).isEmpty();
    }

    @Test
    void theVerifierDetectsEditsDeletionsReorderingAndTruncation() throws IOException {
        store.tenancy().createEnvironment(adminA, "dev", Map.of());
        store.tenancy().createEnvironment(adminA, "prod", Map.of());
        List<String> lines = exportLines(adminA);
        Optional<String> head = store.audit().head(adminA).map(AuditEntry::hash);

        List<String> edited = new ArrayList<>(lines);
        edited.set(1, edited.get(1).replace("\"dev\"", "\"qa\""));
        assertThat(verify(edited, head).problems()).anyMatch(problem -> problem.contains("hash does not match"));

        List<String> deleted = new ArrayList<>(lines);
        deleted.remove(1);
        assertThat(verify(deleted, head).problems()).anyMatch(problem -> problem.contains("prev_hash"));

        List<String> reordered = new ArrayList<>(lines);
        Collections.swap(reordered, 1, 2);
        assertThat(verify(reordered, head).problems()).isNotEmpty();

        assertThat(verify(lines.subList(0, 2), Optional.empty()).problems()).isEmpty();
        assertThat(verify(lines.subList(0, 2), head).problems()).anyMatch(problem -> problem.contains("expected head"));

        List<String> garbage = new ArrayList<>(lines);
        garbage.add("{not json");
        assertThat(verify(garbage, Optional.empty()).problems()).anyMatch(problem -> problem.contains("not an audit entry"));
    }

    // --- concurrency ---

    @Test
    void concurrentIdenticalPublishesCreateOneRelease() throws Exception {
        List<Publication> results = concurrently(8, () -> store.registry().publish(adminA, release("base", "1.0.0", "same")));

        assertThat(results).filteredOn(Publication::created).hasSize(1);
        assertThat(results).extracting(publication -> publication.release().digest()).containsOnly(Digests.sha256Hex(bytes("same")));
        assertThat(store.registry().releases(adminA)).hasSize(1);
        assertThat(exportLines(adminA)).filteredOn(line -> line.contains("release.publish")).hasSize(1);
    }

    @Test
    void concurrentPromotionsOfTheSameSequenceLetExactlyOneWin() throws Exception {
        Environment env = store.tenancy().createEnvironment(adminA, "prod", Map.of());
        Release release = publish(adminA, "base", "1.0.0", "v1");
        List<Object> outcomes = concurrently(6, () -> {
            try {
                return promote(adminA, env.id(), 1, release, "bundle " + Thread.currentThread().threadId());
            } catch (FleetException e) {
                return e.reason();
            }
        });

        assertThat(outcomes).filteredOn(Promotion.class::isInstance).hasSize(1);
        assertThat(outcomes).filteredOn(outcome -> !(outcome instanceof Promotion)).containsOnly(FleetException.Reason.CONFLICT);
        assertThat(store.registry().history(adminA, env.id())).hasSize(1);
    }

    @Test
    void concurrentChangesKeepOneUnbrokenAuditChain() throws Exception {
        List<Environment> created = new ArrayList<>();
        for (Environment environment : concurrently(16, () -> store.tenancy().createEnvironment(
                adminA, "env-" + Thread.currentThread().threadId(), Map.of()))) {
            created.add(environment);
        }

        assertThat(created.stream().map(Environment::name).distinct()).hasSize(16);
        List<String> lines = exportLines(adminA);
        assertThat(lines).hasSize(17);
        assertThat(verify(lines, store.audit().head(adminA).map(AuditEntry::hash)).problems()).isEmpty();
    }

    // --- artifact index ---

    @Test
    void ingestedArtifactsAreFoundByRunIdDigestVerdictAndTime() {
        EnforcementPoint point = point(adminA, "prod", "sidecar-1");
        Principal machine = login(store.credentials().issueMachineCredential(adminA, point.id()));
        String digest = Digests.sha256Hex(bytes("runpack 1"));

        IngestedArtifact recorded = store.artifactIndex().record(machine,
                new NewArtifact(digest, ArtifactKind.RUNPACK, "run_0001", "allow", point.environmentId(), 9));
        store.artifactIndex().record(adminA,
                new NewArtifact(Digests.sha256Hex(bytes("trace 2")), ArtifactKind.TRACE, "run_0002", "block", null, 7));

        assertThat(recorded.uploadedBy()).isEqualTo(machine.actor());
        assertThat(recorded.environmentId()).contains(point.environmentId());
        assertThat(store.artifactIndex().find(adminA, ArtifactQuery.all().withRunId("run_0001"))).containsExactly(recorded);
        assertThat(store.artifactIndex().find(adminA, ArtifactQuery.all().withDigest(digest))).containsExactly(recorded);
        assertThat(store.artifactIndex().find(adminA, ArtifactQuery.all().withVerdict("block")))
                .extracting(IngestedArtifact::runId).containsExactly("run_0002");
        assertThat(store.artifactIndex().find(adminA, ArtifactQuery.all())).extracting(IngestedArtifact::runId)
                .containsExactly("run_0002", "run_0001");
        long at = recorded.ingestedAtMillis();
        assertThat(store.artifactIndex().find(adminA, ArtifactQuery.all().between(at, at + 1))).containsExactly(recorded);
        assertThat(store.artifactIndex().find(adminA, ArtifactQuery.all().between(0, at))).isEmpty();
        // Recording the same digest again keeps the first entry.
        assertThat(store.artifactIndex().record(machine,
                new NewArtifact(digest, ArtifactKind.RUNPACK, "run_other", "block", point.environmentId(), 9))).isEqualTo(recorded);
    }

    @Test
    void theArtifactIndexIsScopedToTheOrganisationAndTheMachinesEnvironment() {
        EnforcementPoint point = point(adminA, "prod", "sidecar-1");
        Environment other = store.tenancy().createEnvironment(adminA, "dev", Map.of());
        Principal machine = login(store.credentials().issueMachineCredential(adminA, point.id()));
        String digest = Digests.sha256Hex(bytes("runpack"));
        store.artifactIndex().record(machine, new NewArtifact(digest, ArtifactKind.RUNPACK, "run_1", "allow", point.environmentId(), 7));

        assertThat(store.artifactIndex().find(adminB, ArtifactQuery.all().withRunId("run_1"))).isEmpty();
        expect(FleetException.Reason.FORBIDDEN, () -> store.artifactIndex().record(machine,
                new NewArtifact(digest, ArtifactKind.RUNPACK, "run_1", "allow", other.id(), 7)));
        expect(FleetException.Reason.FORBIDDEN, () -> store.artifactIndex().find(machine, ArtifactQuery.all()));
        expect(FleetException.Reason.NOT_FOUND, () -> store.artifactIndex().record(adminB,
                new NewArtifact(digest, ArtifactKind.RUNPACK, "run_1", "allow", point.environmentId(), 7)));
        expect(FleetException.Reason.INVALID, () -> store.artifactIndex().record(adminA,
                new NewArtifact("not-a-digest", ArtifactKind.RUNPACK, "run_1", "allow", null, 7)));
    }

    // --- posture ---

    @Test
    void postureShowsCurrentDriftedStaleAndSilentPointsAgainstTheirAssignedBundle() {
        Environment env = store.tenancy().createEnvironment(adminA, "prod", Map.of());
        EnforcementPoint canary = store.tenancy().registerEnforcementPoint(adminA, env.id(), "canary", Map.of("ring", "canary"));
        EnforcementPoint steady = store.tenancy().registerEnforcementPoint(adminA, env.id(), "steady", Map.of());
        EnforcementPoint silent = store.tenancy().registerEnforcementPoint(adminA, env.id(), "silent", Map.of());
        Release v1 = publish(adminA, "base", "1.0.0", "v1");
        Release v2 = publish(adminA, "base", "2.0.0", "v2");
        Promotion first = promote(adminA, env.id(), 1, v1, "bundle 1");
        Promotion canaryOnly = store.registry().promote(adminA, new PromotionRequest(env.id(), 2, Promotion.Action.PROMOTE,
                v2.digest(), bytes("bundle 2"), new Rollout(Map.of("ring", "canary"), 100)));

        store.posture().report(login(store.credentials().issueMachineCredential(adminA, canary.id())),
                new StatusReport(canaryOnly.bundleDigest(), 2, Map.of("allow", 5L, "block", 2L)));
        // The steady point is not in the canary ring, so bundle 1 is right for it; it reports bundle 2.
        store.posture().report(login(store.credentials().issueMachineCredential(adminA, steady.id())),
                new StatusReport(canaryOnly.bundleDigest(), 2, Map.of()));

        Map<String, PointPosture> byName = new HashMap<>();
        store.posture().environment(adminA, env.id(), Duration.ofDays(1)).forEach(posture -> byName.put(posture.point().name(), posture));
        assertThat(byName.get("canary").state()).isEqualTo(PointPosture.State.CURRENT);
        assertThat(byName.get("canary").expectedBundleDigest()).contains(canaryOnly.bundleDigest());
        assertThat(byName.get("canary").lastReport().orElseThrow().decisionCounts()).isEqualTo(Map.of("allow", 5L, "block", 2L));
        assertThat(byName.get("steady").state()).isEqualTo(PointPosture.State.DRIFTED);
        assertThat(byName.get("steady").expectedBundleDigest()).contains(first.bundleDigest());
        assertThat(byName.get("silent").state()).isEqualTo(PointPosture.State.NEVER_REPORTED);
        assertThat(store.posture().environment(adminA, env.id(), Duration.ZERO))
                .filteredOn(posture -> posture.lastReport().isPresent())
                .extracting(PointPosture::state).containsOnly(PointPosture.State.STALE);
    }

    @Test
    void onlyMachinesReportAndOnlyTheOrganisationSeesItsPosture() {
        EnforcementPoint point = point(adminA, "prod", "sidecar-1");

        expect(FleetException.Reason.FORBIDDEN, () -> store.posture().report(adminA, new StatusReport("x", 1, Map.of())));
        expect(FleetException.Reason.NOT_FOUND, () -> store.posture().environment(adminB, point.environmentId(), Duration.ofDays(1)));
        Principal machine = login(store.credentials().issueMachineCredential(adminA, point.id()));
        expect(FleetException.Reason.FORBIDDEN, () -> store.posture().environment(machine, point.environmentId(), Duration.ofDays(1)));
        expect(FleetException.Reason.INVALID, () -> store.posture().report(machine, new StatusReport("not-a-digest", 1, Map.of())));
        expect(FleetException.Reason.INVALID, () -> store.posture().report(machine, new StatusReport("", 0, Map.of("allow", -1L))));
        store.posture().report(machine, new StatusReport("", 0, Map.of()));
        assertThat(store.posture().environment(adminA, point.environmentId(), Duration.ofDays(1)))
                .singleElement().extracting(PointPosture::state).isEqualTo(PointPosture.State.CURRENT);
    }

    // --- shared steps ---

    private Principal login(IssuedCredential credential) {
        return store.credentials().authenticate(credential.token()).orElseThrow();
    }

    private EnforcementPoint point(Principal admin, String environment, String name) {
        Environment env = store.tenancy().createEnvironment(admin, environment, Map.of());
        return store.tenancy().registerEnforcementPoint(admin, env.id(), name, Map.of());
    }

    private static NewRelease release(String name, String version, String document) {
        return new NewRelease(Digests.sha256Hex(bytes(document)), ReleaseKind.POLICY, name, version, "alice@a.example", "git:0123abc",
                bytes(document));
    }

    private Release publish(Principal admin, String name, String version, String document) {
        return store.registry().publish(admin, release(name, version, document)).release();
    }

    private Promotion promote(Principal caller, String environmentId, long sequence, Release release, String bundle) {
        return store.registry().promote(caller, new PromotionRequest(
                environmentId, sequence, Promotion.Action.PROMOTE, release.digest(), bytes(bundle), Rollout.ALL));
    }

    private List<String> exportLines(Principal caller) throws IOException {
        StringWriter out = new StringWriter();
        store.audit().export(caller, out);
        return out.toString().lines().toList();
    }

    private static AuditVerifier.Result verify(List<String> lines, Optional<String> head) throws IOException {
        return AuditVerifier.verify(new StringReader(String.join("\n", lines)), head);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static void expect(FleetException.Reason reason, ThrowingCallable call) {
        assertThatThrownBy(call).isInstanceOfSatisfying(FleetException.class, e -> assertThat(e.reason()).isEqualTo(reason));
    }

    /** Runs {@code work} on {@code threads} threads released at the same moment. */
    private static <T> List<T> concurrently(int threads, Callable<T> work) throws InterruptedException, ExecutionException {
        CountDownLatch start = new CountDownLatch(1);
        List<Future<T>> futures = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(threads)) {
            for (int i = 0; i < threads; i++) {
                futures.add(pool.submit(() -> {
                    start.await();
                    return work.call();
                }));
            }
            start.countDown();
            List<T> results = new ArrayList<>();
            for (Future<T> future : futures) {
                results.add(future.get());
            }
            return results;
        }
    }
}
