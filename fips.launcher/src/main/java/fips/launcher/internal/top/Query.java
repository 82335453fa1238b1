package fips.launcher.internal.top;

import fips.json.JNode;
import fips.json.Json;
import java.util.Map;

/**
 * One query a tab needs: a control command, its params (null: none) and which socket it goes to (the
 * daemon's, or the gateway's for the Gateway tab; reference/cli-fipstop.md "Tabs").
 */
public record Query(String command, Map<String, Object> params, boolean gateway) {

    public static Query daemon(String command) {
        return new Query(command, null, false);
    }

    public static Query daemon(String command, Map<String, Object> params) {
        return new Query(command, params, false);
    }

    public static Query gateway(String command) {
        return new Query(command, null, true);
    }

    /** The key a reply is stored under in a {@link Snapshot}: same command and params, same key. */
    public String key() {
        return (gateway ? "gateway:" : "") + command + (params == null ? "" : " " + Json.write(params));
    }

    public JNode paramsNode() {
        return params == null ? null : JNode.of(params, "params");
    }
}
