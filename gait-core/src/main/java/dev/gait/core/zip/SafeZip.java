package dev.gait.core.zip;

import dev.gait.core.error.ErrorCategory;
import dev.gait.core.error.GaitException;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collections;
import java.util.Enumeration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.Set;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipFile;
import org.apache.commons.compress.utils.SeekableInMemoryByteChannel;

/**
 * Reads Gait archives defensively. Opening checks the structure of the whole central directory:
 * duplicate names, names that could escape a directory (absolute, {@code ..}, backslashes, drive
 * letters), directories, symbolic links and too many entries are verification failures (exit 2).
 * Reading checks every entry's size as it decompresses, so an entry larger than its limit or than
 * the size it declares (a zip bomb) fails without being inflated further. Nothing is extracted to
 * disk. A file that is not a complete zip archive is invalid input (exit 6).
 */
public final class SafeZip implements Closeable {

    /** More entries than any Gait archive has; a guard against hostile directories. */
    public static final int MAX_ENTRIES = 10_000;

    private final ZipFile zip;
    private final Map<String, ZipArchiveEntry> entries;

    private SafeZip(ZipFile zip, Map<String, ZipArchiveEntry> entries) {
        this.zip = zip;
        this.entries = entries;
    }

    public static SafeZip open(Path path) {
        try {
            if (Files.isDirectory(path)) {
                throw GaitException.invalidInput("expected a zip file but found a directory: " + path);
            }
            return open(ZipFile.builder().setSeekableByteChannel(Files.newByteChannel(path)).get(), path.toString());
        } catch (NoSuchFileException e) {
            throw GaitException.invalidInput("file not found: " + path, e);
        } catch (IOException | RuntimeException e) {
            throw notAZip(path.toString(), e);
        }
    }

    public static SafeZip open(byte[] archive, String name) {
        try {
            return open(ZipFile.builder().setSeekableByteChannel(new SeekableInMemoryByteChannel(archive)).get(), name);
        } catch (IOException | RuntimeException e) {
            throw notAZip(name, e);
        }
    }

    private static GaitException notAZip(String name, Exception cause) {
        if (cause instanceof GaitException gait) {
            return gait;
        }
        return GaitException.invalidInput("not a valid zip archive: " + name + ": " + cause.getMessage(), cause);
    }

    private static SafeZip open(ZipFile zip, String name) {
        Map<String, ZipArchiveEntry> entries = new LinkedHashMap<>();
        try {
            Enumeration<ZipArchiveEntry> all = zip.getEntriesInPhysicalOrder();
            while (all.hasMoreElements()) {
                ZipArchiveEntry entry = all.nextElement();
                if (entries.size() >= MAX_ENTRIES) {
                    throw structure(name + ": zip has more than " + MAX_ENTRIES + " entries");
                }
                checkEntry(entry, name);
                if (entries.putIfAbsent(entry.getName(), entry) != null) {
                    throw structure("zip contains duplicate entries: " + entry.getName());
                }
            }
            return new SafeZip(zip, entries);
        } catch (RuntimeException e) {
            ZipFile.closeQuietly(zip);
            throw e;
        }
    }

    private static void checkEntry(ZipArchiveEntry entry, String archive) {
        String entryName = entry.getName();
        if (entry.isDirectory()) {
            throw structure(archive + ": unexpected directory entry " + quote(entryName));
        }
        if (entry.isUnixSymlink()) {
            throw structure(archive + ": symbolic link entry " + quote(entryName));
        }
        if (!isSafeName(entryName)) {
            throw structure(archive + ": unsafe entry name " + quote(entryName));
        }
    }

