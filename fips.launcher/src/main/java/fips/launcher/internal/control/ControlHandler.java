package fips.launcher.internal.control;

import fips.json.JNode;

/**
 * Answers one control request (reference/control-socket.md "Daemon Command
 * Catalog"). Called on a control-socket worker thread, never on the protocol
 * thread; several calls may run at once. An implementation that needs the
 * protocol thread must hand the work over and wait with a bound (see
 * {@link NodeControl}).
 */
@FunctionalInterface
public interface ControlHandler {
    /**
     * @param command the request's {@code command}
     * @param params the request's {@code params} object, or null when the request had none (or {@code null})
     * @return the reply's {@code data}
     * @throws ControlError the request is refused; the message is sent to the client as it is
     */
    JNode handle(String command, JNode params) throws ControlError;
}
