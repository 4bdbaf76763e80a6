package dev.gait.cli.pack;

import dev.gait.cli.Invocation;
import dev.gait.cli.command.LeafCommand;
import dev.gait.cli.flags.Flag;
import dev.gait.cli.flags.FlagSet;
import dev.gait.cli.flags.UsageException;
import dev.gait.cli.output.Output;
import dev.gait.cli.runpack.VerifyPolicyFlags;
import dev.gait.core.error.ErrorCategory;
import dev.gait.core.error.GaitException;
import dev.gait.core.fs.AtomicFiles;
import dev.gait.core.fs.LockFile;
import dev.gait.core.json.JsonObject;
import dev.gait.core.pack.ExportRecord;
import dev.gait.core.pack.OtlpLogs;
import dev.gait.core.pack.PackReport;
import dev.gait.core.pack.PostgresIndexSql;
import dev.gait.core.version.GaitVersion;
import dev.gait.core.zip.SafeZip;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import dev.gait.core.fs.InputFiles;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code gait pack export <pack> --otel-out F | --postgres-sql-out F}: exports a verified pack's
 * record as OpenTelemetry logs (OTLP/JSON lines, appended) or as PostgreSQL upsert SQL. A pack that
 * fails verification is refused (exit 2) and nothing is written.
 */
final class PackExportCommand extends LeafCommand<PackExportCommand.Flags> {

    private static final LockFile.Timing APPEND_LOCK = new LockFile.Timing(Duration.ofSeconds(2), Duration.ofMillis(50),
            Duration.ofMinutes(5));

    record Flags(Flag<String> otelOut, Flag<String> postgresOut, Flag<String> postgresTable, Flag<Boolean> includeDdl,
                 VerifyPolicyFlags policy) {}

    PackExportCommand() {
        super("export", "Export a verified pack as OpenTelemetry logs (JSONL) or PostgreSQL SQL.",
                "pack export turns a verified pack into OpenTelemetry log records or a PostgreSQL index row, refusing packs that fail verification.",
                "<pack.zip>", 1);
    }

    @Override
    protected Flags declare(FlagSet flags) {
        return new Flags(
                flags.string("otel-out", "", "append OTLP/JSON log records (one request per line) to this file"),
                flags.string("postgres-sql-out", "", "write PostgreSQL upsert SQL for the pack index to this file"),
                flags.string("postgres-table", PostgresIndexSql.DEFAULT_TABLE, "table for the SQL: <table> or <schema.table>"),
                flags.bool("postgres-include-ddl", true, "include CREATE TABLE and index statements"),
                VerifyPolicyFlags.declare(flags));
    }

    /** The largest pack exported: it is read into memory once, verified and exported from that copy. */
    private static final int MAX_PACK_BYTES = 512 * 1024 * 1024;

    @Override
    protected int execute(Invocation invocation, Output output, Flags flags, List<String> positionals) {
        if (positionals.isEmpty()) {
            throw new UsageException("expected <pack.zip>");
        }
        String otelOut = flags.otelOut().get().strip();
        String postgresOut = flags.postgresOut().get().strip();
        if (otelOut.isEmpty() && postgresOut.isEmpty()) {
            throw new UsageException("at least one export output is required (--otel-out or --postgres-sql-out)");
        }
        String argument = positionals.getFirst();
        String shown = PackOutput.shown(invocation, argument);
        // read once: the export is built from exactly the bytes that were verified, whatever happens to the file meanwhile
        Path path = invocation.resolve(argument);
        if (!Files.isRegularFile(path)) {
            throw GaitException.invalidInput("pack not found: " + shown);
        }
        ExportRecord record;
        try (SafeZip zip = SafeZip.open(InputFiles.read(path, MAX_PACK_BYTES), shown)) {
            PackReport report = PackVerifyCommand.verify(invocation, zip, shown, flags.policy(), "");
            if (!report.ok()) {
                throw new GaitException(ErrorCategory.VERIFICATION_FAILED,
                        "export refused: " + shown + " failed verification: " + report.failure());
            }
            record = ExportRecord.of(zip, shown, report);
        }
        String sql = postgresOut.isEmpty() ? "" : PostgresIndexSql.script(record, flags.postgresTable().get(), flags.includeDdl().get());
        if (!otelOut.isEmpty()) {
            appendLine(invocation, invocation.resolve(otelOut), OtlpLogs.line(record, GaitVersion.current()));
        }
        if (!postgresOut.isEmpty()) {
            AtomicFiles.write(invocation.resolve(postgresOut), sql.getBytes(StandardCharsets.UTF_8));
        }
        JsonObject json = PackOutput.envelope("export")
                .put("path", shown)
                .put("pack_id", record.packId())
                .put("pack_type", record.packType())
                .put("source_ref", record.sourceRef())
                .putOmitEmpty("otel_path", otelOut)
                .putOmitEmpty("postgres_sql_path", postgresOut)
                .put("export", record.toJson())
                .build();
        List<String> text = new ArrayList<>(List.of("pack export ok: " + shown, "pack_id=" + record.packId()));
        if (!otelOut.isEmpty()) {
            text.add("otel=" + otelOut);
        }
        if (!postgresOut.isEmpty()) {
            text.add("postgres_sql=" + postgresOut);
        }
        return output.success(json, text);
    }

    /** Appends one line under a lock, so concurrent exports to one file lose nothing. */
    private static void appendLine(Invocation invocation, Path file, String line) {
        LockFile lock = LockFile.acquire(file.resolveSibling(file.getFileName() + ".lock"), "gait.pack.export_lock",
                APPEND_LOCK, invocation.clock(), "pack export: another export is appending to " + file);
        try {
            AtomicFiles.append(file, (line + "\n").getBytes(StandardCharsets.UTF_8));
        } finally {
            lock.close();
        }
    }
}
