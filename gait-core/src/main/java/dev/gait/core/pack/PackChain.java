package dev.gait.core.pack;

import dev.gait.core.error.GaitException;
import dev.gait.core.zip.SafeZip;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Checks a pack's link to its predecessor: the predecessor, found as a given file or in a given
 * directory ({@code pack_<pack_id>.zip}, else any pack there with that id), must have exactly the
 * pack id the link names and pass verification under the same trust as the pack that names it.
 */
public final class PackChain {

    /** Where a predecessor may be: a pack file, or a directory of packs. */
    private final Path location;

    public PackChain(Path location) {
        this.location = location;
    }

    /** Empty when the link holds; otherwise why it does not. */
    String check(Predecessor predecessor, List<byte[]> trustedKeys, boolean requireSignature) {
        Optional<Path> file = find(predecessor.packId());
        if (file.isEmpty()) {
            return "predecessor pack " + predecessor.packId() + " not found in " + location;
        }
        try (SafeZip zip = SafeZip.open(file.get())) {
            PackReport report = PackVerifier.verify(zip, file.get().toString(),
                    new PackVerifier.Options(trustedKeys, requireSignature, Optional.empty()));
            if (!report.packId().equals(predecessor.packId())) {
                return "predecessor " + file.get().getFileName() + " has pack_id " + report.packId() + ", the link names "
                        + predecessor.packId();
            }
            return report.ok() ? "" : "predecessor " + file.get().getFileName() + " failed verification: " + report.failure();
        } catch (GaitException e) {
            return "predecessor " + file.get().getFileName() + ": " + e.getMessage();
        }
    }

    private Optional<Path> find(String packId) {
        if (!Files.isDirectory(location)) {
            return Files.isRegularFile(location) ? Optional.of(location) : Optional.empty();
        }
        Path named = location.resolve(PackFiles.fileName(packId));
        if (Files.isRegularFile(named)) {
            return Optional.of(named);
        }
        try (Stream<Path> files = Files.list(location)) {
            List<Path> zips = files.filter(p -> p.getFileName().toString().endsWith(".zip") && Files.isRegularFile(p)).sorted().toList();
            return zips.stream().filter(zip -> packIdOf(zip).equals(packId)).findFirst();
        } catch (IOException e) {
            throw GaitException.io("cannot list " + location + ": " + e.getMessage(), e);
        }
    }

    private static String packIdOf(Path zip) {
        try (SafeZip opened = SafeZip.open(zip)) {
            return PackManifest.parse(opened.read(PackFiles.MANIFEST, PackFiles.MAX_ENTRY_BYTES)).packId();
        } catch (GaitException e) {
            return "";
        }
    }
}
