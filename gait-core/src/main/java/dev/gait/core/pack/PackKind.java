package dev.gait.core.pack;

import dev.gait.core.error.GaitException;
import dev.gait.core.runpack.RunpackFiles;
import dev.gait.core.zip.SafeZip;

/**
 * The families {@code gait pack verify|inspect|diff} read, told apart as Gait v1 does: a PackSpec
 * pack, or a legacy runpack (a {@code manifest.json} and no {@code pack_manifest.json}). The third
 * family, the legacy guard evidence pack ({@code pack_manifest.json} with schema
 * {@code gait.guard.pack_manifest}), belongs to {@code gait guard verify}.
 */
public enum PackKind {
    PACK, RUNPACK;

    public static final String GUARD_SCHEMA_ID = "gait.guard.pack_manifest";

    /** Whether the archive is a legacy guard evidence pack (checked by {@code gait guard verify}). */
    public static boolean isGuardPack(SafeZip zip) {
        return zip.contains(PackFiles.MANIFEST)
                && PackManifest.schemaIdOf(zip.read(PackFiles.MANIFEST, PackFiles.MAX_ENTRY_BYTES)).equals(GUARD_SCHEMA_ID);
    }

    public static PackKind of(SafeZip zip, String path) {
        if (!zip.contains(PackFiles.MANIFEST)) {
            if (zip.contains(RunpackFiles.MANIFEST)) {
                return RUNPACK;
            }
            throw GaitException.invalidInput("missing " + PackFiles.MANIFEST + " in " + path);
        }
        if (isGuardPack(zip)) {
            throw GaitException.invalidInput(path + " is a guard evidence pack (" + GUARD_SCHEMA_ID
                    + "); check it with `gait guard verify " + path + "`");
        }
        return PACK;
    }
}
