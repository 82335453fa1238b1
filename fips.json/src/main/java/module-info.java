/**
 * A strict JSON reader and writer with no dependencies: the control socket's
 * line-delimited JSON, the conformance kit, and every layer's tests against
 * the known-answer vectors read it. It sits below the protocol modules so that
 * each of them can use it in its tests.
 */
module fips.json {
    exports fips.json;
}
