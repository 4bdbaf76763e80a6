package dev.gait.core.sign;

import dev.gait.core.error.GaitException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;

/** Where the text of a Gait key file comes from: a file, or an environment variable holding the same text. */
public sealed interface KeySource {

    /** A description safe to print: it names the source, never the key. */
    String describe();

    /** The key text (standard base64), untrimmed. */
    String read();

    /** Key files are tiny; anything larger is not a key. */
    int MAX_KEY_TEXT_BYTES = 4096;

    record FileSource(Path path) implements KeySource {
        @Override
        public String describe() {
            return path.toString();
        }

        @Override
        public String read() {
            try (InputStream in = Files.newInputStream(path)) {
                byte[] text = in.readNBytes(MAX_KEY_TEXT_BYTES + 1);
                if (text.length > MAX_KEY_TEXT_BYTES) {
                    throw GaitException.invalidInput("key file " + path + " is too large to be a Gait key");
                }
                return new String(text, StandardCharsets.UTF_8);
            } catch (NoSuchFileException e) {
                throw GaitException.invalidInput("key file not found: " + path, e);
            } catch (IOException e) {
                throw GaitException.invalidInput("cannot read key file " + path + ": " + e.getMessage(), e);
            }
        }
    }

    record EnvSource(String variable, Map<String, String> environment) implements KeySource {
        @Override
        public String describe() {
            return "env:" + variable;
        }

        @Override
        public String read() {
            String value = environment.get(variable);
            if (value == null || value.isBlank()) {
                throw GaitException.invalidInput("environment variable " + variable + " is not set or empty");
            }
            return value;
        }
    }

    /** Key text already read, e.g. by a watcher that reads a key file whole before swapping it in. */
    record TextSource(String description, String text) implements KeySource {
        @Override
        public String describe() {
            return description;
        }

        @Override
        public String read() {
            return text;
        }
    }
}
