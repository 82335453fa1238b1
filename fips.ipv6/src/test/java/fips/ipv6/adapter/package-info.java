/**
 * Tests of the adapter core with {@code FakeSessions} and {@code RecordingTun}:
 * each branch of INTEROP.md 9.3 in order, inbound 9.4, and an allocation check
 * of the steady-state paths ({@code Allocation}).
 */
package fips.ipv6.adapter;