    /** A relative, forward-slash path without empty, {@code .} or {@code ..} segments. */
    static boolean isSafeName(String name) {
        if (name.isEmpty() || name.startsWith("/") || name.contains("\\") || name.indexOf('\0') >= 0
                || (name.length() > 1 && name.charAt(1) == ':')) {
            return false;
        }
        for (String segment : name.split("/", -1)) {
            if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
                return false;
            }
        }
        return true;
    }

    public Set<String> names() {
        return Collections.unmodifiableSet(entries.keySet());
    }

    public boolean contains(String name) {
        return entries.containsKey(name);
    }

    /** The whole entry, at most {@code maxBytes} long. */
    public byte[] read(String name, long maxBytes) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        copy(name, maxBytes, out);
        return out.toByteArray();
    }

    /** The SHA-256 (lowercase hex) of the entry's content, streamed, at most {@code maxBytes} read. */
    public String sha256Hex(String name, long maxBytes) {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        copy(name, maxBytes, new OutputStream() {
            @Override
            public void write(int b) {
                digest.update((byte) b);
            }

            @Override
            public void write(byte[] b, int off, int len) {
                digest.update(b, off, len);
            }
        });
        return HexFormat.of().formatHex(digest.digest());
    }

    /** Below this much declared content, hashing stays on the calling thread. */
    static final long PARALLEL_THRESHOLD_BYTES = 16L * 1024 * 1024;

    /**
     * The SHA-256 of several entries, keyed by name. Inflating is the cost of verification, and each
     * Deflate stream is sequential, so large archives are hashed one entry per core.
     */
    public Map<String, String> sha256Hex(List<String> names, long maxBytes) {
        long declared = names.stream().mapToLong(name -> Math.max(0, entry(name).getSize())).sum();
        int threads = Math.min(names.size(), Runtime.getRuntime().availableProcessors());
        Map<String, String> digests = new LinkedHashMap<>();
        if (declared < PARALLEL_THRESHOLD_BYTES || threads < 2) {
            names.forEach(name -> digests.put(name, sha256Hex(name, maxBytes)));
            return digests;
        }
        try (ExecutorService pool = Executors.newFixedThreadPool(threads, Thread.ofPlatform().daemon().factory())) {
            Map<String, Future<String>> futures = new LinkedHashMap<>();
            names.forEach(name -> futures.put(name, pool.submit(() -> sha256Hex(name, maxBytes))));
            for (Map.Entry<String, Future<String>> future : futures.entrySet()) {
                digests.put(future.getKey(), join(future.getValue()));
            }
        }
        return digests;
    }

    private static String join(Future<String> future) {
        try {
            return future.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new GaitException(ErrorCategory.INTERNAL, "interrupted while hashing zip entries", e);
        }
    }

    private ZipArchiveEntry entry(String name) {
        ZipArchiveEntry entry = entries.get(name);
        if (entry == null) {
            throw GaitException.invalidInput("zip has no entry " + quote(name));
        }
        return entry;
    }

    private void copy(String name, long maxBytes, OutputStream out) {
        ZipArchiveEntry entry = entry(name);
        long declared = entry.getSize();
        if (declared > maxBytes) {
            throw structure("entry " + quote(name) + " declares " + declared + " bytes, more than the limit of " + maxBytes);
        }
        long limit = declared >= 0 ? declared : maxBytes;
        byte[] buffer = new byte[64 * 1024];
        long total = 0;
        try (InputStream in = zip.getInputStream(entry)) {
            int n;
            while ((n = in.read(buffer)) > 0) {
                total += n;
                if (total > limit) {
                    throw structure("entry " + quote(name) + " inflates beyond " + (declared >= 0
                            ? "its declared size of " + declared + " bytes" : "the limit of " + maxBytes + " bytes"));
                }
                out.write(buffer, 0, n);
            }
        } catch (IOException | RuntimeException e) {
            if (e instanceof GaitException gait) {
                throw gait;
            }
            throw structure("entry " + quote(name) + " cannot be read: " + e.getMessage());
        }
        if (declared >= 0 && total != declared) {
            throw structure("entry " + quote(name) + " is shorter than its declared size (" + total + " of " + declared + " bytes)");
        }
    }

    private static GaitException structure(String message) {
        return new GaitException(ErrorCategory.VERIFICATION_FAILED, message);
    }

    private static String quote(String name) {
        return "\"" + name.replace("\"", "\\\"") + "\"";
    }

    @Override
    public void close() {
        ZipFile.closeQuietly(zip);
    }
}
