package dev.gait.core.pack;

import dev.gait.core.error.GaitException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A pack export as PostgreSQL: optional DDL (a table keyed on {@code pack_id}, one column per record
 * field, indexes on {@code (pack_type, created_at DESC)} and {@code (source_ref)}), then an upsert of
 * the record. Identifiers are checked and quoted; values are SQL literals, never spliced text.
 */
public final class PostgresIndexSql {
    public static final String DEFAULT_TABLE = "gait_pack_index";

    private static final Pattern IDENTIFIER = Pattern.compile("^[A-Za-z_][A-Za-z0-9_]*$");
    private static final List<String> COLUMNS = List.of("pack_id TEXT PRIMARY KEY", "pack_type TEXT NOT NULL",
            "source_ref TEXT NOT NULL", "manifest_digest TEXT NOT NULL", "files_checked INTEGER NOT NULL",
            "hash_mismatches INTEGER NOT NULL", "missing_files INTEGER NOT NULL", "undeclared_files INTEGER NOT NULL",
            "signature_status TEXT NOT NULL", "signatures_total INTEGER NOT NULL", "signatures_valid INTEGER NOT NULL",
            "tool_calls_total INTEGER NOT NULL", "tool_calls_success INTEGER NOT NULL",
            "tool_calls_success_rate DOUBLE PRECISION NOT NULL", "policy_blocked INTEGER NOT NULL",
            "approval_required INTEGER NOT NULL", "regress_failures INTEGER NOT NULL", "created_at TIMESTAMPTZ NOT NULL");

    private PostgresIndexSql() {}

    /** The SQL script; an invalid table name is invalid input. */
    public static String script(ExportRecord record, String table, boolean includeDdl) {
        String name = table.isBlank() ? DEFAULT_TABLE : table.strip();
        String[] parts = name.split("\\.", -1);
        if (parts.length > 2) {
            throw GaitException.invalidInput("postgres table must be <table> or <schema.table>");
        }
        List<String> quoted = new ArrayList<>();
        for (String part : parts) {
            if (!IDENTIFIER.matcher(part.strip()).matches()) {
                throw GaitException.invalidInput("postgres identifier must match " + IDENTIFIER.pattern());
            }
            quoted.add(identifier(part.strip()));
        }
        String quotedTable = String.join(".", quoted);
        String indexPrefix = parts[parts.length - 1].strip().toLowerCase(Locale.ROOT);
        StringBuilder sql = new StringBuilder();
        if (includeDdl) {
            sql.append("CREATE TABLE IF NOT EXISTS ").append(quotedTable).append(" (\n  ")
                    .append(String.join(",\n  ", COLUMNS)).append("\n);\n")
                    .append("CREATE INDEX IF NOT EXISTS ").append(identifier("idx_" + indexPrefix + "_pack_type_created_at"))
                    .append(" ON ").append(quotedTable).append(" (pack_type, created_at DESC);\n")
                    .append("CREATE INDEX IF NOT EXISTS ").append(identifier("idx_" + indexPrefix + "_source_ref"))
                    .append(" ON ").append(quotedTable).append(" (source_ref);\n\n");
        }
        List<String> names = COLUMNS.stream().map(column -> column.substring(0, column.indexOf(' '))).toList();
        ExportMetrics m = record.metrics();
        List<String> values = List.of(literal(record.packId()), literal(record.packType()), literal(record.sourceRef()),
                literal(record.manifestDigest()), Integer.toString(record.filesChecked()), Integer.toString(record.hashMismatches()),
                Integer.toString(record.missingFiles()), Integer.toString(record.undeclaredFiles()), literal(record.signatureStatus()),
                Integer.toString(record.signaturesTotal()), Integer.toString(record.signaturesValid()),
                Integer.toString(m.toolCallsTotal()), Integer.toString(m.toolCallsSuccess()),
                new BigDecimal(m.toolCallsSuccessRate()).setScale(6, RoundingMode.HALF_EVEN).toPlainString(),
                Integer.toString(m.policyBlocked()), Integer.toString(m.approvalRequired()), Integer.toString(m.regressFailures()),
                literal(record.createdAt()) + "::timestamptz");
        sql.append("INSERT INTO ").append(quotedTable).append(" (\n  ").append(String.join(",\n  ", names))
                .append("\n) VALUES (\n  ").append(String.join(",\n  ", values)).append("\n)\n")
                .append("ON CONFLICT (pack_id) DO UPDATE SET\n  ")
                .append(String.join(",\n  ", names.subList(1, names.size()).stream().map(n -> n + " = EXCLUDED." + n).toList()))
                .append(";\n");
        return sql.toString();
    }

    private static String identifier(String name) {
        return "\"" + name.replace("\"", "\"\"") + "\"";
    }

    private static String literal(String value) {
        return "'" + value.strip().replace("'", "''") + "'";
    }
}
