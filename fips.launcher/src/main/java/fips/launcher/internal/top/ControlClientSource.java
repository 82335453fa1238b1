package fips.launcher.internal.top;

import fips.json.JNode;
import fips.launcher.internal.control.ControlClient;

/** {@link TopSource} over the launcher's {@link ControlClient} (one connection per request). */
public final class ControlClientSource implements TopSource {
    private final ControlClient client;

    public ControlClientSource(ControlClient client) {
        this.client = client;
    }

    @Override
    public JNode request(String command, JNode params) throws SourceException {
        try {
            return client.request(command, params);
        } catch (ControlClient.ControlException e) {
            Kind k = switch (e.kind()) {
                case NOT_RUNNING -> Kind.NOT_RUNNING;
                case PERMISSION_DENIED -> Kind.PERMISSION_DENIED;
                case TIMEOUT -> Kind.TIMEOUT;
                case ERROR_REPLY -> Kind.ERROR_REPLY;
                case BAD_REPLY -> Kind.BAD_REPLY;
            };
            throw new SourceException(k, e.getMessage());
        }
    }
}
