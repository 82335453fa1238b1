package fips.launcher.internal.control;

import fips.json.JNode;
import fips.json.Json;
import fips.json.JsonException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The framing both ends of the control socket share (reference/control-socket.md
 * "Request Format", "Response Format"; INTEROP.md 13): one {@code \n}-terminated
 * JSON object each way, {@code {"command","params"?}} in and
 * {@code {"status":"ok","data"}} or {@code {"status":"error","message"}} out.
 * The error texts the reference names are constants here.
 */
public final class ControlProtocol {
    private ControlProtocol() {}

    /** reference/control-socket.md "Request Format": the request line, its newline included. */
    public static final int MAX_REQUEST_BYTES = 4096;
    /** reference/control-socket.md "I/O timeouts": request read and reply write, each. */
    public static final Duration IO_TIMEOUT = Duration.ofSeconds(5);

    // reference/control-socket.md "Common error messages".
    public static final String EMPTY_REQUEST = "empty request";
    public static final String TOO_LARGE = "request too large";
    public static final String READ_TIMEOUT = "read timeout";
    public static final String QUERY_TIMEOUT = "query timeout";
    public static final String SHUTTING_DOWN = "node shutting down";

    /** A decoded request; {@code params} is null when absent or JSON null. */
    public record Request(String command, JNode params) {}

    /**
     * Decodes one request line (without its newline). Unknown top-level fields
     * are ignored.
     *
     * @throws ControlError {@code invalid request: ...} naming what is wrong
     */
    public static Request parseRequest(String line) throws ControlError {
        Object v;
        try {
            v = Json.parse(line);
        } catch (JsonException e) {
            throw new ControlError("invalid request: " + e.getMessage());
        }
        JNode root = JNode.of(v, "");
        if (!root.isObject()) {
            throw new ControlError("invalid request: expected a JSON object, got " + kind(root));
        }
        JNode cmd = root.opt("command");
        if (cmd == null || cmd.isNull()) {
            throw new ControlError("invalid request: missing field `command`");
        }
        String command;
        try {
            command = cmd.str();
        } catch (JsonException e) {
            throw new ControlError("invalid request: " + e.getMessage());
        }
        JNode params = root.opt("params");
        if (params != null && params.isNull()) {
            params = null;
        }
        if (params != null && !params.isObject()) {
            throw new ControlError("invalid request: params: expected an object, got " + kind(params));
        }
        return new Request(command, params);
    }

    /** The JSON type of {@code n}, for messages. */
    static String kind(JNode n) {
        Object r = n.raw();
        if (n.isNull()) return "null";
        if (n.isObject()) return "an object";
        if (n.isArray()) return "an array";
        if (r instanceof String) return "a string";
        if (r instanceof Boolean) return "a boolean";
        return "a number";
    }

    /** A request line, newline included; {@code params} may be null (then omitted). */
    public static byte[] requestLine(String command, JNode params) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("command", command);
        if (params != null) {
            m.put("params", params.raw());
        }
        return line(m);
    }

    public static byte[] okReply(JNode data) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("status", "ok");
        m.put("data", data == null ? Json.NULL : data.raw());
        return line(m);
    }

    public static byte[] errorReply(String message) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("status", "error");
        m.put("message", message);
        return line(m);
    }

    private static byte[] line(Map<String, Object> m) {
        return (Json.write(m) + "\n").getBytes(StandardCharsets.UTF_8);
    }

    // ---------------------------------------------------------------- parameter helpers for handlers

    /** The params object of a command that needs one, else {@code missing params for <command>}. */
    public static JNode requireParams(String command, JNode params) throws ControlError {
        if (params == null) {
            throw new ControlError("missing params for " + command);
        }
        return params;
    }

    /** A required string parameter, else {@code missing '<field>' parameter}. */
    public static String requireString(JNode params, String field) throws ControlError {
        JNode v = params.opt(field);
        if (v == null || v.isNull()) {
            throw new ControlError("missing '" + field + "' parameter");
        }
        try {
            return v.str();
        } catch (JsonException e) {
            throw new ControlError("invalid '" + field + "' parameter: expected a string");
        }
    }
}
