package fips.json;

/** Malformed JSON, or a JSON value of the wrong shape; the message says where and what. */
public final class JsonException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    public JsonException(String message) {
        super(message);
    }
}
