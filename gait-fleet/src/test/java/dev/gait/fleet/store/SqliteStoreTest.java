package dev.gait.fleet.store;

import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** The store on the embedded default: a SQLite file. */
class SqliteStoreTest extends StoreConformance {

    @TempDir
    Path dir;

    @Override
    protected Database newDatabase() {
        return Database.sqlite(dir.resolve("fleet.db"));
    }
}
