package dev.gait.serve.mcp;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * Reads newline-delimited messages (the MCP stdio framing) with a size limit: a line longer than
 * the limit is consumed to its end and reported as {@link #OVERSIZE}, so one huge message neither
 * exhausts memory nor desynchronises the stream.
 */
final class LineReader {
    /** Returned in place of a line that exceeded the limit. */
    static final byte[] OVERSIZE = new byte[0];

    private final InputStream in;
    private final int maxBytes;
    private final byte[] buffer = new byte[8192];
    private int position;
    private int limit;

    LineReader(InputStream in, int maxBytes) {
        this.in = in;
        this.maxBytes = maxBytes;
    }

    /** The next non-blank line without its line end, {@link #OVERSIZE}, or null at the end of the stream. */
    byte[] next() throws IOException {
        while (true) {
            ByteArrayOutputStream line = new ByteArrayOutputStream();
            boolean oversize = false;
            while (true) {
                if (position == limit) {
                    limit = in.read(buffer);
                    position = 0;
                    if (limit <= 0) {
                        limit = 0;
                        return line.size() == 0 && !oversize ? null : oversize ? OVERSIZE : strip(line.toByteArray());
                    }
                }
                int start = position;
                while (position < limit && buffer[position] != '\n') {
                    position++;
                }
                if (!oversize) {
                    line.write(buffer, start, position - start);
                    if (line.size() > maxBytes) {
                        oversize = true;
                        line.reset();
                    }
                }
                if (position < limit) {
                    position++; // the newline
                    break;
                }
            }
            if (oversize) {
                return OVERSIZE;
            }
            byte[] text = strip(line.toByteArray());
            if (text.length > 0) {
                return text;
            }
        }
    }

    /** Drops a carriage return before the newline and surrounding blanks. */
    private static byte[] strip(byte[] line) {
        int from = 0;
        int to = line.length;
        while (from < to && isBlank(line[from])) {
            from++;
        }
        while (to > from && isBlank(line[to - 1])) {
            to--;
        }
        return from == 0 && to == line.length ? line : Arrays.copyOfRange(line, from, to);
    }

    private static boolean isBlank(byte b) {
        return b == ' ' || b == '\t' || b == '\r';
    }
}
