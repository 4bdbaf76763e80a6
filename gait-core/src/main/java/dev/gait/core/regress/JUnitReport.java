package dev.gait.core.regress;

import java.nio.charset.StandardCharsets;

/**
 * A regress result as JUnit XML, laid out as Gait v1 writes it (Go's {@code xml.MarshalIndent}
 * with two spaces): one {@code testsuite} named {@code gait.regress.<fixture_set>}, one
 * {@code testcase} per grader ({@code name} the grader, {@code classname} the fixture), and a
 * {@code failure} of type {@code regress_failure} whose message and body are the reason codes.
 * The suite carries the counts CI report readers expect; nothing is skipped or errored, and time is 0.
 */
public final class JUnitReport {

    private JUnitReport() {}

    public static byte[] render(RegressResult result) {
        long tests = result.graders().size();
        long failures = result.failed();
        String counts = " tests=\"" + tests + "\" failures=\"" + failures + "\" errors=\"0\" skipped=\"0\" time=\"0\"";
        String suite = "gait.regress" + (result.fixtureSet().isEmpty() ? "" : "." + result.fixtureSet());
        StringBuilder xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        xml.append("<testsuites").append(counts).append(">\n");
        xml.append("  <testsuite name=\"").append(escape(suite)).append('"').append(counts).append(">\n");
        for (GraderResult grader : result.graders()) {
            int slash = grader.name().indexOf('/');
            String fixture = slash < 0 ? "regress" : grader.name().substring(0, slash);
            String name = grader.name().substring(slash + 1);
            xml.append("    <testcase name=\"").append(escape(name)).append("\" classname=\"").append(escape(fixture))
                    .append("\" time=\"0\">");
            if (!grader.passed()) {
                String reasons = String.join(",", Regress.uniqueSorted(grader.reasonCodes()));
                String message = escape(reasons.isEmpty() ? "failed" : reasons);
                xml.append("\n      <failure message=\"").append(message).append("\" type=\"regress_failure\">")
                        .append(message).append("</failure>\n    ");
            }
            xml.append("</testcase>\n");
        }
        xml.append("  </testsuite>\n</testsuites>\n");
        return xml.toString().getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Go's XML escaping, used for attributes and text alike: markup characters and whitespace
     * controls become references, and what XML cannot hold becomes U+FFFD.
     */
    static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length());
        text.codePoints().forEach(c -> {
            switch (c) {
                case '"' -> out.append("&#34;");
                case '\'' -> out.append("&#39;");
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '\t' -> out.append("&#x9;");
                case '\n' -> out.append("&#xA;");
                case '\r' -> out.append("&#xD;");
                default -> out.appendCodePoint(isXmlChar(c) ? c : 0xFFFD);
            }
        });
        return out.toString();
    }

    private static boolean isXmlChar(int c) {
        return (c >= 0x20 && c <= 0xD7FF) || (c >= 0xE000 && c <= 0xFFFD) || (c >= 0x10000 && c <= 0x10FFFF);
    }
}
