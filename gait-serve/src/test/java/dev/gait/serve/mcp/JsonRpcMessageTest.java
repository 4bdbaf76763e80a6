package dev.gait.serve.mcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gait.core.json.JsonException;
import dev.gait.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class JsonRpcMessageTest {

    private static JsonRpcMessage parse(String text) {
        return JsonRpcMessage.parse(text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void an_answer_echoes_the_id_exactly_as_the_client_wrote_it() {
        JsonRpcMessage big = parse("{\"jsonrpc\":\"2.0\",\"method\":\"tools/call\",\"params\":{\"id\":1},\"id\":12345678901234567890}");
        assertThat(big.rawId()).isEqualTo("12345678901234567890");
        assertThat(new String(JsonRpcMessage.result(big.rawId(), JsonObject.EMPTY), StandardCharsets.UTF_8))
                .isEqualTo("{\"jsonrpc\":\"2.0\",\"id\":12345678901234567890,\"result\":{}}");
        assertThat(parse("{\"jsonrpc\":\"2.0\",\"id\":\"a\\\"b\",\"method\":\"ping\"}").rawId()).isEqualTo("\"a\\\"b\"");
    }

    @Test
    void kinds_of_messages() {
        assertThat(parse("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"}").isRequest()).isTrue();
        JsonRpcMessage notification = parse("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}");
        assertThat(notification.isRequest()).isFalse();
        assertThat(notification.rawId()).isNull();
        assertThat(parse("{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{}}").isResponse()).isTrue();
    }

    @Test
    void anything_but_one_json_rpc_2_object_is_refused() {
        for (String text : new String[] {"garbage", "[{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"}]", "{\"id\":1,\"method\":\"ping\"}",
                "{\"jsonrpc\":\"2.0\",\"id\":{},\"method\":\"ping\"}"}) {
            assertThatThrownBy(() -> parse(text)).as(text).isInstanceOf(JsonException.class);
        }
    }
}
