/**
 * Linux system calls through the FFM API: sockets, poll, batched datagram
 * I/O, TUN devices, rtnetlink configuration, errno capture and the C struct
 * layouts they take. No JNI, no helper
 * processes. This is the one module that links native code for the rest
 * of the node, so the JVM needs {@code --enable-native-access=fips.sys}.
 *
 * <p>Availability is probed once ({@link fips.sys.Syscalls#available()}); a
 * caller that finds it unavailable falls back to a JDK implementation or
 * reports {@link fips.sys.Syscalls#unavailableReason()}.
 */
module fips.sys {
    exports fips.sys;
}
