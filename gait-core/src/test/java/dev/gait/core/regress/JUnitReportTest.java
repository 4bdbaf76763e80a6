package dev.gait.core.regress;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gait.core.json.JsonObject;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/** The JUnit report: Gait v1's layout, and well-formed XML whatever the names hold. */
class JUnitReportTest {

    private static RegressResult result(String fixtureSet, String fixture) {
        return new RegressResult(OffsetDateTime.of(2026, 2, 5, 0, 0, 0, 0, ZoneOffset.UTC), "0.0.0-dev", fixtureSet, List.of(
                new GraderResult(fixture + "/diff", true, List.of(), "", JsonObject.EMPTY),
                new GraderResult(fixture + "/expected_exit_code", false, List.of("unexpected_exit_code"), "", JsonObject.EMPTY),
                new GraderResult(fixture + "/trajectory", false, List.of("unexpected_verdict_sequence", "unexpected_tool_sequence"),
                        "", JsonObject.EMPTY),
                new GraderResult("unqualified", false, List.of(), "", JsonObject.EMPTY)));
    }

    @Test
    void the_report_is_laid_out_as_gait_v1_writes_it() {
        assertThat(new String(JUnitReport.render(result("default", "run_demo")), StandardCharsets.UTF_8)).isEqualTo("""
                <?xml version="1.0" encoding="UTF-8"?>
                <testsuites tests="4" failures="3" errors="0" skipped="0" time="0">
                  <testsuite name="gait.regress.default" tests="4" failures="3" errors="0" skipped="0" time="0">
                    <testcase name="diff" classname="run_demo" time="0"></testcase>
                    <testcase name="expected_exit_code" classname="run_demo" time="0">
                      <failure message="unexpected_exit_code" type="regress_failure">unexpected_exit_code</failure>
                    </testcase>
                    <testcase name="trajectory" classname="run_demo" time="0">
                      <failure message="unexpected_tool_sequence,unexpected_verdict_sequence" type="regress_failure">unexpected_tool_sequence,unexpected_verdict_sequence</failure>
                    </testcase>
                    <testcase name="unqualified" classname="regress" time="0">
                      <failure message="failed" type="regress_failure">failed</failure>
                    </testcase>
                  </testsuite>
                </testsuites>
                """);
    }

    @Test
    void markup_quotes_controls_and_unpaired_surrogates_in_names_stay_well_formed() throws Exception {
        String hostileSet = "a<b>&\"c'\td\ne\r\u0001\ud800";
        String hostileFixture = "x&<y>";
        byte[] xml = JUnitReport.render(result(hostileSet, hostileFixture));
        assertThat(new String(xml, StandardCharsets.UTF_8))
                .contains("name=\"gait.regress.a&lt;b&gt;&amp;&#34;c&#39;&#x9;d&#xA;e&#xD;\ufffd\ufffd\"");

        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        Document document = factory.newDocumentBuilder().parse(new ByteArrayInputStream(xml));
        Element suite = (Element) document.getElementsByTagName("testsuite").item(0);
        assertThat(suite.getAttribute("name")).isEqualTo("gait.regress.a<b>&\"c'\td\ne\r\ufffd\ufffd");
        Element testcase = (Element) document.getElementsByTagName("testcase").item(1);
        assertThat(testcase.getAttribute("classname")).isEqualTo(hostileFixture);
    }
}
