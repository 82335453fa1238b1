package fips.launcher.internal.top;

import fips.json.JNode;

/**
 * One control-socket request (reference/control-socket.md "Request Format"): the command and its
 * optional params object; answers the reply's {@code data}. Implementations: {@link ControlClientSource}
 * (the daemon) and fakes in tests.
 */
public interface TopSource {

    /** Sends {@code command} with {@code params} (null: none) and answers {@code data} of an ok reply. */
    JNode request(String command, JNode params) throws SourceException;

    /** Why a request failed; mirrors the control client's failure kinds. */
    enum Kind {
        /** No daemon at the socket path (absent, or nothing listening). */
        NOT_RUNNING,
        PERMISSION_DENIED,
        TIMEOUT,
        /** The daemon answered {@code {"status":"error",...}}. */
        ERROR_REPLY,
        /** The reply was not the protocol's JSON line. */
        BAD_REPLY
    }

    /** A failed request, with an operator-readable message. */
    final class SourceException extends Exception {
        private static final long serialVersionUID = 1L;
        private final Kind kind;

        public SourceException(Kind kind, String message) {
            super(message);
            this.kind = kind;
        }

        public Kind kind() {
            return kind;
        }

        /** Whether the daemon could not be reached at all (as opposed to answering badly). */
        public boolean unreachable() {
            return kind == Kind.NOT_RUNNING || kind == Kind.PERMISSION_DENIED || kind == Kind.TIMEOUT;
        }
    }
}
